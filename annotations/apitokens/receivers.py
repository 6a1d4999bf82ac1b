"""A password change revokes the user's API tokens (sessions are ended by Django itself)."""
from django.contrib.auth import get_user_model
from django.db.models.signals import pre_save
from django.dispatch import receiver

from annotations.apitokens.services import api_tokens_revoke_for_user


@receiver(pre_save, sender=get_user_model(), dispatch_uid="apitokens-revoke-on-password-change")
def revoke_tokens_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs) -> None:
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        api_tokens_revoke_for_user(user_id=instance.pk)

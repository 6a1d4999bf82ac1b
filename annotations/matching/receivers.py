"""The matching index follows the desk: edited claims and published reports are (re)indexed in the
transaction that changed them, so "checked before?" never waits for a later claim to be matched."""
from django.dispatch import receiver

from annotations.matching.services import claim_text_changed, report_items_index
from annotations.signals import claim_text_edited, report_published


@receiver(claim_text_edited, dispatch_uid="matching.claim_text_edited")
def _claim_text_edited(sender, *, claim, **kwargs) -> None:
    claim_text_changed(claim=claim)


@receiver(report_published, dispatch_uid="matching.report_published")
def _report_published(sender, *, revision, **kwargs) -> None:
    report_items_index()

from django.dispatch import receiver

from annotations.dashboard.services import final_verdict_record
from annotations.signals import verdict_finalized


@receiver(verdict_finalized, dispatch_uid="dashboard.verdict_finalized")
def _verdict_finalized(sender, *, claim, **kwargs) -> None:
    final_verdict_record(claim=claim)

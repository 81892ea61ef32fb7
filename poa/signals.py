"""Coverage follows the case and the household: a new case, or a household that starts
filing jointly (the spouse then needs a 2848 too), gets its answer recomputed."""

from django.db.models.signals import post_save
from django.dispatch import receiver


@receiver(post_save, sender="cases.Case", dispatch_uid="poa.case_saved")
def _case_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    from poa.services import coverage_refresh

    coverage_refresh(cases=[instance])


@receiver(post_save, sender="clients.Client", dispatch_uid="poa.client_saved")
def _client_saved(sender, instance, created, raw=False, **kwargs):
    if raw or created:
        return
    from poa.services import coverage_refresh

    coverage_refresh(client_ids=[instance.pk])

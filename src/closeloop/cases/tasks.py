from datetime import timedelta

from celery import shared_task
from django.conf import settings

from closeloop.cases.duplicates import signatures_prune
from closeloop.cases.services import intake_keys_purge
from closeloop.core import clock


@shared_task(name="closeloop.cases.tasks.intake_keys_purge")
def intake_keys_purge_task() -> dict[str, int]:
    before = clock.now() - timedelta(days=settings.INTAKE_KEY_RETENTION_DAYS)
    return {"purged": intake_keys_purge(before=before)}


@shared_task(name="closeloop.cases.tasks.signatures_prune")
def signatures_prune_task() -> dict[str, int]:
    return {"pruned": signatures_prune()}

from datetime import timedelta

from celery import shared_task
from django.conf import settings

from closeloop.cases import duplicates
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


@shared_task(name="closeloop.cases.tasks.case_screen")
def case_screen_task(case_id: int) -> dict[str, int]:
    """What intake leaves for after its commit: duplicate and repeat screening, then the assist's
    reading (which escalates an angry customer). The assist builds on the cases app, hence the
    import here."""
    from closeloop.assist.services import case_screen as assist_screen

    screened = duplicates.case_screen(case_id)
    insight = assist_screen(case_id)
    return {
        "screened": int(screened),
        "analysed": int(insight is not None),
        "escalated": int(bool(insight and insight.escalated)),
    }


@shared_task(name="closeloop.cases.tasks.screening_sweep")
def screening_sweep_task() -> dict[str, int]:
    """Screen the cases whose task never ran (the broker or the worker was down at the time)."""
    lost = duplicates.unscreened(
        registered_before=clock.now() - timedelta(seconds=settings.SCREENING_GRACE), limit=500
    )
    for case_id in lost:
        case_screen_task(case_id)
    return {"screened": len(lost)}

from collections.abc import Sequence

from celery import shared_task

from closeloop.sla.services import sla_step_notices, sla_sweep


@shared_task(name="closeloop.sla.tasks.sla_sweep")
def sla_sweep_task() -> dict[str, int]:
    return sla_sweep().as_dict()


@shared_task(name="closeloop.sla.tasks.sla_step_notices")
def sla_step_notices_task(step_ids: Sequence[int]) -> int:
    return sla_step_notices(step_ids=step_ids)

from celery import shared_task

from closeloop.sla.services import sla_sweep


@shared_task(name="closeloop.sla.tasks.sla_sweep")
def sla_sweep_task() -> dict[str, int]:
    return sla_sweep().as_dict()

from celery import shared_task

from closeloop.assist.services import models_retrain


@shared_task(name="closeloop.assist.tasks.models_retrain")
def models_retrain_task() -> dict[str, int]:
    return models_retrain()

from celery import shared_task

from closeloop.assist.services import case_screen, models_retrain


@shared_task(name="closeloop.assist.tasks.case_screen")
def case_screen_task(case_id: int) -> dict[str, int]:
    insight = case_screen(case_id)
    return {"screened": int(insight is not None), "escalated": int(bool(insight and insight.escalated))}


@shared_task(name="closeloop.assist.tasks.models_retrain")
def models_retrain_task() -> dict[str, int]:
    return models_retrain()

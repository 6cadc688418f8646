from celery import shared_task

from closeloop.core.db import statistics_refresh


@shared_task(name="closeloop.core.tasks.statistics_refresh")
def statistics_refresh_task() -> dict[str, int]:
    return {"analysed": int(statistics_refresh())}

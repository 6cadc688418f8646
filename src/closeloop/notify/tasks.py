from celery import shared_task

from closeloop.notify import services


@shared_task(name="closeloop.notify.tasks.deliveries_send")
def deliveries_send_task() -> dict[str, int]:
    return services.deliveries_send()

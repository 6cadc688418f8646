from celery import shared_task

from closeloop.supervision.services import order_notices


@shared_task(name="closeloop.supervision.tasks.order_notices")
def order_notices_task(order_ids: list[int], kind: str) -> int:
    return order_notices(order_ids=order_ids, kind=kind)

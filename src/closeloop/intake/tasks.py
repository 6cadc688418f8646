from celery import shared_task

from closeloop.intake.services import mailboxes_poll


@shared_task(name="closeloop.intake.tasks.mailboxes_poll")
def mailboxes_poll_task() -> dict[str, int]:
    return mailboxes_poll()

"""The assist follows the case's audit events: it reads each new case once it is committed, and
counts the dispatch choice at the first assignment."""

from django.db import transaction
from django.dispatch import receiver

from closeloop.cases.choices import Action
from closeloop.cases.signals import case_event_recorded


@receiver(case_event_recorded, dispatch_uid="assist-case-events")
def _case_event(sender, *, case, event, **kwargs) -> None:
    from closeloop.assist import services, tasks

    if event.action == Action.REGISTER:
        # After commit, on a worker when there is one: the intake answers at once, and the case
        # the screening locks is already there to lock.
        case_id = case.pk
        transaction.on_commit(lambda: tasks.case_screen_task.delay(case_id), robust=True)
    elif event.action == Action.ASSIGN:
        services.dispatch_decisions_record(case, event.actor)

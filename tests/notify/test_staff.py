"""Staff notifications: inbox rows and e-mails, idempotent by key, rendered per kind and language."""

import math
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from closeloop.core import clock
from closeloop.notify import services
from closeloop.notify.choices import STAFF_KINDS, Channel, Kind
from closeloop.notify.models import Delivery, Notification
from closeloop.notify.services import StaffMessage


@pytest.fixture
def handler(staff):
    user = staff["handler"]
    user.email = "handler@example.com"
    user.language = "en"
    user.save()
    return user


def order(**overrides) -> SimpleNamespace:
    """The fields of a supervision order the templates read."""
    values = {
        "number": "D20250101-0001",
        "reason": "No progress for three days",
        "instructions": "Call the customer today",
        "due_at": clock.now() + timedelta(days=1),
        "reply": "Called, refund under way",
        "replied_by": "handler",
    }
    values.update(overrides)
    return SimpleNamespace(**values)


CONTEXT = {
    Kind.CASE_ASSIGNED: {},
    Kind.SLA_WARNING: {"deadline": "response"},
    Kind.SLA_BREACHED: {"deadline": "resolution"},
    Kind.ESCALATED: {"order": order()},
    Kind.SUPERVISION_ORDER_REPLIED: {"order": order()},
    Kind.SUPERVISION_ORDER_OVERDUE: {"order": order()},
    Kind.CUSTOMER_CONTACTED: {"channel": "email"},
}


@pytest.mark.parametrize("kind", sorted(STAFF_KINDS))
def test_every_staff_kind_renders_a_subject_and_a_body_with_an_absolute_case_link(
    settings, register, handler, kind
):
    settings.SITE_URL = "https://closeloop.example.org"
    case = register()
    created = services.notify_staff(
        recipients=[handler], kind=kind, case=case, context=CONTEXT[kind], key=f"test:{kind}"
    )
    assert created == 1
    note = Notification.objects.get(recipient=handler, key=f"test:{kind}")
    assert case.number in note.subject and "\n" not in note.subject
    assert f"https://closeloop.example.org/cases/{case.number}/" in note.body
    assert note.link == f"/cases/{case.number}/"
    assert "{{" not in note.body and "{%" not in note.body
    mail = Delivery.objects.get(channel=Channel.EMAIL, key=f"test:{kind}")
    assert (mail.address, mail.subject, mail.body, mail.language) == (
        "handler@example.com",
        note.subject,
        note.body,
        "en",
    )


def test_each_kind_has_its_own_text(register, handler):
    case = register()
    for kind, context in CONTEXT.items():
        services.notify_staff(recipients=[handler], kind=kind, case=case, context=context, key=f"k:{kind}")
    subjects = set(Notification.objects.filter(key__startswith="k:").values_list("subject", flat=True))
    assert len(subjects) == len(CONTEXT)


def test_sla_message_names_the_clock_and_its_time(register, handler):
    case = register()
    services.notify_staff(
        recipients=[handler],
        kind=Kind.SLA_WARNING,
        case=case,
        context={"deadline": "response"},
        key="test:warn",
    )
    body = Notification.objects.get(key="test:warn").body
    assert "Deadline: First response" in body
    assert str(case.response_due_at.astimezone().year) in body


def test_the_same_key_notifies_once(register, handler):
    case = register()
    first = services.notify_staff(
        recipients=[handler], kind=Kind.CASE_ASSIGNED, case=case, context={}, key="test:assigned:1"
    )
    again = services.notify_staff(
        recipients=[handler], kind=Kind.CASE_ASSIGNED, case=case, context={}, key="test:assigned:1"
    )
    assert (first, again) == (1, 0)
    assert Notification.objects.filter(key="test:assigned:1").count() == 1
    assert Delivery.objects.filter(key="test:assigned:1").count() == 1


def test_the_same_key_within_one_batch_counts_once(register, handler, staff):
    case = register()
    message = StaffMessage(recipient=handler, kind=Kind.CASE_ASSIGNED, case=case, context={}, key="test:dup")
    other = StaffMessage(
        recipient=staff["supervisor"], kind=Kind.CASE_ASSIGNED, case=case, context={}, key="test:dup"
    )
    assert services.notify_staff_many([message, message, other]) == 2
    assert Notification.objects.filter(key="test:dup").count() == 2


def test_no_email_address_means_inbox_only(register, staff):
    supervisor = staff["supervisor"]
    assert not supervisor.email
    services.notify_staff(
        recipients=[supervisor], kind=Kind.CASE_ASSIGNED, case=register(), context={}, key="test:no-mail"
    )
    assert Notification.objects.filter(recipient=supervisor, key="test:no-mail").exists()
    assert not Delivery.objects.filter(key="test:no-mail").exists()


def test_staff_messages_follow_the_recipients_language(register, handler, staff):
    chinese = staff["supervisor"]
    chinese.language = "zh-hans"
    chinese.email = "supervisor@example.com"
    chinese.save()
    services.notify_staff(
        recipients=[handler, chinese], kind=Kind.CASE_ASSIGNED, case=register(), context={}, key="test:lang"
    )
    languages = dict(Delivery.objects.filter(key="test:lang").values_list("address", "language"))
    assert languages == {"handler@example.com": "en", "supervisor@example.com": "zh-hans"}


def test_a_missing_required_context_key_is_a_programming_error(register, handler):
    with pytest.raises(ValueError, match="order"):
        services.notify_staff(
            recipients=[handler], kind=Kind.ESCALATED, case=register(), context={}, key="test:bad"
        )


def _insert_batches(model, rows: int) -> int:
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    return math.ceil(rows / connection.ops.bulk_batch_size(fields, [None] * rows))


@pytest.mark.parametrize("count", [10, 1000])
def test_a_batch_costs_the_same_few_queries_whatever_its_size(
    register, handler, staff, django_assert_max_num_queries, count
):
    """One lookup of existing keys and one bulk insert per table. SQLite splits a bulk insert into
    batches of at most 999 parameters; those extra INSERTs are the only growth allowed."""
    case = register()
    recipients = [handler, staff["supervisor"], staff["head"]]
    messages = [
        StaffMessage(
            recipient=recipients[i % 3], kind=Kind.SLA_BREACHED, case=case, context={}, key=f"bench:{i}"
        )
        for i in range(count)
    ]
    mails = sum(1 for m in messages if m.recipient.email)
    split = _insert_batches(Notification, count) - 1 + _insert_batches(Delivery, mails) - 1
    with django_assert_max_num_queries(10 + split):
        assert services.notify_staff_many(messages) == count
    assert Notification.objects.filter(key__startswith="bench:").count() == count
    with CaptureQueriesContext(connection) as repeat:
        assert services.notify_staff_many(messages) == 0
    assert len(repeat) == 1  # the key lookup finds them all: nothing is rendered or written


def test_mark_read_touches_only_the_users_own(register, handler, staff):
    case = register()
    services.notify_staff(
        recipients=[handler, staff["supervisor"]],
        kind=Kind.CASE_ASSIGNED,
        case=case,
        context={},
        key="test:read",
    )
    services.notify_staff(recipients=[handler], kind=Kind.SLA_WARNING, case=case, context={}, key="test:r2")
    theirs = Notification.objects.get(recipient=staff["supervisor"], key="test:read")
    mine = Notification.objects.get(recipient=handler, key="test:read")
    assert services.notification_mark_read(user=handler, ids=[theirs.pk, mine.pk]) == 1
    theirs.refresh_from_db()
    assert theirs.read_at is None
    assert services.notification_mark_read(user=handler) == 1  # the remaining one
    assert not Notification.objects.filter(recipient=handler, read_at__isnull=True).exists()

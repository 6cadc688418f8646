"""The inbox through the API and the staff page: each person sees and marks only their own."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeloop.notify import services
from closeloop.notify.choices import Kind
from closeloop.notify.models import Notification
from closeloop.notify.services import StaffMessage

LIST = "/api/v1/notifications/"
READ = "/api/v1/notifications/read/"
INBOX = reverse("notify:inbox")


@pytest.fixture
def notes(staff, register):
    """Two notifications for the handler (one already read), one for the supervisor."""
    case = register()
    for key in ("test:1", "test:2"):
        services.notify_staff(
            recipients=[staff["handler"]], kind=Kind.CASE_ASSIGNED, case=case, context={}, key=key
        )
    services.notify_staff(
        recipients=[staff["supervisor"]], kind=Kind.SLA_WARNING, case=case, context={}, key="test:sup"
    )
    mine = Notification.objects.filter(recipient=staff["handler"], key__startswith="test:")
    services.notification_mark_read(user=staff["handler"], ids=[mine.get(key="test:1").pk])
    return {
        "case": case,
        "read": mine.get(key="test:1"),
        "unread": mine.get(key="test:2"),
        "theirs": Notification.objects.get(recipient=staff["supervisor"], key="test:sup"),
    }


def test_the_api_lists_only_the_callers_own_unread_first(api, staff, notes):
    response = api(staff["handler"]).get(LIST)
    assert response.status_code == 200
    listed = [row["id"] for row in response.json()["results"]]
    own = set(Notification.objects.filter(recipient=staff["handler"]).values_list("pk", flat=True))
    assert set(listed) == own and notes["theirs"].pk not in listed
    ours = [i for i in listed if i in (notes["unread"].pk, notes["read"].pk)]
    assert ours == [notes["unread"].pk, notes["read"].pk]
    row = next(r for r in response.json()["results"] if r["id"] == notes["unread"].pk)
    assert row["case"] == notes["case"].number and row["unread"] is True
    assert row["kind"] == "case_assigned" and row["link"] == f"/cases/{notes['case'].number}/"


def test_the_unread_filter(api, staff, notes):
    rows = api(staff["handler"]).get(LIST, {"unread": "true"}).json()["results"]
    assert notes["unread"].pk in {r["id"] for r in rows}
    assert all(r["unread"] for r in rows)
    assert notes["read"].pk not in {r["id"] for r in rows}


def test_marking_anothers_notifications_marks_nothing(api, staff, notes):
    response = api(staff["handler"]).post(READ, {"ids": [notes["theirs"].pk]}, format="json")
    assert response.status_code == 200 and response.json() == {"marked": 0}
    notes["theirs"].refresh_from_db()
    assert notes["theirs"].read_at is None


def test_marking_given_ids_and_then_all(api, staff, notes):
    client = api(staff["handler"])
    assert client.post(READ, {"ids": [notes["unread"].pk]}, format="json").json() == {"marked": 1}
    services.notify_staff(
        recipients=[staff["handler"]], kind=Kind.SLA_BREACHED, case=notes["case"], context={}, key="test:3"
    )
    assert client.post(READ, {}, format="json").json()["marked"] >= 1
    assert not Notification.objects.filter(recipient=staff["handler"], read_at__isnull=True).exists()


def test_bad_ids_are_a_400(api, staff, notes):
    response = api(staff["handler"]).post(READ, {"ids": ["x"]}, format="json")
    assert response.status_code == 400 and "ids" in str(response.json()["errors"])


def test_the_api_needs_a_signed_in_user(api, notes):
    assert api(None).get(LIST).status_code in (401, 403)
    assert api(None).post(READ, {}, format="json").status_code in (401, 403)


def test_the_inbox_page_shows_the_subject_and_the_unread_badge(client, staff, notes):
    handler = staff["handler"]
    unread = Notification.objects.filter(recipient=handler, read_at__isnull=True).count()
    client.force_login(handler)
    response = client.get(INBOX)
    assert response.status_code == 200
    page = response.content.decode()
    assert notes["unread"].subject in page
    assert f'href="{INBOX}">Inbox <span class="badge">{unread}</span></a>' in page
    assert f'href="/cases/{notes["case"].number}/"' in page
    assert notes["theirs"].subject not in page


def test_the_badge_is_in_the_header_of_other_staff_pages(client, staff, notes):
    client.force_login(staff["supervisor"])
    page = client.get(reverse("web:workbench")).content.decode()
    unread = Notification.objects.filter(recipient=staff["supervisor"], read_at__isnull=True).count()
    assert f'Inbox <span class="badge">{unread}</span>' in page


def test_reading_one_then_all_on_the_page(client, staff, notes):
    handler = staff["handler"]
    client.force_login(handler)
    response = client.post(reverse("notify:inbox-read"), {"id": notes["unread"].pk})
    assert response.status_code == 302 and response["Location"] == INBOX
    notes["unread"].refresh_from_db()
    assert notes["unread"].read_at is not None
    client.post(reverse("notify:inbox-read"), {"id": notes["theirs"].pk})
    notes["theirs"].refresh_from_db()
    assert notes["theirs"].read_at is None
    response = client.post(reverse("notify:inbox-read"), {"next": "https://evil.example.com/"})
    assert response["Location"] == INBOX
    assert not Notification.objects.filter(recipient=handler, read_at__isnull=True).exists()
    assert 'class="badge">' not in client.get(INBOX).content.decode().split("</nav>")[0]


def test_the_inbox_needs_a_signed_in_user(client):
    response = client.get(INBOX)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(reverse("notify:inbox-read")).status_code == 302


def test_the_inbox_page_query_count_does_not_grow_with_notifications(client, staff, notes):
    handler = staff["handler"]
    client.force_login(handler)
    client.get(INBOX)  # warm-up: session, content types
    with CaptureQueriesContext(connection) as few:
        assert client.get(INBOX).status_code == 200
    services.notify_staff_many(
        [
            StaffMessage(
                recipient=handler, kind=Kind.SLA_WARNING, case=notes["case"], context={}, key=f"m:{i}"
            )
            for i in range(30)
        ]
    )
    with CaptureQueriesContext(connection) as many:
        response = client.get(INBOX)
    assert len(response.context["page"].object_list) >= 31
    assert len(many) == len(few)

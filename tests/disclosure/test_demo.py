"""Demo publications: closed demo cases taken through the whole workflow by the demo accounts, shown
on the public board with no complainant's name or phone, and loading twice adds nothing."""

import pytest
from django.urls import reverse

from closeloop.cases import services as case_services
from closeloop.cases.models import Case
from closeloop.demo.services import demo_load
from closeloop.disclosure.demo import PUBLICATIONS, demo_publications_load
from closeloop.disclosure.models import Publication, PublicationEvent, PublicFeedback
from closeloop.org.models import Department, User
from tests.conftest import drive, intake
from tests.disclosure.conftest import close_case

pytestmark = pytest.mark.django_db

WORKFLOW = [
    ("draft", "supervisor"),
    ("edit", "supervisor"),
    ("submit", "supervisor"),
    ("legal_approve", "legal"),
    ("confirm", "head"),
    ("confirm", "auditor"),
    ("publish", "supervisor"),
]
# After-sales categories (the demo's department head may read them, and so check them), with the
# complainant of each case.
AFTER_SALES = [
    ("PRODUCT-DEFECT-DOA", "欧阳晓燕", "13912345601"),
    ("PRODUCT-DEFECT-FAULT", "司马明辉", "13912345602"),
    ("SERVICE-AFTERSALES-WARRANTY", "上官俊博", "13912345603"),
    ("SERVICE-AFTERSALES-RETURN", "诸葛慧颖", "13912345604"),
    ("SERVICE-ONSITE-INSTALL", "慕容建国", "13912345605"),
    ("PRODUCT-DEFECT-DOA", "皇甫雪梅", "13912345606"),
]


def demo_staff() -> dict[str, User]:
    usernames = ["admin", "agent", "handler", "supervisor"]
    return {user.username: user for user in User.objects.filter(username__in=usernames)}


def closed(category: str, name: str, phone: str) -> Case:
    """A demo-like case in `category`, registered by the demo agent and handled to closure."""
    staff = demo_staff()
    case = case_services.case_register(
        actor=staff["agent"],
        **intake(category=category, complainant={"name": name, "phone": phone, "preferred_channel": "phone"}),
    )
    return close_case(case, staff)


def public_pages(client, publications: list[Publication]) -> str:
    urls = [reverse("public:board"), reverse("public:feed-atom"), reverse("public:feed-json")]
    for p in publications:
        urls += [reverse("public:detail", args=[p.pk]), reverse("public:notice", args=[p.pk])]
    pages = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages.append(response.content.decode())
    return "\n".join(pages)


def test_demo_cases_are_published_through_the_workflow_without_personal_data(client):
    demo_load(cases=60, seed=20261123)
    demo_publications_load()  # returns 0 once `demo_load` itself publishes them

    publications = list(Publication.objects.select_related("case").order_by("id"))
    assert 3 <= len(publications) <= PUBLICATIONS
    assert {p.status for p in publications} == {"published"}
    assert len({p.category_id for p in publications}) == len(publications)
    for p in publications:
        assert p.case.status in ("closed", "archived")
        assert p.case.plans.exists() and p.case.feedback.exists()
        assert p.improvement and p.improvement_deadline and p.improvement_owner
        trail = (
            PublicationEvent.objects.filter(publication=p)
            .exclude(action="feedback_approve")
            .order_by("id")
            .select_related("actor")
        )
        assert [(e.action, e.actor.username) for e in trail] == WORKFLOW
        assert p.published_at >= p.case.closed_at
    comment = PublicFeedback.objects.get()
    assert comment.status == "approved" and comment.moderated_by.username == "supervisor"

    html = public_pages(client, publications)
    assert comment.text in html
    for p in publications:
        assert p.title in html
        assert p.case.complainant_name not in html
        assert p.case.complainant_phone not in html

    counts = (Publication.objects.count(), PublicationEvent.objects.count(), PublicFeedback.objects.count())
    assert demo_publications_load() == 0
    assert (
        Publication.objects.count(),
        PublicationEvent.objects.count(),
        PublicFeedback.objects.count(),
    ) == counts


def test_one_case_per_category_among_closed_cases_the_whole_cast_may_read(client):
    demo_load(cases=0)
    cases = [closed(*complaint) for complaint in AFTER_SALES]  # two of one category
    # Closed, but led by Logistics, which the After-sales head may not read, so cannot check.
    elsewhere = closed("LOGISTICS-DELIVERY-LATE", "令狐志军", "13912345607")
    Case.objects.filter(pk=elsewhere.pk).update(lead_department=Department.objects.get(code="LOG"))
    # Handled but not yet closed: not publishable.
    drive(case_services.case_register(actor=demo_staff()["agent"], **intake()), demo_staff(), "resolved")

    assert demo_publications_load() == PUBLICATIONS

    publications = list(Publication.objects.select_related("case"))
    assert {p.status for p in publications} == {"published"}
    assert len({p.category_id for p in publications}) == PUBLICATIONS
    assert {p.case_id for p in publications} <= {c.pk for c in cases}
    html = public_pages(client, publications)
    for case in cases:
        assert case.complainant_name not in html
        assert case.complainant_phone not in html

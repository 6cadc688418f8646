"""The public report (白皮书): figures from the data, as a page and a PDF, with no personal data."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from closeloop.cases import services
from closeloop.core import clock
from closeloop.disclosure import whitepaper
from tests.conftest import drive

pytestmark = pytest.mark.django_db


@pytest.fixture
def year(register, staff):
    """Three complaints: one closed with a rating of 9, one rated 5 and so reopened, one still open."""
    handled = [drive(register(), staff, "in_progress") for _ in range(2)]
    for case, score in zip(handled, (9, 5), strict=True):
        case = services.case_resolve(
            case=services.case_propose_plan(
                case=case,
                actor=staff["handler"],
                summary="退货退款",
                remedies=[{"kind": "refund", "amount": "0"}],
            ),
            actor=staff["handler"],
        )
        case = services.case_give_feedback(case=case, actor=staff["agent"], content="已退款")
        case = services.case_follow_up(
            case=case, actor=staff["agent"], method="phone", resolved=score >= 8, satisfaction=score
        )
        if score >= 8:
            services.case_close(case=case, actor=staff["agent"])
    register(
        channel="email",
        complainant={"name": "王小明", "email": "wxm@example.com", "preferred_channel": "email"},
    )
    today = timezone.localdate(clock.now())
    return today - timedelta(days=1), today


def test_the_figures_come_from_the_cases(year):
    report = whitepaper.report_build(*year)
    assert report.received == 3
    assert report.closed == 1
    assert report.rated == 2
    assert report.satisfaction_mean == pytest.approx(7.0)
    assert report.satisfied_share == pytest.approx(0.5)
    kinds = {bar.label: bar.value for bar in report.charts[0].bars}
    assert sum(kinds.values()) == 3
    channels = {bar.label: bar.value for bar in report.charts[1].bars}
    assert channels == {"Phone hotline": 2, "E-mail": 1}


def test_the_public_page_needs_no_login_and_shows_no_personal_data(year):
    start, end = year
    response = Client().get(f"/public/report/?from={start}&to={end}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "Complaints by kind" in html
    assert "50.0%" in html
    for personal in ("周女士", "13800138000", "王小明", "wxm@example.com"):
        assert personal not in html


def test_the_pdf_is_a_pdf(year):
    start, end = year
    response = Client().get(f"/public/report/report.pdf?from={start}&to={end}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert len(response.content) > 2000


@pytest.mark.parametrize(
    "query, field",
    [
        ("from=2026-13-01", "from"),
        ("from=2026-06-01&to=2026-05-01", "to"),
        ("from=2020-01-01&to=2026-01-01", "to"),
    ],
)
def test_a_bad_period_is_named(db, query, field):
    response = Client().get(f"/public/report/?{query}")
    assert response.status_code == 400
    assert f'id="report-{field}-error"' in response.content.decode()

"""Result disclosure in a real browser, in Chinese and in English: the public (no login) searches
the board, reads a publication and its printable notice, takes the feeds and the public report and
its PDF; the legal reviewer reads the redacted spans of a publication in review and approves it."""

import json
import xml.etree.ElementTree as ET

import pytest

from closeloop.disclosure import services
from closeloop.disclosure.models import Publication
from tests.browser.conftest import screenshot
from tests.browser.test_access import sign_in
from tests.disclosure.conftest import COMPLAINANT, COMPLETE, DESCRIPTION, advance, close_case

pytestmark = pytest.mark.django_db(transaction=True)

ATOM = "{http://www.w3.org/2005/Atom}"
LANGUAGES = ["zh-Hans", "en"]
# The editor's own words, typed into the result: legal must see it and what the public will see.
TYPED_PHONE, SHOWN_PHONE = "13712345678", "137****5678"
PERSONAL = [COMPLAINANT["name"], COMPLAINANT["phone"], COMPLAINANT["email"], "文三路100号", TYPED_PHONE]


@pytest.fixture
def published(register, staff) -> Publication:
    """A water-heater complaint with the complainant's name and phone in its record, published."""
    case = register(
        complainant=COMPLAINANT, description=DESCRIPTION, location="浙江省杭州市西湖区文三路100号"
    )
    draft = services.publication_draft(case=close_case(case, staff), actor=staff["supervisor"])
    return advance(draft, staff, "published")


@pytest.fixture
def in_legal_review(register, staff) -> Publication:
    """A late-parcel complaint whose editor typed a phone number into the result, sent to legal."""
    case = register(
        title="快递延误一周",
        description="包裹延误七天才送到。",
        category="LOGISTICS-DELIVERY-LATE",
        complainant={"name": "陈先生", "phone": "13600136000"},
    )
    draft = services.publication_draft(case=close_case(case, staff), actor=staff["supervisor"])
    edited = services.publication_edit(
        publication=draft,
        actor=staff["supervisor"],
        version=draft.version,
        changes={**COMPLETE, "result": f"{draft.result}\n客服回电：{TYPED_PHONE}"},
    )
    return advance(edited, staff, "legal_review")


def search(page, words: str) -> None:
    page.fill("[name=q]", words)
    with page.expect_navigation():
        page.locator("form[role=search] button[type=submit]").click()
    assert "q=" in page.url


def no_personal_data(text: str) -> None:
    for value in PERSONAL:
        assert value not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_public_reads_results_feeds_and_the_report(
    page_in, live_server, published, in_legal_review, language
):
    tag = language.lower()
    page = page_in(language)

    # The board lists the published result only, with no login.
    page.goto("/public/")
    assert "/accounts/login/" not in page.url
    titles = page.locator("ol.record h2 a")
    assert titles.all_inner_texts() == [published.title]
    no_personal_data(page.content())
    screenshot(page, f"public-board-{tag}")

    # Searching narrows it: a word of nothing finds nothing, a word of the result finds it.
    search(page, "冰箱")
    assert titles.count() == 0
    search(page, "热水器")
    assert titles.all_inner_texts() == [published.title]

    # The publication: the six elements, the complainant by surname only.
    titles.first.click()
    page.wait_for_url(f"**/public/{published.pk}/")
    assert page.locator("article h1").inner_text() == published.title
    article = page.locator("article").inner_text()
    assert "王某某" in article and "售后服务部" in article
    no_personal_data(page.content())
    screenshot(page, f"public-publication-{tag}")

    # Its printable notice, one A4 page for a notice board.
    page.locator(f"a[href='/public/{published.pk}/notice/']").click()
    page.wait_for_url(f"**/public/{published.pk}/notice/")
    assert published.title in page.locator("p.meta").inner_text()
    assert f"/public/{published.pk}/" in page.locator("footer").inner_text()
    no_personal_data(page.content())
    screenshot(page, f"public-notice-{tag}")

    # The feeds carry the published result and nothing else.
    atom = page.request.get(f"{live_server.url}/public/feed.atom")
    assert atom.ok and atom.headers["content-type"].startswith("application/atom+xml")
    entries = ET.fromstring(atom.body()).findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == [published.title]
    no_personal_data(atom.text())
    feed = page.request.get(f"{live_server.url}/public/feed.json")
    assert feed.ok and feed.headers["content-type"].startswith("application/feed+json")
    body = json.loads(feed.text())
    assert body["version"] == "https://jsonfeed.org/version/1.1"
    assert [item["title"] for item in body["items"]] == [published.title]
    assert body["items"][0]["url"].endswith(f"/public/{published.pk}/")
    no_personal_data(feed.text())

    # The public report: figures as charts, the published improvement, and the same as a PDF.
    page.goto("/public/report/")
    assert page.locator("svg[role=img]").count() > 0
    assert published.title in page.locator("#report-improvements").locator("..").inner_text()
    no_personal_data(page.content())
    screenshot(page, f"public-report-{tag}")
    href = page.locator("a[href*='report.pdf']").get_attribute("href")
    pdf = page.request.get(f"{live_server.url}{href}")
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-") and len(pdf.body()) > 2000


@pytest.mark.parametrize("language", LANGUAGES)
def test_legal_reviewer_sees_the_redacted_spans_and_approves(page_in, in_legal_review, language):
    tag = language.lower()
    page = page_in(language)
    sign_in(page, "legal")
    page.wait_for_url("**/")
    page.goto(f"/disclosure/{in_legal_review.pk}/review/")

    # Every element as the public will read it, and each span the redaction replaces in it.
    spans = page.locator("section.card table tbody tr")
    rows = [row.locator("td").all_inner_texts() for row in spans.all()]
    assert [TYPED_PHONE, SHOWN_PHONE] in [cells[1:] for cells in rows]
    public_texts = page.locator("section.card > h2 + p").all_inner_texts()
    assert any(SHOWN_PHONE in text for text in public_texts)
    assert not any(TYPED_PHONE in text for text in public_texts)
    screenshot(page, f"legal-review-{tag}")

    with page.expect_navigation():
        page.locator(f"form[action='/disclosure/{in_legal_review.pk}/do/legal_approve/'] button").click()
    assert page.url.endswith(f"/disclosure/{in_legal_review.pk}/")
    in_legal_review.refresh_from_db()
    assert in_legal_review.status == "approved"
    assert in_legal_review.legal_approved_by.username == "legal"

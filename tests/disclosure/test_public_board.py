"""The public disclosure board (no login): board, detail, notice, feeds, comments, public API."""

import json
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from closeloop.core import clock
from closeloop.core.errors import Conflict
from closeloop.disclosure import services
from closeloop.disclosure.models import Publication, PublicFeedback
from closeloop.org.models import Department
from tests.disclosure.conftest import COMPLAINANT, advance, close_case

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def second(register, people) -> Publication:
    """A second published result, in another department and month, about a late parcel."""
    case = register(
        title="快递延误一周",
        description="包裹延误七天才送到。",
        category="LOGISTICS-DELIVERY-LATE",
        complainant={"name": "陈先生", "phone": "13600136000"},
    )
    case = close_case(case, people)
    draft = services.publication_draft(case=case, actor=people["supervisor"])
    with clock.frozen_at(datetime(2025, 3, 5, 10, tzinfo=SHANGHAI)):
        published = advance(draft, people, "published")
    Publication.objects.filter(pk=published.pk).update(department=Department.objects.get(code="LOG-DELIVERY"))
    return published


def test_the_board_needs_no_login_and_lists_only_published(client, published, register, people):
    draft = services.publication_draft(case=close_case(register(), people), actor=people["supervisor"])
    response = client.get(reverse("public:board"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("public:detail", args=[published.pk]) in body
    assert reverse("public:detail", args=[draft.pk]) not in body
    assert client.get(reverse("public:detail", args=[draft.pk])).status_code == 404


def test_search_and_filters(client, published, second):
    def listed(**params) -> set[int]:
        response = client.get(reverse("public:board"), params)
        assert response.status_code == 200
        return {v.id for v in response.context["views"]}

    assert listed() == {published.pk, second.pk}
    assert listed(q="快递") == {second.pk}
    assert listed(q="热水器 退款") == {published.pk}
    assert listed(category="LOGISTICS") == {second.pk}
    assert listed(category="NO-SUCH-CATEGORY") == set()
    assert listed(department="AS") == {published.pk}
    assert listed(department="LOG-DELIVERY") == {second.pk}
    assert listed(period="2025-03") == {second.pk}
    assert listed(period="2025") == {second.pk}
    assert listed(period="garbage") == set()
    # The filters offer only what published results have.
    choices = client.get(reverse("public:board")).context["form"].fields["period"].choices
    assert ("2025-03", "2025-03") in choices


def test_the_board_reads_a_fixed_number_of_queries(client, published, second, people):
    def queries() -> int:
        cache.clear()  # rendering, not the cache, is what is measured
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("public:board")).status_code == 200
        return len(captured)

    two = queries()
    services.publication_withdraw(
        publication=second, actor=people["supervisor"], version=second.version, reason="x"
    )
    assert queries() == two


def test_search_reads_the_public_text_only(client, published):
    """Searching the stored fields would tell whether a phone number is in a publication."""
    Publication.objects.filter(pk=published.pk).update(result=published.result + " 13512345678")
    assert client.get(reverse("public:board"), {"q": "13512345678"}).context["views"] == []
    assert client.get(reverse("public:board"), {"q": COMPLAINANT["phone"]}).context["views"] == []


def test_the_detail_page_shows_the_six_elements_desensitised_at_render_time(client, published):
    # An editor's slip stored after publishing (here written directly) still never reaches the page.
    Publication.objects.filter(pk=published.pk).update(
        result=published.result + "\n联系王晓燕：13512345678", version=published.version + 1
    )
    response = client.get(reverse("public:detail", args=[published.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    for heading in [
        "Complainant",
        "Cause of the complaint",
        "Investigation and key evidence",
        "Responsibility",
    ]:
        assert heading in body
    assert "王某某" in body and "135****5678" in body and "2030" in body and "售后服务部" in body
    for secret in ["王晓燕", "13512345678", COMPLAINANT["phone"], COMPLAINANT["email"]]:
        assert secret not in body


def test_a_view_counts_once_per_visitor_and_hour(client, published):
    url = reverse("public:detail", args=[published.pk])
    client.get(url)
    client.get(url)
    client.get(url, REMOTE_ADDR="203.0.113.9")
    assert Publication.objects.get(pk=published.pk).view_count == 2


def test_withdrawn_is_gone_everywhere(client, published, people):
    services.publication_withdraw(
        publication=published, actor=people["supervisor"], version=published.version, reason="内容有误"
    )
    assert client.get(reverse("public:detail", args=[published.pk])).status_code == 410
    assert client.get(reverse("public:notice", args=[published.pk])).status_code == 410
    assert client.get(reverse("api-public-publication", args=[published.pk])).status_code == 410
    assert client.get(reverse("public:board")).context["views"] == []
    assert json.loads(client.get(reverse("public:feed-json")).content)["items"] == []
    assert "内容有误" not in client.get(reverse("public:detail", args=[published.pk])).content.decode()


def test_printable_notice_is_one_a4_page(client, published):
    response = client.get(reverse("public:notice", args=[published.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "size: A4" in body and "@media print" in body
    assert "王某某" in body and "Improvement measures" in body
    assert "http://testserver" + reverse("public:detail", args=[published.pk]) in body


def test_atom_feed_is_valid_and_lists_published_results(client, published, second):
    response = client.get(reverse("public:feed-atom"))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert [e.find(f"{ATOM}title").text for e in entries] == [published.title, "快递延误一周"]
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("public:detail", args=[published.pk]))
    assert entries[0].find(f"{ATOM}summary").text


def test_json_feed_follows_version_1_1(client, published):
    response = client.get(reverse("public:feed-json"))
    assert response["Content-Type"].startswith("application/feed+json")
    feed = json.loads(response.content)
    assert feed["version"] == "https://jsonfeed.org/version/1.1"
    assert feed["feed_url"].endswith(reverse("public:feed-json"))
    (item,) = feed["items"]
    assert item["id"].endswith(reverse("public:detail", args=[published.pk]))
    assert item["title"] == published.title and "王某某" in item["content_text"]
    assert datetime.fromisoformat(item["date_published"])


def test_public_api_lists_and_shows_published_results_anonymously(client, published, second):
    listing = client.get(reverse("api-public-publications"), {"q": "快递"})
    assert listing.status_code == 200
    assert [row["id"] for row in listing.json()["results"]] == [second.pk]
    detail = client.get(reverse("api-public-publication", args=[published.pk])).json()
    assert detail["complainant"] == "王某某" and detail["improvement_owner"] == "售后服务部"
    assert COMPLAINANT["phone"] not in json.dumps(detail, ensure_ascii=False)
    draft_id = published.pk + second.pk + 100
    assert client.get(reverse("api-public-publication", args=[draft_id])).status_code == 404


def test_comments_are_shown_only_after_moderation_and_desensitised(client, published, people):
    url = reverse("public:feedback", args=[published.pk])
    response = client.post(url, {"text": "处理得很及时，王晓燕的电话13712345678", "website": ""})
    assert response.status_code == 302
    comment = PublicFeedback.objects.get(publication=published)
    assert comment.status == "pending"
    detail = reverse("public:detail", args=[published.pk])
    assert "处理得很及时" not in client.get(detail).content.decode()
    services.feedback_moderate(feedback=comment, actor=people["supervisor"], approve=True)
    body = client.get(detail).content.decode()
    assert "处理得很及时" in body and "137****5678" in body
    assert "13712345678" not in body and "王晓燕" not in body
    assert published.events.last().action == "feedback_approve"


def test_rejected_comments_stay_hidden_and_are_moderated_once(client, published, people):
    client.post(reverse("public:feedback", args=[published.pk]), {"text": "广告：加微信"})
    comment = PublicFeedback.objects.get(publication=published)
    services.feedback_moderate(feedback=comment, actor=people["head"], approve=False)
    assert "加微信" not in client.get(reverse("public:detail", args=[published.pk])).content.decode()
    with pytest.raises(Conflict):
        services.feedback_moderate(feedback=comment, actor=people["head"], approve=True)


def test_moderation_from_the_staff_page(client, published, people):
    client.post(reverse("public:feedback", args=[published.pk]), {"text": "希望早日整改"})
    comment = PublicFeedback.objects.get(publication=published)
    client.force_login(people["supervisor"])
    assert (
        "希望早日整改" in client.get(reverse("disclosure:publication", args=[published.pk])).content.decode()
    )
    client.post(reverse("disclosure:moderate", args=[published.pk, comment.pk]), {"decision": "approve"})
    assert PublicFeedback.objects.get(pk=comment.pk).status == "approved"


def test_comment_robots_and_floods_are_refused(client, published, settings):
    url = reverse("public:feedback", args=[published.pk])
    assert client.post(url, {"text": "spam", "website": "http://spam.example"}).status_code == 400
    settings.DISCLOSURE_FEEDBACK_PER_HOUR = 2
    assert [client.post(url, {"text": f"意见{i}"}).status_code for i in range(3)] == [302, 302, 429]
    assert PublicFeedback.objects.filter(publication=published).count() == 2


def test_comments_only_on_published_results(client, draft):
    assert client.post(reverse("public:feedback", args=[draft.pk]), {"text": "x"}).status_code == 404

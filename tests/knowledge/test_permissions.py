"""Who sees and writes what, on the pages and the API: one table, asked of every endpoint."""

import pytest
from django.urls import reverse

from closeloop.org.choices import Role
from tests.conftest import drive

READERS = ["agent", "handler", "executive", "auditor"]
EDITORS = ["supervisor", "head", "admin"]


@pytest.fixture
def portal_user(make_staff):
    return make_staff("portal", (Role.PORTAL, "CS"))


@pytest.fixture
def articles(write, staff):
    return {
        "published": write(publish=True, kind="product_guide", title="已发布指南"),
        "draft": write(kind="product_guide", title="指南草稿"),
        "law_draft": write(staff["legal"], title="法规草稿"),
    }


@pytest.mark.parametrize("role", READERS + EDITORS + ["legal"])
def test_every_staff_member_reads_published_articles(client, api, staff, articles, role):
    client.force_login(staff[role])
    published = articles["published"]
    assert client.get(reverse("knowledge:articles")).status_code == 200
    assert client.get(reverse("knowledge:article", args=[published.pk])).status_code == 200
    assert api(staff[role]).get(f"/api/v1/knowledge/{published.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("role", "sees_draft", "sees_law_draft", "edits"),
    [
        ("handler", False, False, False),
        ("agent", False, False, False),
        ("executive", False, False, False),
        ("auditor", False, False, False),
        ("legal", False, True, False),
        ("supervisor", True, True, True),
        ("head", True, True, True),
        ("admin", True, True, True),
    ],
)
def test_drafts_and_editing_per_role(client, api, staff, articles, role, sees_draft, sees_law_draft, edits):
    user = staff[role]
    client.force_login(user)
    draft, law_draft, published = articles["draft"], articles["law_draft"], articles["published"]

    assert client.get(reverse("knowledge:article", args=[draft.pk])).status_code == (
        200 if sees_draft else 404
    )
    assert client.get(reverse("knowledge:article", args=[law_draft.pk])).status_code == (
        200 if sees_law_draft else 404
    )
    listed = {a["id"] for a in api(user).get("/api/v1/knowledge/").json()["results"]}
    assert (draft.pk in listed, law_draft.pk in listed, published.pk in listed) == (
        sees_draft,
        sees_law_draft,
        True,
    )

    edit_page = client.get(reverse("knowledge:edit", args=[published.pk]))
    assert edit_page.status_code == (200 if edits else 403)
    patch = api(user).patch(
        f"/api/v1/knowledge/{published.pk}/", {"version": 1, "title": "改"}, format="json"
    )
    assert patch.status_code == (200 if edits else 403), patch.content
    publish = client.post(reverse("knowledge:publish", args=[draft.pk]), {"version": 1})
    assert publish.status_code == (302 if sees_draft else 404)
    draft.refresh_from_db()
    assert draft.status == ("published" if edits else "draft")


@pytest.mark.parametrize(("role", "allowed"), [("legal", True), ("handler", False), ("agent", False)])
def test_legal_writes_laws_and_only_laws(client, api, staff, role, allowed):
    client.force_login(staff[role])
    assert client.get(reverse("knowledge:new")).status_code == (200 if allowed else 403)
    law = api(staff[role]).post(
        "/api/v1/knowledge/", {"kind": "law", "title": "新法规", "body": "条文"}, format="json"
    )
    assert law.status_code == (201 if allowed else 403), law.content
    guide = api(staff[role]).post(
        "/api/v1/knowledge/", {"kind": "product_guide", "title": "指南", "body": "步骤"}, format="json"
    )
    assert guide.status_code == 403


def test_the_public_and_the_portal_see_nothing(client, api, staff, articles, portal_user):
    published = articles["published"]
    pages = [
        reverse("knowledge:articles"),
        reverse("knowledge:article", args=[published.pk]),
        reverse("knowledge:version", args=[published.pk, 1]),
        reverse("knowledge:new"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert client.post(reverse("knowledge:publish", args=[published.pk])).status_code == 302
    assert api(None).get("/api/v1/knowledge/").status_code in (401, 403)

    client.force_login(portal_user)
    for url in pages:
        assert client.get(url).status_code == 403, url
    for path in [
        "/api/v1/knowledge/",
        f"/api/v1/knowledge/{published.pk}/",
        f"/api/v1/knowledge/{published.pk}/versions/",
    ]:
        assert api(portal_user).get(path).status_code == 403, path


@pytest.mark.parametrize(
    ("role", "status"), [("supervisor", 302), ("handler", 403), ("legal", 403), ("agent", 403)]
)
def test_promotion_per_role(client, staff, register, role, status):
    case = drive(register(), staff, "closed")
    client.force_login(staff[role])
    response = client.post(reverse("knowledge:promote", args=[case.number]))
    assert response.status_code == status
    assert case.knowledge_articles.exists() == (status == 302)

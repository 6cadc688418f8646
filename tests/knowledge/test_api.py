"""The knowledge API: search, read, write with versions (409 when stale), history, lifecycle."""

from closeloop.knowledge.models import Article
from tests.conftest import drive
from tests.knowledge.conftest import FRAUD_LAW


def test_create_read_and_search(api, staff, write):
    client = api(staff["supervisor"])
    response = client.post(
        "/api/v1/knowledge/",
        {
            "kind": "product_guide",
            "title": "热水器无法点火排查",
            "body": "检查燃气阀门、电池和水压。",
            "category": "PRODUCT-DEFECT",
            "tags": ["热水器"],
            "note": "初稿",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["status"], body["version"], body["category"], body["created_by"]) == (
        "draft",
        1,
        "PRODUCT-DEFECT",
        "supervisor",
    )
    write(publish=True, **FRAUD_LAW)

    assert [a["title"] for a in client.get("/api/v1/knowledge/", {"q": "点火"}).json()["results"]] == [
        "热水器无法点火排查"
    ]
    assert [
        a["title"] for a in client.get("/api/v1/knowledge/", {"status": "published"}).json()["results"]
    ] == ["欺诈三倍赔偿"]
    assert client.get(f"/api/v1/knowledge/{body['id']}/").json()["body"] == "检查燃气阀门、电池和水压。"

    bad = client.post("/api/v1/knowledge/", {"kind": "rumour", "title": "x", "body": "y"}, format="json")
    assert bad.status_code == 400 and set(bad.json()["errors"]) == {"kind"}


def test_edit_with_the_current_version_and_409_when_stale(api, staff, write):
    article = write()
    client = api(staff["head"])

    edited = client.patch(
        f"/api/v1/knowledge/{article.pk}/", {"version": 1, "body": "新正文", "note": "更新"}, format="json"
    )
    assert edited.status_code == 200, edited.content
    assert (edited.json()["version"], edited.json()["body"], edited.json()["title"]) == (
        2,
        "新正文",
        article.title,
    )

    stale = client.patch(
        f"/api/v1/knowledge/{article.pk}/", {"version": 1, "body": "旧版本上的修改"}, format="json"
    )
    assert stale.status_code == 409
    assert (stale.json()["code"], stale.json()["current_version"]) == ("conflict", 2)
    article.refresh_from_db()
    assert (article.version, article.body) == (2, "新正文")

    missing = client.patch(f"/api/v1/knowledge/{article.pk}/", {"body": "没有版本号"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()["errors"]

    history = client.get(f"/api/v1/knowledge/{article.pk}/versions/").json()
    assert [(v["number"], v["note"]) for v in history] == [(2, "更新"), (1, "")]
    assert (
        client.get(f"/api/v1/knowledge/{article.pk}/versions/1/").json()["body"]
        == article.versions.get(number=1).body
    )


def test_lifecycle_and_restore(api, staff, write):
    article = write()
    client = api(staff["supervisor"])
    client.patch(f"/api/v1/knowledge/{article.pk}/", {"version": 1, "title": "错误标题"}, format="json")

    restored = client.post(
        f"/api/v1/knowledge/{article.pk}/versions/1/restore/", {"version": 2}, format="json"
    )
    assert (restored.json()["version"], restored.json()["title"]) == (3, article.title)
    assert (
        client.post(f"/api/v1/knowledge/{article.pk}/publish/", {"version": 2}, format="json").status_code
        == 409
    )
    assert (
        client.post(f"/api/v1/knowledge/{article.pk}/publish/", {"version": 3}, format="json").json()[
            "status"
        ]
        == "published"
    )
    assert (
        client.post(f"/api/v1/knowledge/{article.pk}/retire/", {}, format="json").json()["status"]
        == "retired"
    )
    assert api(staff["handler"]).get(f"/api/v1/knowledge/{article.pk}/").status_code == 404


def test_promote_a_closed_case(api, staff, register):
    case = drive(register(), staff, "closed")
    response = api(staff["head"]).post(f"/api/v1/knowledge/promote/{case.number}/", {}, format="json")
    assert response.status_code == 201, response.content
    assert (response.json()["source_case"], response.json()["kind"]) == (case.number, "handling_guide")
    again = api(staff["head"]).post(f"/api/v1/knowledge/promote/{case.number}/", {}, format="json")
    assert again.status_code == 409 and again.json()["article"] == Article.objects.get().pk
    open_case = register()
    assert (
        api(staff["head"])
        .post(f"/api/v1/knowledge/promote/{open_case.number}/", {}, format="json")
        .status_code
        == 409
    )

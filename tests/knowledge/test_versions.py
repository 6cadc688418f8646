"""Articles are edited in place and versioned: every change a snapshot, stale edits refused."""

import pytest

from closeloop.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from closeloop.knowledge import services
from closeloop.knowledge.models import Article, ArticleVersion


def versions(article: Article) -> list[tuple[int, str]]:
    return list(
        ArticleVersion.objects.filter(article=article).order_by("number").values_list("number", "title")
    )


def test_create_writes_a_draft_and_version_one(write, staff):
    article = write(category="SERVICE-AFTERSALES", note="初稿")

    assert (article.status, article.version, article.created_by) == ("draft", 1, staff["supervisor"])
    assert article.category.code == "SERVICE-AFTERSALES"
    v1 = article.versions.get()
    assert (v1.number, v1.title, v1.legal_basis, v1.note) == (
        1,
        "七日无理由退货",
        "《消费者权益保护法》第二十五条",
        "初稿",
    )
    assert v1.category == article.category and v1.tags == ["退货", "七日"]


def test_each_edit_makes_a_version_and_a_no_change_edit_none(write, staff):
    article = write()

    edited = services.article_edit(
        article=article,
        actor=staff["head"],
        version=1,
        changes={"title": "网购七日无理由退货", "tags": "退货, 无理由,退货"},
        note="标题更明确",
    )
    assert (edited.version, edited.updated_by) == (2, staff["head"])
    assert edited.tags == ["退货", "无理由"]
    v2 = edited.versions.get(number=2)
    assert (v2.title, v2.edited_by, v2.note, v2.body) == (
        "网购七日无理由退货",
        staff["head"],
        "标题更明确",
        article.body,
    )

    same = services.article_edit(
        article=edited, actor=staff["head"], version=2, changes={"title": " 网购七日无理由退货 "}
    )
    assert same.version == 2
    assert versions(article) == [(1, "七日无理由退货"), (2, "网购七日无理由退货")]


def test_stale_version_is_a_conflict_and_nothing_is_saved(write, staff):
    article = write()
    services.article_edit(
        article=article, actor=staff["supervisor"], version=1, changes={"body": "第一人的修改"}
    )

    with pytest.raises(Conflict) as error:
        services.article_edit(
            article=article, actor=staff["head"], version=1, changes={"body": "第二人的修改"}
        )

    assert error.value.detail == {"current_version": 2}
    article.refresh_from_db()
    assert (article.version, article.body) == (2, "第一人的修改")
    assert ArticleVersion.objects.filter(article=article).count() == 2


def test_invalid_edit_names_the_fields_and_saves_nothing(write, staff):
    article = write()
    with pytest.raises(ValidationFailed) as error:
        services.article_edit(
            article=article,
            actor=staff["supervisor"],
            version=1,
            changes={"title": " ", "kind": "rumour", "category": "NO-SUCH"},
        )
    assert set(error.value.fields) == {"title", "kind", "category"}
    with pytest.raises(ValidationFailed) as error:
        services.article_edit(
            article=article, actor=staff["supervisor"], version=1, changes={"status": "published"}
        )
    assert set(error.value.fields) == {"status"}
    article.refresh_from_db()
    assert (article.version, article.status) == (1, "draft")


def test_restore_makes_a_new_version_equal_to_the_old_one(write, staff):
    article = write(category="SERVICE-AFTERSALES")
    article = services.article_edit(
        article=article,
        actor=staff["supervisor"],
        version=1,
        changes={"title": "改错的标题", "body": "改错的正文", "category": None, "tags": []},
    )

    restored = services.article_restore(article=article, actor=staff["head"], version_number=1, version=2)

    assert restored.version == 3
    v1, v3 = restored.versions.get(number=1), restored.versions.get(number=3)
    for field in ("kind", "title", "body", "legal_basis", "category", "tags"):
        assert getattr(v3, field) == getattr(v1, field) == getattr(restored, field), field
    assert v3.note == "Restored version 1." and v3.edited_by == staff["head"]
    # The wrong version stays in the history.
    assert versions(restored)[1] == (2, "改错的标题")
    with pytest.raises(NotFound):
        services.article_restore(article=restored, actor=staff["head"], version_number=9)


def test_publish_and_retire_change_the_status_not_the_version(write, staff):
    article = write()
    published = services.article_publish(article=article, actor=staff["head"], version=1)
    assert (published.status, published.version, published.status_changed_by) == (
        "published",
        1,
        staff["head"],
    )
    with pytest.raises(Conflict):
        services.article_publish(article=article, actor=staff["head"])

    retired = services.article_retire(article=article, actor=staff["supervisor"])
    assert (retired.status, retired.version) == ("retired", 1)
    assert ArticleVersion.objects.filter(article=article).count() == 1


def test_publishing_a_version_you_did_not_read_is_refused(write, staff):
    article = write()
    services.article_edit(article=article, actor=staff["head"], version=1, changes={"body": "新的正文"})
    with pytest.raises(Conflict):
        services.article_publish(article=article, actor=staff["supervisor"], version=1)
    article.refresh_from_db()
    assert article.status == "draft"


@pytest.mark.parametrize(
    ("role", "kind", "allowed"),
    [
        ("supervisor", "product_guide", True),
        ("head", "reply_template", True),
        ("admin", "handling_guide", True),
        ("legal", "law", True),
        ("legal", "product_guide", False),
        ("handler", "law", False),
        ("agent", "reply_template", False),
        ("executive", "product_guide", False),
        ("auditor", "law", False),
    ],
)
def test_who_may_write_which_kind(write, staff, role, kind, allowed):
    if allowed:
        assert write(staff[role], kind=kind).created_by == staff[role]
    else:
        with pytest.raises(Forbidden):
            write(staff[role], kind=kind)


def test_legal_may_not_turn_a_law_into_another_kind(write, staff):
    article = write(staff["legal"])
    with pytest.raises(Forbidden):
        services.article_edit(
            article=article, actor=staff["legal"], version=1, changes={"kind": "product_guide"}
        )
    edited = services.article_edit(
        article=article, actor=staff["legal"], version=1, changes={"body": "更新条文"}
    )
    assert edited.version == 2

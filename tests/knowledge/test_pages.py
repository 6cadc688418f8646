"""The knowledge pages: list with search and filters, detail with history, edit with a conflict
shown (not lost), old versions and restore, publish, and promotion from a case."""

from django.urls import reverse

from closeloop.knowledge import services
from closeloop.knowledge.models import Article
from tests.conftest import drive
from tests.knowledge.conftest import DELIVERY_GUIDE, FRAUD_LAW


def test_list_searches_and_filters(client, staff, write, django_assert_max_num_queries):
    returns = write(publish=True, category="SERVICE-AFTERSALES-RETURN", tags=["消法二十五"])
    fraud = write(publish=True, **FRAUD_LAW)
    guide = write(publish=True, **DELIVERY_GUIDE)
    for n in range(5):
        write(publish=True, title=f"其他模板 {n}", body="其他内容", tags=[], kind="reply_template")
    client.force_login(staff["handler"])

    with django_assert_max_num_queries(8):
        response = client.get(reverse("knowledge:articles"))
    html = response.content.decode()
    assert response.status_code == 200
    assert '<label for="id_q">' in html and 'name="status"' not in html  # readers see published only
    assert len(response.context["page"].object_list) == 8

    def titles(**params) -> set[str]:
        found = client.get(reverse("knowledge:articles"), params, HTTP_HX_REQUEST="true")
        assert found.templates[0].name == "knowledge/_results.html"
        return {a.title for a in found.context["page"].object_list}

    assert titles(q="三倍") == {fraud.title}
    assert titles(q="七日 退货") == {returns.title}
    assert titles(q="消法二十五") == {returns.title}  # a tag
    assert titles(kind="product_guide") == {guide.title}
    assert titles(category="LOGISTICS") == {guide.title}  # a first-level category covers its leaves
    assert titles(category="SERVICE-AFTERSALES") == {returns.title}


def test_detail_shows_the_text_escaped_and_the_history(client, staff, write):
    article = write(body="第一行\n<script>alert(1)</script>")
    services.article_edit(
        article=article, actor=staff["head"], version=1, changes={"title": "新标题"}, note="改标题"
    )
    client.force_login(staff["supervisor"])

    response = client.get(reverse("knowledge:article", args=[article.pk]))

    html = response.content.decode()
    assert "第一行<br>&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script>alert" not in html
    assert [e.version.number for e in response.context["history"]] == [2, 1]
    assert response.context["history"][0].changed == ["title"]
    assert "改标题" in html and reverse("knowledge:version", args=[article.pk, 1]) in html
    assert (
        reverse("knowledge:edit", args=[article.pk]) in html
        and reverse("knowledge:publish", args=[article.pk]) in html
    )


def test_edit_page_saves_a_new_version(client, staff, write):
    article = write(category="SERVICE-AFTERSALES")
    client.force_login(staff["supervisor"])
    page = client.get(reverse("knowledge:edit", args=[article.pk]))
    html = page.content.decode()
    assert '<input type="hidden" name="version" value="1"' in html
    for name in ["kind", "title", "body", "legal_basis", "category", "tags", "note"]:
        assert f'<label for="id_{name}">' in html, name

    response = client.post(
        reverse("knowledge:edit", args=[article.pk]),
        {**_form(article), "body": "修订后的正文", "tags": "退货，七日, 无理由", "note": "补充"},
    )

    assert response.status_code == 302 and response["Location"] == reverse(
        "knowledge:article", args=[article.pk]
    )
    article.refresh_from_db()
    assert (article.version, article.body, article.tags) == (2, "修订后的正文", ["退货", "七日", "无理由"])
    assert article.versions.get(number=2).note == "补充"


def _form(article: Article) -> dict:
    return {
        "version": article.version,
        "kind": article.kind,
        "title": article.title,
        "body": article.body,
        "legal_basis": article.legal_basis,
        "category": article.category_id or "",
        "tags": ", ".join(article.tags),
        "note": "",
    }


def test_an_edit_conflict_is_shown_and_the_input_kept(client, staff, write):
    article = write()
    form = _form(article)
    services.article_edit(
        article=article, actor=staff["head"], version=1, changes={"body": "主管先改的正文"}, note="先改"
    )
    client.force_login(staff["supervisor"])

    response = client.post(reverse("knowledge:edit", args=[article.pk]), {**form, "body": "我的修改"})

    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this article" in html and "先改" in html
    assert "我的修改" in html  # the input is kept …
    assert response.context["form"]["version"].value() == "2"  # … now carrying the current version
    article.refresh_from_db()
    assert (article.version, article.body) == (2, "主管先改的正文")

    again = client.post(
        reverse("knowledge:edit", args=[article.pk]), {**form, "version": 2, "body": "我的修改"}
    )
    assert again.status_code == 302
    article.refresh_from_db()
    assert (article.version, article.body) == (3, "我的修改")


def test_invalid_input_rerenders_with_the_error(client, staff, write):
    client.force_login(staff["supervisor"])
    response = client.post(reverse("knowledge:new"), {"kind": "law", "title": "", "body": "正文"})
    assert response.status_code == 400 and response.context["form"].errors["title"]
    assert not Article.objects.exists()
    created = client.post(
        reverse("knowledge:new"), {"kind": "law", "title": "新条文", "body": "正文", "tags": ""}
    )
    article = Article.objects.get()
    assert created["Location"] == reverse("knowledge:article", args=[article.pk])


def test_an_old_version_is_shown_and_restored(client, staff, write):
    article = write(body="原来的正文")
    services.article_edit(article=article, actor=staff["head"], version=1, changes={"body": "改坏的正文"})
    client.force_login(staff["supervisor"])

    page = client.get(reverse("knowledge:version", args=[article.pk, 1]))
    html = page.content.decode()
    assert "原来的正文" in html and reverse("knowledge:restore", args=[article.pk, 1]) in html
    assert ("-", "原来的正文") in page.context["body_diff"] and ("+", "改坏的正文") in page.context[
        "body_diff"
    ]
    client.force_login(staff["handler"])
    assert (
        reverse("knowledge:restore", args=[article.pk, 1])
        not in client.get(reverse("knowledge:version", args=[article.pk, 1])).content.decode()
    )
    assert client.post(reverse("knowledge:restore", args=[article.pk, 1]), {"version": 2}).status_code == 404

    client.force_login(staff["supervisor"])
    response = client.post(reverse("knowledge:restore", args=[article.pk, 1]), {"version": 2})
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.version, article.body) == (3, "原来的正文")


def test_publish_and_retire_buttons(client, staff, write):
    article = write()
    client.force_login(staff["head"])
    assert client.post(reverse("knowledge:publish", args=[article.pk]), {"version": 1}).status_code == 302
    article.refresh_from_db()
    assert article.status == "published"
    assert client.get(reverse("knowledge:publish", args=[article.pk])).status_code == 405
    # A second publish is refused with a message, not an error page.
    response = client.post(reverse("knowledge:publish", args=[article.pk]), {"version": 1}, follow=True)
    assert "Nothing was saved" in response.content.decode()
    client.post(reverse("knowledge:retire", args=[article.pk]), {"version": 1})
    article.refresh_from_db()
    assert article.status == "retired"


def test_promote_redirects_to_the_new_draft(client, staff, register):
    case = drive(register(), staff, "closed")
    client.force_login(staff["supervisor"])

    response = client.post(reverse("knowledge:promote", args=[case.number]))

    article = Article.objects.get(source_case=case)
    assert response.status_code == 302 and response["Location"] == reverse(
        "knowledge:article", args=[article.pk]
    )
    detail = client.get(response["Location"]).content.decode()
    assert case.number in detail and reverse("web:case", args=[case.number]) in detail
    # Again: back to the article already written.
    assert client.post(reverse("knowledge:promote", args=[case.number]))["Location"] == response["Location"]


def test_promoting_an_open_case_goes_back_to_the_case(client, staff, register):
    case = drive(register(), staff, "in_progress")
    client.force_login(staff["supervisor"])
    response = client.post(reverse("knowledge:promote", args=[case.number]))
    assert response["Location"] == reverse("web:case", args=[case.number])
    assert not Article.objects.exists()


def test_related_articles_fragment_for_a_case(client, staff, register, write):
    returns = write(publish=True)
    case = register(description="网购的热水器收到第三天，要求七日无理由退货")
    client.force_login(staff["agent"])
    response = client.get(reverse("knowledge:for-case", args=[case.number]))
    assert response.status_code == 200 and response.context["articles"] == [returns]
    client.force_login(staff["other_handler"])
    assert client.get(reverse("knowledge:for-case", args=[case.number])).status_code == 404


def test_the_case_page_button_offers_promotion_once(rf, staff, register):
    from django.template import Context, Template

    case = drive(register(), staff, "closed")
    snippet = Template("{% load closeloop_knowledge %}{% promote_button case %}")

    def render(user) -> str:
        request = rf.get("/")
        request.user = user
        return snippet.render(Context({"request": request, "case": case, "csrf_token": "t"}))

    assert reverse("knowledge:promote", args=[case.number]) in render(staff["supervisor"])
    assert render(staff["handler"]).strip() == ""
    article = services.case_promote(case=case, actor=staff["supervisor"])
    shown = render(staff["supervisor"])
    assert reverse("knowledge:article", args=[article.pk]) in shown and "/promote/" not in shown


def test_admin_lists_articles_read_only(client, staff, write):
    article = write()
    admin = staff["admin"]
    admin.is_staff = True
    admin.save()
    client.force_login(admin)
    assert client.get(reverse("admin:knowledge_article_changelist")).status_code == 200
    page = client.get(reverse("admin:knowledge_article_change", args=[article.pk]))
    assert page.status_code == 200 and article.title in page.content.decode()
    assert client.get(reverse("admin:knowledge_article_add")).status_code == 403

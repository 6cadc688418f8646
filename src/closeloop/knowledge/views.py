"""Knowledge-base pages: the same thin shape as `api.py` — parse a form, call a service or
selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from closeloop.cases import selectors as case_selectors
from closeloop.cases.models import Case
from closeloop.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from closeloop.core.views import allowed
from closeloop.knowledge import permissions, selectors, services
from closeloop.knowledge.forms import ArticleEditForm, ArticleFilterForm, ArticleForm, article_initial
from closeloop.knowledge.models import Article, ArticleVersion
from closeloop.policy.selectors import category_path
from closeloop.web.views import is_partial

PAGE_SIZE = 25
RELATED_SHOWN = 3


def _article_or_404(request: HttpRequest, article_id: int) -> Article:
    allowed(permissions.check_may_read, request.user)
    try:
        return selectors.article_get(request.user, article_id)
    except NotFound as error:
        raise Http404(error.message) from error


def _version_or_404(article: Article, number: int) -> ArticleVersion:
    try:
        return selectors.article_version_get(article, number)
    except NotFound as error:
        raise Http404(error.message) from error


def _case_or_404(request: HttpRequest, number: str) -> Case:
    try:
        return case_selectors.case_get(request.user, number)
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
def article_list(request: HttpRequest) -> HttpResponse:
    allowed(permissions.check_may_read, request.user)
    editable = permissions.editable_kinds(request.user)
    form = ArticleFilterForm(request.GET or None, show_status=bool(editable))
    articles = selectors.article_list(request.user, **form.selector_kwargs())
    page = Paginator(articles, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "can_write": bool(editable), "query": _query(request)}
    if is_partial(request):
        return render(request, "knowledge/_results.html", context)
    return render(request, "knowledge/list.html", context)


def _query(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@login_required
def article_new(request: HttpRequest) -> HttpResponse:
    allowed(permissions.check_may_read, request.user)
    allowed(permissions.check_may_author, request.user)
    kinds = permissions.editable_kinds(request.user)
    form = ArticleForm(request.POST or None, kinds=kinds)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(
                actor=request.user, note=form.cleaned_data["note"], **form.content()
            )
        except ValidationFailed as error:
            form.add_service_errors(error)
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        else:
            messages.success(request, _("Draft saved as version 1."))
            return redirect("knowledge:article", article=article.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "knowledge/form.html", {"form": form, "article": None}, status=status)


@login_required
def article_detail(request: HttpRequest, article: int) -> HttpResponse:
    found = _article_or_404(request, article)
    context = {
        "article": found,
        "category_path": category_path(found.category),
        "history": selectors.article_history(found),
        "can_edit": permissions.may_edit(request.user, found.kind),
    }
    return render(request, "knowledge/detail.html", context)


@login_required
def article_edit(request: HttpRequest, article: int) -> HttpResponse:
    found = _article_or_404(request, article)
    allowed(permissions.check_may_edit, request.user, found.kind)
    kinds = permissions.editable_kinds(request.user)
    if request.method != "POST":
        form = ArticleEditForm(initial=article_initial(found), kinds=kinds)
        return render(request, "knowledge/form.html", {"form": form, "article": found})
    form = ArticleEditForm(request.POST, kinds=kinds)
    if form.is_valid():
        try:
            edited = services.article_edit(
                article=found,
                actor=request.user,
                version=form.cleaned_data["version"],
                changes=form.content(),
                note=form.cleaned_data["note"],
            )
        except ValidationFailed as error:
            form.add_service_errors(error)
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            return _edit_conflict(request, found, form, error)
        else:
            if edited.version == form.cleaned_data["version"]:
                messages.info(request, _("Nothing changed; no new version was saved."))
            else:
                messages.success(request, _("Saved as version %(number)s.") % {"number": edited.version})
            return redirect("knowledge:article", article=edited.pk)
    return render(request, "knowledge/form.html", {"form": form, "article": found}, status=400)


def _edit_conflict(
    request: HttpRequest, article: Article, form: ArticleEditForm, error: Conflict
) -> HttpResponse:
    """Nothing was saved. Show what others saved since the user's version and keep their input,
    now carrying the current version: submitting again is a decision made after seeing it."""
    current = _article_or_404(request, article.pk)
    seen = form.cleaned_data["version"]
    data = form.data.copy()
    data["version"] = str(current.version)
    refreshed = ArticleEditForm(data, kinds=permissions.editable_kinds(request.user))
    conflict = {
        "reason": error.message,
        "versions": selectors.versions_since(current, seen),
        "body_diff": selectors.body_diff(form.cleaned_data["body"], current.body),
    }
    context = {"form": refreshed, "article": current, "conflict": conflict}
    return render(request, "knowledge/form.html", context, status=409)


@login_required
def article_version(request: HttpRequest, article: int, number: int) -> HttpResponse:
    found = _article_or_404(request, article)
    old = _version_or_404(found, number)
    context = {
        "article": found,
        "old": old,
        "category_path": category_path(old.category),
        "body_diff": selectors.body_diff(old.body, found.body),
        "can_edit": permissions.may_edit(request.user, found.kind)
        and permissions.may_edit(request.user, old.kind),
    }
    return render(request, "knowledge/version.html", context)


def _version_posted(request: HttpRequest) -> int | None:
    value = request.POST.get("version", "")
    return int(value) if value.isdigit() else None


def _act(request: HttpRequest, article: Article, act, done: str) -> HttpResponse:
    try:
        act()
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    except (Conflict, ValidationFailed) as error:
        messages.error(request, _("Nothing was saved: %(reason)s") % {"reason": error.message})
    else:
        messages.success(request, done)
    return redirect("knowledge:article", article=article.pk)


@login_required
@require_POST
def article_restore(request: HttpRequest, article: int, number: int) -> HttpResponse:
    found = _article_or_404(request, article)
    return _act(
        request,
        found,
        lambda: services.article_restore(
            article=found, actor=request.user, version_number=number, version=_version_posted(request)
        ),
        _("Version %(number)s restored.") % {"number": number},
    )


@login_required
@require_POST
def article_publish(request: HttpRequest, article: int) -> HttpResponse:
    found = _article_or_404(request, article)
    return _act(
        request,
        found,
        lambda: services.article_publish(article=found, actor=request.user, version=_version_posted(request)),
        _("Published: every staff member can read it now."),
    )


@login_required
@require_POST
def article_retire(request: HttpRequest, article: int) -> HttpResponse:
    found = _article_or_404(request, article)
    return _act(
        request,
        found,
        lambda: services.article_retire(article=found, actor=request.user, version=_version_posted(request)),
        _("Retired: only its editors see it now."),
    )


@login_required
@require_POST
def case_promote(request: HttpRequest, number: str) -> HttpResponse:
    """The case page's "promote to knowledge article" button: on to the new draft."""
    allowed(permissions.check_may_promote, request.user)
    case = _case_or_404(request, number)
    try:
        article = services.case_promote(case=case, actor=request.user)
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    except Conflict as error:
        messages.error(request, error.message)
        existing = error.detail.get("article")
        if existing:
            return redirect("knowledge:article", article=existing)
        return redirect("web:case", number=case.number)
    messages.success(
        request,
        _("Draft article written from case %(number)s. Check it, then publish it.") % {"number": case.number},
    )
    return redirect("knowledge:article", article=article.pk)


@login_required
def case_articles(request: HttpRequest, number: str) -> HttpResponse:
    """The published articles most relevant to a case: a fragment the case page can load."""
    allowed(permissions.check_may_read, request.user)
    case = _case_or_404(request, number)
    articles = selectors.articles_for_text(
        f"{case.title}\n{case.description}\n{case.demand}", k=RELATED_SHOWN
    )
    return render(request, "knowledge/_related.html", {"articles": articles, "case": case})

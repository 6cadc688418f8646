"""The public disclosure board (no login): list, detail, printable notice, feeds, comments.

Every page renders `selectors.PublicView`s — text desensitised at render time — and nothing else of
a publication. A withdrawn publication answers 410 Gone, anything not published 404.
"""

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import feedgenerator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from closeloop.core.errors import NotFound, ValidationFailed
from closeloop.disclosure import selectors, services
from closeloop.disclosure.forms import BoardForm, FeedbackForm
from closeloop.disclosure.models import Publication
from closeloop.portal.views import _client as client_address

PAGE_SIZE = 20
FEED_SIZE = 50
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def _published_or_gone(request: HttpRequest, publication_id: int) -> Publication | HttpResponse:
    try:
        return selectors.public_get(publication_id)
    except selectors.PublicationGone:
        return render(request, "disclosure/public/gone.html", status=410)
    except NotFound as error:
        raise Http404(error.message) from error


@require_GET
def board(request: HttpRequest) -> HttpResponse:
    form = BoardForm(request.GET or None, choices=selectors.board_choices())
    page = Paginator(selectors.board(**form.selector_kwargs()), PAGE_SIZE).get_page(request.GET.get("page"))
    views = selectors.public_views(list(page.object_list))
    return render(request, "disclosure/public/board.html", {"form": form, "page": page, "views": views})


def _detail(
    request: HttpRequest, publication: Publication, form: FeedbackForm, status: int = 200
) -> HttpResponse:
    context = {
        "view": selectors.public_view(publication),
        "comments": selectors.public_comments(publication),
        "form": form,
    }
    return render(request, "disclosure/public/detail.html", context, status=status)


@require_GET
def detail(request: HttpRequest, publication: int) -> HttpResponse:
    found = _published_or_gone(request, publication)
    if isinstance(found, HttpResponse):
        return found
    if services.publication_viewed(publication=found, client=client_address(request)):
        found.view_count += 1
    return _detail(request, found, FeedbackForm())


@require_GET
def notice(request: HttpRequest, publication: int) -> HttpResponse:
    """One A4 page for an offline notice board (seed 003: 服务大厅公告栏)."""
    found = _published_or_gone(request, publication)
    if isinstance(found, HttpResponse):
        return found
    context = {"view": selectors.public_view(found), "url": request.build_absolute_uri(_url(found.pk))}
    return render(request, "disclosure/public/notice.html", context)


@require_POST
def feedback(request: HttpRequest, publication: int) -> HttpResponse:
    found = _published_or_gone(request, publication)
    if isinstance(found, HttpResponse):
        return found
    form = FeedbackForm(request.POST)
    if form.is_valid():
        if form.is_spam:
            form.add_error(None, _("Your comment could not be accepted. Please try again later."))
        elif not services.feedback_rate_limit_take(client=client_address(request)):
            return render(request, "portal/rate_limited.html", status=429)
        else:
            try:
                services.feedback_submit(publication=found, text=form.cleaned_data["text"])
            except ValidationFailed as error:
                form.add_service_errors(error)
            else:
                messages.success(
                    request, _("Thank you. Your comment will be shown once it has been checked.")
                )
                return redirect("public:detail", found.pk)
    return _detail(request, found, form, status=400)


def _url(publication_id: int) -> str:
    return reverse("public:detail", args=[publication_id])


def _latest() -> list[selectors.PublicView]:
    return selectors.public_views(list(selectors.published().order_by("-published_at", "-id")[:FEED_SIZE]))


class AtomFeed(Feed):
    feed_type = feedgenerator.Atom1Feed
    title = gettext_lazy("Published complaint results")
    subtitle = gettext_lazy("How complaints were handled and what is being improved.")

    def link(self) -> str:
        return reverse("public:board")

    def items(self) -> list[selectors.PublicView]:
        return _latest()

    def item_title(self, item: selectors.PublicView) -> str:
        return item.title

    def item_description(self, item: selectors.PublicView) -> str:
        return item.summary

    def item_link(self, item: selectors.PublicView) -> str:
        return _url(item.id)

    def item_pubdate(self, item: selectors.PublicView):
        return item.published_at

    def item_categories(self, item: selectors.PublicView) -> tuple[str, ...]:
        return item.category


@require_GET
def json_feed(request: HttpRequest) -> JsonResponse:
    """JSON Feed 1.1 (https://jsonfeed.org/version/1.1)."""
    items = [
        {
            "id": request.build_absolute_uri(_url(view.id)),
            "url": request.build_absolute_uri(_url(view.id)),
            "title": view.title,
            "summary": view.summary,
            "content_text": "\n\n".join(f"{label}\n{text}" for label, text in view.sections if text),
            "date_published": view.published_at.isoformat() if view.published_at else None,
            "tags": list(view.category),
        }
        for view in _latest()
    ]
    body = {
        "version": JSON_FEED_VERSION,
        "title": str(AtomFeed.title),
        "description": str(AtomFeed.subtitle),
        "home_page_url": request.build_absolute_uri(reverse("public:board")),
        "feed_url": request.build_absolute_uri(reverse("public:feed-json")),
        "language": request.LANGUAGE_CODE,
        "items": items,
    }
    return JsonResponse(
        body, content_type="application/feed+json; charset=utf-8", json_dumps_params={"ensure_ascii": False}
    )

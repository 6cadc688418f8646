"""The inbox page: the same thin shape as `api.py`."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from closeloop.notify import selectors, services

PAGE_SIZE = 50


@login_required
def inbox(request: HttpRequest) -> HttpResponse:
    paginator = Paginator(selectors.inbox(request.user), PAGE_SIZE)
    return render(request, "notify/inbox.html", {"page": paginator.get_page(request.GET.get("page"))})


@login_required
@require_POST
def inbox_read(request: HttpRequest) -> HttpResponse:
    raw = request.POST.get("id", "").strip()
    if raw and not raw.isdigit():
        return HttpResponseBadRequest(_("Not a notification."))
    services.notification_mark_read(user=request.user, ids=[int(raw)] if raw else None)
    back = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe:
        back = reverse("notify:inbox")
    return redirect(back)

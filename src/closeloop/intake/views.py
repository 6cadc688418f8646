"""Staff pages for channel intake: the calls waiting to be registered."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from closeloop.intake import selectors
from closeloop.org.selectors import user_roles


@login_required
def call_list(request: HttpRequest) -> HttpResponse:
    calls = selectors.calls_pending(request.user)
    page = Paginator(calls, 50).get_page(request.GET.get("page"))
    sees_all = bool(user_roles(request.user) & selectors.ALL_CALLS_ROLES)
    return render(request, "intake/calls.html", {"page": page, "sees_all": sees_all})

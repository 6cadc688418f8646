"""Supervision order pages: the list of orders, one order with its reply and close forms, issuing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from closeloop.cases.selectors import case_get
from closeloop.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from closeloop.supervision import selectors, services
from closeloop.supervision.forms import OrderCloseForm, OrderIssueForm, OrderReplyForm
from closeloop.supervision.models import OrderStatus, SupervisionOrder

TABS = {
    "mine": gettext_lazy("Addressed to me"),
    "open": gettext_lazy("Open"),
    "replied": gettext_lazy("Answered, to be closed"),
    "all": gettext_lazy("All"),
}


@login_required
def order_list(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "mine")
    if tab not in TABS:
        tab = "mine"
    if tab == "mine":
        orders = selectors.orders_addressed_to(request.user).filter(status=OrderStatus.OPEN)
    else:
        orders = selectors.orders_visible(request.user)
        if tab in OrderStatus.values:
            orders = orders.filter(status=tab)
    page = Paginator(orders.order_by("due_at", "id"), 50).get_page(request.GET.get("page"))
    tabs = [(key, str(label)) for key, label in TABS.items()]
    return render(request, "supervision/orders.html", {"page": page, "tab": tab, "tabs": tabs})


def _order_or_404(request: HttpRequest, number: str) -> SupervisionOrder:
    order = selectors.orders_visible(request.user).filter(number=number).first()
    if order is None:
        raise Http404(_("No supervision order %(number)s.") % {"number": number})
    return order


def _render_order(request: HttpRequest, order: SupervisionOrder, *, reply=None, close=None, status=200):
    order.user_may_reply = order.status == OrderStatus.OPEN and services.may_reply(order, request.user)
    context = {
        "order": order,
        "reply_form": reply or OrderReplyForm(prefix="reply"),
        "close_form": close or OrderCloseForm(prefix="close"),
    }
    return render(request, "supervision/order.html", context, status=status)


@login_required
def order_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _render_order(request, _order_or_404(request, number))


def _order_step(request: HttpRequest, number: str, *, step: str) -> HttpResponse:
    """Answer (`reply`) or close an order: one form, one service; errors show on the order's page."""
    order = _order_or_404(request, number)
    form_class, service, done = {
        "reply": (OrderReplyForm, services.order_reply, _("Supervision order %(number)s answered.")),
        "close": (OrderCloseForm, services.order_close, _("Supervision order %(number)s closed.")),
    }[step]
    form = form_class(request.POST, prefix=step)
    if form.is_valid():
        try:
            service(order=order, actor=request.user, **form.cleaned_data)
        except ValidationFailed as error:
            form.add_service_errors(error)
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("supervision:order", number=number)
        else:
            messages.success(request, done % {"number": number})
            return redirect("web:case", number=order.case.number)
    return _render_order(request, order, status=400, **{step: form})


@login_required
@require_POST
def order_reply(request: HttpRequest, number: str) -> HttpResponse:
    return _order_step(request, number, step="reply")


@login_required
@require_POST
def order_close(request: HttpRequest, number: str) -> HttpResponse:
    return _order_step(request, number, step="close")


@login_required
def order_issue(request: HttpRequest, case_number: str) -> HttpResponse:
    try:
        case = case_get(request.user, case_number)
    except NotFound as error:
        raise Http404(error.message) from error
    form = OrderIssueForm(request.POST or None, prefix="order")
    if request.method == "POST" and form.is_valid():
        try:
            order = services.order_issue(case=case, actor=request.user, **form.cleaned_data)
        except ValidationFailed as error:
            form.add_service_errors(error)
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            messages.error(request, error.message)
            return redirect("web:case", number=case.number)
        else:
            messages.success(request, _("Supervision order %(number)s issued.") % {"number": order.number})
            return redirect("web:case", number=case.number)
    status = 400 if request.method == "POST" else 200
    return render(request, "supervision/issue.html", {"case": case, "form": form}, status=status)

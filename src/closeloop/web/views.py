"""Staff pages: the same thin shape as `cases/api.py` — parse a form, call a service or selector, render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from closeloop.assist import analysis as assist_analysis
from closeloop.cases import duplicates, export, services, workflow
from closeloop.cases import selectors as case_selectors
from closeloop.cases.choices import OPEN_STATUSES, Action, Status, SuggestionStatus
from closeloop.cases.filters import CaseFilter
from closeloop.cases.models import Case
from closeloop.core import clock
from closeloop.core.errors import Conflict, Forbidden, NotFound, TransitionNotAllowed, ValidationFailed
from closeloop.intake import selectors as call_selectors
from closeloop.intake import services as call_services
from closeloop.intake.models import Call
from closeloop.org.selectors import user_roles
from closeloop.policy.selectors import category_path
from closeloop.supervision import selectors as supervision_selectors
from closeloop.supervision import services as supervision_services
from closeloop.web import selectors
from closeloop.web.forms import ACTION_FORMS, ActionForm, IntakeForm, WorkbenchFilterForm

PAGE_SIZE = 25
# Ten pages: past that a search is better narrowed than paged.
SEARCH_COUNT_CAP = 250


def is_partial(request: HttpRequest) -> bool:
    """Whether to answer with a fragment: an HTMX request, except when htmx restores history
    after a cache miss, where it needs the whole page (NetBox `utilities/htmx.py`)."""
    return request.headers.get("HX-Request") == "true" and not request.headers.get(
        "HX-History-Restore-Request"
    )


def _case_or_404(request: HttpRequest, number: str, *, detailed: bool = False) -> Case:
    try:
        return case_selectors.case_get(request.user, number, detailed=detailed)
    except NotFound as error:
        raise Http404(error.message) from error


# --- workbench ----------------------------------------------------------------------------------


@login_required
def workbench(request: HttpRequest) -> HttpResponse:
    tab = request.GET.get("tab", "all")
    if tab not in selectors.TAB_KEYS:
        tab = "all"
    # The API's filter, so the page and `GET /api/v1/complaints/` narrow the same way.
    filterset = CaseFilter(request.GET, queryset=selectors.workbench_cases(request.user, tab))
    paginator = Paginator(filterset.qs, PAGE_SIZE)
    partial = is_partial(request)
    if not partial:
        per_tab, per_status = selectors.workbench_counts(request.user, tab)
        narrowed = any(request.GET.get(name) for name in CaseFilter.base_filters if name != "ordering")
        if not narrowed:
            # The tab's total is already counted; a second COUNT over the scope would cost a scan.
            paginator.count = per_tab[tab]
    if request.GET.get("q"):
        # A text search cannot use an index (two-character Chinese terms); counting every match
        # would read every description in scope. Count up to a cap, which stops early on
        # common terms; past it the page says "more than" and the user narrows the search.
        capped = filterset.qs.order_by().values("pk")[: SEARCH_COUNT_CAP + 1].count()
        paginator.count = min(capped, SEARCH_COUNT_CAP)
        search_capped = capped > SEARCH_COUNT_CAP
    else:
        search_capped = False
    context: dict[str, Any] = {
        "page": paginator.get_page(request.GET.get("page")),
        "tab": tab,
        "ordering": request.GET.get("ordering", ""),
        "open_statuses": [s.value for s in OPEN_STATUSES],
        "partial": partial,
        "search_capped": search_capped,
        "can_export": bool(user_roles(request.user) & export.EXPORT_ROLES),
    }
    if partial:
        return render(request, "web/_case_table.html", context)
    context.update(
        tabs=[(t, per_tab[t.key]) for t in selectors.TABS],
        status_counts=[(s, per_status[s.value]) for s in Status],
        filter_form=WorkbenchFilterForm(request.GET, pickers=selectors.Pickers()),
    )
    return render(request, "web/workbench.html", context)


@login_required
def workbench_export(request: HttpRequest, fmt: str) -> StreamingHttpResponse:
    """The workbench's current tab and filters as a CSV or Excel file, streamed."""
    tab = request.GET.get("tab", "all")
    if fmt not in export.FORMATS or tab not in selectors.TAB_KEYS:
        raise Http404
    filterset = CaseFilter(request.GET, queryset=selectors.workbench_cases(request.user, tab))
    try:
        return export.export_response(fmt, filterset.qs, request.user)
    except Forbidden as error:
        raise PermissionDenied(error.message) from error


# --- intake -------------------------------------------------------------------------------------


@login_required
def intake(request: HttpRequest) -> HttpResponse:
    if not user_roles(request.user) & services.REGISTER_ROLES:
        raise PermissionDenied(_("Your role may not register complaints."))
    pickers = selectors.Pickers()
    # `?call=<id>`: the complaint a phone call brought; the form starts from the call.
    call = _call_for_intake(request)
    if request.method != "POST":
        now = timezone.localtime(clock.now()).replace(second=0, microsecond=0)
        initial = {"contacted_at": now, **(call_selectors.call_intake_initial(call) if call else {})}
        form = IntakeForm(initial=initial, pickers=pickers)
        return render(request, "web/intake.html", {"form": form, "call": call})
    form = IntakeForm(request.POST, request.FILES, pickers=pickers)
    if form.is_valid():
        try:
            intake_data = form.service_kwargs()
            if call is None:
                case = services.case_register(actor=request.user, **intake_data)
            else:
                case = call_services.call_case_register(call=call, actor=request.user, **intake_data)
        except ValidationFailed as error:
            form.add_service_errors(error)
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Complaint %(number)s registered.") % {"number": case.number})
            return _to_case_if_visible(request, case)
    # Browsers never refill file inputs, so say so rather than let attachments vanish silently.
    context = {"form": form, "files_dropped": bool(request.FILES), "call": call}
    return render(request, "web/intake.html", context, status=400)


def _call_for_intake(request: HttpRequest) -> Call | None:
    try:
        return call_selectors.call_for_intake(request.user, request.GET.get("call"))
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
def customer_lookup(request: HttpRequest) -> HttpResponse:
    matches = selectors.customer_lookup(request.user, request.GET.get("q", ""))
    return render(request, "web/_customer_matches.html", {"matches": matches, "q": request.GET.get("q", "")})


# --- case page ----------------------------------------------------------------------------------


@login_required
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _render_case(request, _case_or_404(request, number, detailed=True))


@login_required
@require_POST
def case_action(request: HttpRequest, number: str, action: str) -> HttpResponse:
    if action not in Action.values or action not in ACTION_FORMS:
        raise Http404(action)
    act = Action(action)
    case = _case_or_404(request, number, detailed=True)
    spec = ACTION_FORMS[act]
    pickers = selectors.Pickers()
    form = spec.form(request.POST, request.FILES, case=case, pickers=pickers, prefix=act.value)
    if not form.is_valid():
        return _render_case(request, case, pickers=pickers, bound=form, status=400)
    try:
        spec.service(case=case, actor=request.user, **form.service_kwargs())
    except ValidationFailed as error:
        form.add_service_errors(error)
        return _render_case(request, case, pickers=pickers, bound=form, status=400)
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    except Conflict as error:
        return _conflict(request, number, form, error)
    messages.success(request, _("%(action)s: saved.") % {"action": act.label})
    return _to_case_if_visible(request, case)


def _conflict(request: HttpRequest, number: str, form: ActionForm, error: Conflict) -> HttpResponse:
    """Nothing was saved. Show the case as it is now, what others changed since the user's version,
    and keep their input — with the current version, so a resubmission is a decision made after
    seeing the changes, never a silent overwrite."""
    case = _case_or_404(request, number, detailed=True)
    seen_version = form.cleaned_data["version"]
    data = form.data.copy()
    data[form.add_prefix("version")] = str(case.version)
    pickers = selectors.Pickers()
    refreshed = type(form)(data, case=case, pickers=pickers, prefix=form.prefix)
    conflict = {
        "not_allowed": isinstance(error, TransitionNotAllowed),
        "reason": error.message,
        "changes": selectors.events_since(case, seen_version),
    }
    return _render_case(request, case, pickers=pickers, bound=refreshed, conflict=conflict, status=409)


def _to_case_if_visible(request: HttpRequest, case: Case) -> HttpResponse:
    # A transfer (or registering for another department) may take the case out of the user's view.
    if selectors.is_visible(request.user, case):
        return redirect("web:case", number=case.number)
    messages.info(request, _("Case %(number)s is no longer in your view.") % {"number": case.number})
    return redirect("web:workbench")


def _render_case(
    request: HttpRequest,
    case: Case,
    *,
    pickers: selectors.Pickers | None = None,
    bound: ActionForm | None = None,
    conflict: dict | None = None,
    status: int = 200,
) -> HttpResponse:
    pickers = pickers or selectors.Pickers()
    action_forms = []
    for value in workflow.offered_actions(case, user_roles(request.user)):
        action = Action(value)
        if bound is not None and bound.prefix == value:
            form = bound
        else:
            form = ACTION_FORMS[action].form(case=case, pickers=pickers, prefix=value)
        action_forms.append((action, form))
    context = {
        "case": case,
        "category_path": category_path(case.category),
        "other_cases": selectors.customer_other_cases(request.user, case),
        "timeline": selectors.case_timeline(case),
        "action_forms": action_forms,
        "open_action": bound.prefix if bound is not None else "",
        "conflict": conflict,
        "awaiting_follow_up": case.status == Status.AWAITING_FOLLOW_UP,
        "orders": supervision_selectors.case_orders(request.user, case.pk),
        "can_issue_order": case.status in OPEN_STATUSES
        and bool(user_roles(request.user) & supervision_services.ISSUING_ROLES),
        "duplicates": duplicates.suggestion_list(request.user, case).filter(status=SuggestionStatus.OPEN),
        "can_merge": any(action == Action.MERGE for action, _form in action_forms),
        "merged_cases": case_selectors.visible_cases(request.user).filter(merged_into=case),
        "assist": assist_analysis.case_assist(request.user, case),
    }
    return render(request, "web/case.html", context, status=status)


@login_required
@require_POST
def duplicate_dismiss(request: HttpRequest, number: str, suggestion_id: int) -> HttpResponse:
    case = _case_or_404(request, number)
    try:
        duplicates.duplicate_dismiss(case=case, actor=request.user, suggestion_id=suggestion_id)
    except NotFound as error:
        raise Http404(error.message) from error
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Suggestion dismissed: not a duplicate."))
    return redirect("web:case", number=case.number)


@login_required
def evidence_file(request: HttpRequest, number: str, evidence_id: int) -> FileResponse:
    case = _case_or_404(request, number)
    item = case.evidence.filter(pk=evidence_id).first()
    if item is None or not item.file:
        raise Http404(_("No such evidence file."))
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name or item.sha256,
        content_type=item.content_type or "application/octet-stream",
    )

"""Staff pages of the publication workflow: parse a form, call a service or selector, render."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from closeloop.cases import selectors as case_selectors
from closeloop.cases.selectors import visible_cases
from closeloop.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from closeloop.core.views import allowed
from closeloop.disclosure import permissions, selectors, services, workflow
from closeloop.disclosure.choices import PublicationAction
from closeloop.disclosure.forms import (
    DraftForm,
    PublicationFilterForm,
    PublicationForm,
    publication_initial,
)
from closeloop.disclosure.models import Publication

PAGE_SIZE = 25
A = PublicationAction


def _publication_or_404(request: HttpRequest, publication_id: int) -> Publication:
    allowed(permissions.check_may_read, request.user)
    try:
        return selectors.publication_get(request.user, publication_id)
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
def publication_list(request: HttpRequest) -> HttpResponse:
    allowed(permissions.check_may_read, request.user)
    form = PublicationFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    publications = selectors.publication_list(
        request.user, status=filters.get("status", ""), q=filters.get("q", "")
    )
    context = {
        "form": form,
        "page": Paginator(publications, PAGE_SIZE).get_page(request.GET.get("page")),
        "draft_form": DraftForm() if permissions.may_edit(request.user) else None,
    }
    return render(request, "disclosure/list.html", context)


@login_required
@require_POST
def publication_new(request: HttpRequest) -> HttpResponse:
    """A draft composed from a closed case, by its number."""
    allowed(permissions.check_may_edit, request.user)
    form = DraftForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a case number."))
        return redirect("disclosure:publications")
    try:
        case = case_selectors.case_get(request.user, form.cleaned_data["case"].strip())
        publication = services.publication_draft(case=case, actor=request.user)
    except NotFound as error:
        messages.error(request, error.message)
        return redirect("disclosure:publications")
    except Conflict as error:
        messages.error(request, error.message)
        existing = error.detail.get("publication")
        return (
            redirect("disclosure:publication", existing) if existing else redirect("disclosure:publications")
        )
    messages.success(
        request,
        _("Draft composed from case %(number)s. Rewrite it in plain language.") % {"number": case.number},
    )
    return redirect("disclosure:publication", publication.pk)


@login_required
def publication_detail(request: HttpRequest, publication: int) -> HttpResponse:
    found = _publication_or_404(request, publication)
    context = {
        "publication": found,
        "allowed": {a.value for a in workflow.allowed_actions(found, request.user)},
        "checks": selectors.publication_checks(found),
        "events": selectors.publication_events(found),
        "pending_feedback": selectors.feedback_pending(found),
        "can_moderate": permissions.may_edit(request.user),
        "can_see_case": visible_cases(request.user).filter(pk=found.case_id).exists(),
        "legal_current": workflow.legal_approval_current(found),
    }
    return render(request, "disclosure/detail.html", context)


@login_required
def publication_edit(request: HttpRequest, publication: int) -> HttpResponse:
    found = _publication_or_404(request, publication)
    allowed(permissions.check_may_edit, request.user)
    if request.method != "POST":
        form = PublicationForm(initial=publication_initial(found))
        return render(request, "disclosure/form.html", {"form": form, "publication": found})
    form = PublicationForm(request.POST)
    if form.is_valid():
        seen = form.cleaned_data["version"]
        try:
            edited = services.publication_edit(
                publication=found,
                actor=request.user,
                version=seen,
                changes=form.changes(),
                note=form.cleaned_data["note"],
            )
        except ValidationFailed as error:
            form.add_service_errors(error)
        except Forbidden as error:
            raise PermissionDenied(error.message) from error
        except Conflict as error:
            # Nothing was saved; the user's text stays in the form, now carrying the current version.
            current = _publication_or_404(request, found.pk)
            data = request.POST.copy()
            data["version"] = str(current.version)
            context = {"form": PublicationForm(data), "publication": current, "conflict": error.message}
            return render(request, "disclosure/form.html", context, status=409)
        else:
            if edited.version == seen:
                messages.info(request, _("Nothing changed; nothing was saved."))
            elif edited.status != found.status:
                messages.warning(
                    request,
                    _("Saved. The text changed after its review, so it goes back to legal review."),
                )
            else:
                messages.success(request, _("Saved."))
            return redirect("disclosure:publication", edited.pk)
    return render(request, "disclosure/form.html", {"form": form, "publication": found}, status=400)


@login_required
def publication_review(request: HttpRequest, publication: int) -> HttpResponse:
    """Legal review: every replaced span of every element and what a stricter look still flags."""
    found = _publication_or_404(request, publication)
    context = {
        "publication": found,
        "rows": selectors.legal_review(found),
        "allowed": {a.value for a in workflow.allowed_actions(found, request.user)},
    }
    return render(request, "disclosure/review.html", context)


@login_required
def publication_check(request: HttpRequest, publication: int) -> HttpResponse:
    """双人核对: the public text beside the case record, for people who may read the case."""
    found = _publication_or_404(request, publication)
    if not visible_cases(request.user).filter(pk=found.case_id).exists():
        raise PermissionDenied(_("You cannot read the case, so you cannot check the publication against it."))
    context = {
        "publication": found,
        "rows": selectors.accuracy_record(found),
        "checks": selectors.publication_checks(found).filter(content_version=found.content_version),
        "allowed": {a.value for a in workflow.allowed_actions(found, request.user)},
    }
    return render(request, "disclosure/check.html", context)


# action → (service call, message on success). The form's note is the reason where one is needed.
_ACTIONS: dict[str, tuple[Callable, str]] = {
    A.SUBMIT: (
        lambda p, u, v, note: services.publication_submit(publication=p, actor=u, version=v),
        gettext_lazy("Sent to legal review."),
    ),
    A.LEGAL_APPROVE: (
        lambda p, u, v, note: services.publication_legal_approve(
            publication=p, actor=u, version=v, note=note
        ),
        gettext_lazy("Desensitisation approved. Two different people now check it against the case."),
    ),
    A.LEGAL_RETURN: (
        lambda p, u, v, note: services.publication_legal_return(publication=p, actor=u, version=v, note=note),
        gettext_lazy("Returned to the editor."),
    ),
    A.CONFIRM: (
        lambda p, u, v, note: services.publication_confirm(publication=p, actor=u, version=v, note=note),
        gettext_lazy("Accuracy confirmed."),
    ),
    A.CHECK_RETURN: (
        lambda p, u, v, note: services.publication_check_return(publication=p, actor=u, version=v, note=note),
        gettext_lazy("Returned to the editor."),
    ),
    A.PUBLISH: (
        lambda p, u, v, note: services.publication_publish(publication=p, actor=u, version=v),
        gettext_lazy("Published on the public board and in the feeds."),
    ),
    A.WITHDRAW: (
        lambda p, u, v, note: services.publication_withdraw(publication=p, actor=u, version=v, reason=note),
        gettext_lazy("Withdrawn."),
    ),
}


def _field_label(name: str) -> str:
    try:
        return str(Publication._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:
        return name


@login_required
@require_POST
def publication_act(request: HttpRequest, publication: int, action: str) -> HttpResponse:
    found = _publication_or_404(request, publication)
    if action not in _ACTIONS:
        raise Http404(_("No such step."))
    act, done = _ACTIONS[action]
    version = request.POST.get("version", "")
    note = request.POST.get("reason" if action == A.WITHDRAW else "note", "")
    try:
        act(found, request.user, int(version) if version.isdigit() else None, note)
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    except ValidationFailed as error:
        details = "; ".join(
            f"{_field_label(name)}: {m}" for name, texts in error.fields.items() for m in texts
        )
        messages.error(request, _("Nothing was saved: %(reason)s") % {"reason": f"{error.message} {details}"})
    except Conflict as error:
        messages.error(request, _("Nothing was saved: %(reason)s") % {"reason": error.message})
    else:
        messages.success(request, str(done))
    return redirect("disclosure:publication", found.pk)


@login_required
@require_POST
def feedback_moderate(request: HttpRequest, publication: int, feedback: int) -> HttpResponse:
    found = _publication_or_404(request, publication)
    try:
        comment = selectors.feedback_get(found, feedback)
        services.feedback_moderate(
            feedback=comment, actor=request.user, approve=request.POST.get("decision") == "approve"
        )
    except NotFound as error:
        raise Http404(error.message) from error
    except Forbidden as error:
        raise PermissionDenied(error.message) from error
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Comment moderated."))
    return redirect("disclosure:publication", found.pk)

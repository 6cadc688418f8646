"""Public portal pages (no login) and the one staff action that sends a survey link.

Views parse the request, call a service or selector and render; the public never sees staff names,
internal notes or reasons because the selectors never hand them out.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from closeloop.cases.selectors import case_get
from closeloop.core.errors import Conflict, Forbidden, NotFound, ValidationFailed
from closeloop.portal.choices import RateLimit, SurveyState
from closeloop.portal.forms import ComplaintForm, SurveyForm, TrackForm
from closeloop.portal.selectors import public_case, survey_lookup, tracked_case, tracking_get
from closeloop.portal.services import (
    SurveyNotOpen,
    complaint_submit,
    rate_limit_reached,
    rate_limit_take,
    survey_answer,
    survey_invitation_create,
)

# The confirmation page reads the new tracking record from here (post/redirect/get).
SUBMITTED_SESSION_KEY = "portal_submitted"


def _client(request: HttpRequest) -> str:
    """The client's address; behind a load balancer, from the header the trusted proxy sets."""
    header = getattr(settings, "PORTAL_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        # A proxy appends the address it saw; earlier entries are whatever the client claimed.
        return request.META[header].split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def _too_many(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/rate_limited.html", status=429)


@require_http_methods(["GET", "POST"])
def new(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/new.html", {"form": ComplaintForm()})
    form = ComplaintForm(request.POST, request.FILES)
    if form.is_valid():
        if form.is_spam:
            form.add_error(None, _("Your complaint could not be accepted. Please try again later."))
        elif not rate_limit_take(
            scope=RateLimit.SUBMIT,
            client=_client(request),
            limit=getattr(settings, "PORTAL_SUBMISSIONS_PER_HOUR", 5),
        ):
            return _too_many(request)
        else:
            data = form.cleaned_data
            try:
                tracking = complaint_submit(
                    name=data["name"],
                    phone=data["phone"],
                    email=data["email"],
                    preferred_channel=data["preferred_channel"],
                    category=data["category"],
                    title=data["title"],
                    description=data["description"],
                    occurred_at=data["occurred_at"],
                    demand=data["demand"],
                    attachments=data["attachments"],
                )
            except ValidationFailed as error:
                form.add_service_errors(error)
            else:
                request.session[SUBMITTED_SESSION_KEY] = tracking.pk
                return redirect("portal:submitted")
    return render(request, "portal/new.html", {"form": form}, status=400)


def submitted(request: HttpRequest) -> HttpResponse:
    tracking = tracking_get(request.session.get(SUBMITTED_SESSION_KEY))
    if tracking is None:
        return redirect("portal:new")
    return render(request, "portal/submitted.html", {"tracking": tracking})


@require_http_methods(["GET", "POST"])
def track(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, "portal/track.html", {"form": TrackForm()})
    form = TrackForm(request.POST)
    if form.is_valid():
        client = _client(request)
        limit = getattr(settings, "PORTAL_TRACK_TRIES_PER_HOUR", 20)
        # Once over the limit even a right combination is refused, so guessing learns nothing.
        if rate_limit_reached(scope=RateLimit.TRACK, client=client, limit=limit):
            return _too_many(request)
        case = tracked_case(code=form.cleaned_data["code"], contact=form.cleaned_data["contact"])
        if case is not None:
            return render(request, "portal/track_result.html", {"case": public_case(case)})
        rate_limit_take(scope=RateLimit.TRACK, client=client, limit=limit)
        # One answer for an unknown code and a wrong contact: the page must not confirm either.
        form.add_error(
            None,
            _("We found no complaint with this tracking code and contact. Please check both and try again."),
        )
    return render(request, "portal/track.html", {"form": form})


def _survey_not_open(request: HttpRequest, state: SurveyState) -> HttpResponse:
    return render(request, "portal/survey_closed.html", {"state": state.value}, status=410)


@require_http_methods(["GET", "POST"])
def survey(request: HttpRequest, token: str) -> HttpResponse:
    # A GET only shows the form: mail scanners open every link, and must not answer for the customer.
    lookup = survey_lookup(token)
    if lookup.state != SurveyState.OPEN:
        return _survey_not_open(request, lookup.state)
    form = SurveyForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        try:
            survey_answer(
                invitation=lookup.invitation,
                resolved=form.cleaned_data["resolved"],
                satisfaction=form.cleaned_data["satisfaction"],
                comment=form.cleaned_data["comment"],
            )
        except SurveyNotOpen as refusal:
            return _survey_not_open(request, refusal.state)
        except ValidationFailed as error:
            form.add_service_errors(error)
        else:
            return render(request, "portal/survey_thanks.html")
    return render(request, "portal/survey.html", {"form": form, "number": lookup.invitation.case.number})


@login_required
@require_POST
def survey_link(request: HttpRequest, number: str) -> HttpResponse:
    """Staff: create a survey link for a case awaiting follow-up and show it once as a message."""
    try:
        path = survey_invitation_create(case=case_get(request.user, number), actor=request.user)
    except NotFound:
        raise Http404 from None
    except Forbidden:
        messages.error(request, _("Your role may not send follow-up surveys."))
    except Conflict:
        messages.error(request, _("A survey link can only be made while the case is awaiting follow-up."))
    else:
        messages.success(
            request,
            _("Survey link for case %(number)s (works once, valid for %(days)d days): %(link)s")
            % {
                "number": number,
                "days": getattr(settings, "PORTAL_SURVEY_DAYS", 14),
                "link": request.build_absolute_uri(path),
            },
        )
    # The staff case page lives in the web app, which is built separately.
    return redirect(f"/cases/{number}/")

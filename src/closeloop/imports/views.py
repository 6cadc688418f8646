"""Import pages: upload a file and see the jobs, follow one job's progress, download its errors."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from closeloop.core.errors import Forbidden, NotFound, ValidationFailed
from closeloop.imports import selectors, services
from closeloop.imports.api import error_report_response
from closeloop.imports.forms import ImportUploadForm
from closeloop.imports.models import ImportJob
from closeloop.web.views import is_partial

ERRORS_SHOWN = 200


def _importer(request: HttpRequest) -> None:
    try:
        services.check_may_import(request.user)
    except Forbidden as error:
        raise PermissionDenied(error.message) from error


def _job_or_404(request: HttpRequest, job_id: int) -> ImportJob:
    try:
        return selectors.job_get(request.user, job_id)
    except NotFound as error:
        raise Http404(error.message) from error


@login_required
def job_list(request: HttpRequest) -> HttpResponse:
    _importer(request)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.job_create(
                actor=request.user,
                source=form.cleaned_data["source"],
                upload=form.cleaned_data["file"],
                batch_size=form.cleaned_data["batch_size"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except ValidationFailed as error:
            form.add_service_errors(error)
        else:
            messages.success(request, _("Import job %(job)s is queued.") % {"job": job.pk})
            return redirect("imports:job", job=job.pk)
    jobs = selectors.jobs_visible(request.user)[:50]
    status = 400 if request.method == "POST" else 200
    return render(request, "imports/jobs.html", {"form": form, "jobs": jobs}, status=status)


@login_required
def job_detail(request: HttpRequest, job: int) -> HttpResponse:
    _importer(request)
    found = _job_or_404(request, job)
    errors = list(selectors.job_errors(found)[:ERRORS_SHOWN]) if found.finished else []
    context = {"job": found, "errors": errors, "errors_shown": ERRORS_SHOWN}
    return render(request, "imports/job.html", context)


@login_required
def job_progress(request: HttpRequest, job: int) -> HttpResponse:
    """The progress partial the job page polls every second until the job is finished."""
    _importer(request)
    found = _job_or_404(request, job)
    response = render(request, "imports/_progress.html", {"job": found})
    if found.finished and is_partial(request):
        # Once finished, the whole page reloads to show the error table.
        response["HX-Refresh"] = "true"
    return response


@login_required
def job_errors(request: HttpRequest, job: int, suffix: str) -> HttpResponse:
    _importer(request)
    return error_report_response(_job_or_404(request, job), suffix)

"""The public report as a web page and as a PDF, for a period the reader chooses."""

from datetime import date

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from closeloop.disclosure import whitepaper


def _period(request: HttpRequest) -> tuple[date, date, dict[str, str]]:
    today = timezone.localdate()
    errors: dict[str, str] = {}
    values = {}
    for name, default in (("from", today.replace(month=1, day=1)), ("to", today)):
        raw = request.GET.get(name, "").strip()
        try:
            values[name] = date.fromisoformat(raw) if raw else default
        except ValueError:
            errors[name] = _("Give a date as YYYY-MM-DD.")
            values[name] = default
    start, end = values["from"], values["to"]
    if not errors and end < start:
        errors["to"] = _("The end of the period is before its start.")
    elif not errors and (end - start).days > whitepaper.MAX_DAYS:
        errors["to"] = _("One report covers at most %(days)d days.") % {"days": whitepaper.MAX_DAYS}
    return start, end, errors


def report(request: HttpRequest) -> HttpResponse:
    start, end, errors = _period(request)
    context = {"start": start, "end": end, "errors": errors, "report": None}
    if errors:
        return render(request, "disclosure/public/report.html", context, status=400)
    context["report"] = whitepaper.report_cached(start, end)
    return render(request, "disclosure/public/report.html", context)


def report_pdf(request: HttpRequest) -> HttpResponse:
    # Imported here: WeasyPrint loads Pango and fonts, which no other page needs.
    from weasyprint import HTML

    start, end, errors = _period(request)
    if errors:
        return render(
            request,
            "disclosure/public/report.html",
            {"start": start, "end": end, "errors": errors},
            status=400,
        )
    html = render_to_string(
        "disclosure/public/report_pdf.html", {"report": whitepaper.report_cached(start, end)}, request=request
    )
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="closeloop-report-{start}-{end}.pdf"'
    return response

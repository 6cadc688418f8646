"""A job's error report as a file: row, column, value, reason — CSV (with a BOM, so Excel reads the
Chinese text) or .xlsx."""

import csv
import io

from django.utils.translation import gettext as _
from openpyxl import Workbook

from closeloop.imports.models import ImportJob
from closeloop.imports.selectors import job_errors


def _header() -> list[str]:
    return [_("row"), _("column"), _("value"), _("reason")]


def _rows(job: ImportJob):
    for error in job_errors(job).iterator(chunk_size=2000):
        yield [error.row, error.column, error.value, error.reason]


def errors_csv(job: ImportJob) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(_header())
    writer.writerows(_rows(job))
    return text.getvalue().encode("utf-8-sig")


def errors_xlsx(job: ImportJob) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Errors"))
    sheet.append(_header())
    for row in _rows(job):
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_name(job: ImportJob, suffix: str) -> str:
    return f"import-{job.pk}-errors.{suffix}"

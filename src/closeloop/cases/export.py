"""Export of a filtered case list to CSV or Excel, streamed row by row.

A million cases must leave without a million rows in memory: rows are read with a database cursor
in chunks and written out as they come. CSV goes straight to the response. An .xlsx file is a zip
of XML parts; the zip is written to the response as it grows (the standard library writes zips to
unseekable streams), and a sheet is rolled over at Excel's row limit, so the workbook part that
names the sheets is written last. openpyxl builds the whole file before the first byte can leave
and takes minutes for a million rows, so it is not used on this path.

Contact details are masked: an export leaves the system, and analysis does not need them (PIPL
least privilege). Who may export is checked here, the rows are the user's scope.
"""

import csv
import io
import logging
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from closeloop.cases.choices import Channel, Status
from closeloop.cases.models import Case
from closeloop.core.errors import Forbidden
from closeloop.notify.sms import mask_phone
from closeloop.org.choices import Role
from closeloop.org.models import User
from closeloop.org.selectors import user_roles
from closeloop.policy.choices import Grade

log = logging.getLogger(__name__)

EXPORT_ROLES = frozenset({Role.SUPERVISOR, Role.HEAD, Role.EXECUTIVE, Role.AUDITOR, Role.ADMIN})
FORMATS = ("csv", "xlsx")
CHUNK = 2000
# Excel's sheet holds 1,048,576 rows; one is the header.
SHEET_ROWS = 1_048_575


def _label(choices: type) -> Callable[[Any], str]:
    labels = dict(choices.choices)
    return lambda value: str(labels.get(value, value or ""))


def _masked_email(value: str) -> str:
    local, _at, domain = (value or "").partition("@")
    return f"{local[:1]}***@{domain}" if domain else ""


def _when(value: datetime | None) -> datetime | None:
    return timezone.localtime(value).replace(tzinfo=None) if value else None


# (header, database path, how to show the value)
COLUMNS: list[tuple[Any, str, Callable[[Any], Any]]] = [
    (gettext_lazy("Case number"), "number", str),
    (gettext_lazy("Status"), "status", _label(Status)),
    (gettext_lazy("Channel"), "channel", _label(Channel)),
    (gettext_lazy("Contacted at"), "contacted_at", _when),
    (gettext_lazy("Registered at"), "registered_at", _when),
    (gettext_lazy("Category"), "category__name", str),
    (gettext_lazy("Category code"), "category__code", str),
    (gettext_lazy("Grade"), "grade", _label(Grade)),
    (gettext_lazy("Title"), "title", str),
    (gettext_lazy("Complainant"), "complainant_name", str),
    (gettext_lazy("Phone (masked)"), "complainant_phone", mask_phone),
    (gettext_lazy("E-mail (masked)"), "complainant_email", _masked_email),
    (gettext_lazy("Amount involved"), "amount", lambda v: v),
    (gettext_lazy("Lead department"), "lead_department__name", lambda v: v or ""),
    (gettext_lazy("Handler"), "handler__display_name", lambda v: v or ""),
    (gettext_lazy("First response due"), "response_due_at", _when),
    (gettext_lazy("Resolution due"), "resolution_due_at", _when),
    (gettext_lazy("Responded at"), "responded_at", _when),
    (gettext_lazy("Closed at"), "closed_at", _when),
    (gettext_lazy("Times reopened"), "reopen_count", int),
    (gettext_lazy("External reference"), "external_ref", str),
]


def export_check(user: User) -> None:
    if not user_roles(user) & EXPORT_ROLES:
        raise Forbidden(_("Your role may not export case lists."))


def export_rows(qs: QuerySet[Case], user: User) -> Iterator[list[Any]]:
    """The header, then one list per case of `qs` (already scoped and filtered), read in chunks."""
    yield [str(header) for header, _path, _show in COLUMNS]
    shows = [show for _header, _path, show in COLUMNS]
    count = 0
    for values in (
        qs.order_by("-registered_at", "-id")
        .values_list(*(p for _h, p, _s in COLUMNS))
        .iterator(chunk_size=CHUNK)
    ):
        count += 1
        yield [show(value) for show, value in zip(shows, values, strict=True)]
    # Who exported how much, never what: the rows hold personal data.
    log.info("case export by user %s: %d rows", user.pk, count)


class _Pipe(io.RawIOBase):
    """A write-only stream whose bytes are taken out as they arrive (zipfile needs a file object)."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.written = 0

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        self.written += len(data)
        return len(data)

    def tell(self) -> int:
        # zipfile records offsets; the stream is never sought, so the count of bytes is its position.
        return self.written

    def take(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks.clear()
        return data


def csv_stream(rows: Iterable[list[Any]]) -> Iterator[bytes]:
    # The byte-order mark makes Excel open UTF-8 Chinese text correctly.
    yield "\ufeff".encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for n, row in enumerate(rows, 1):
        writer.writerow(["" if v is None else v for v in row])
        if n % 500 == 0:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(ref: str, value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float | Decimal):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, datetime):
        # Excel's serial date: days since 1899-12-30, shown with the date-time style (s="1").
        serial = (value - datetime(1899, 12, 30)).total_seconds() / 86400  # noqa: DTZ001 (Excel time is naive)
        return f'<c r="{ref}" s="1"><v>{serial:.6f}</v></c>'
    text = escape(_XML_ILLEGAL.sub("", str(value)))
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


# Control characters that XML 1.0 does not allow (complaint texts pasted from chats carry them).
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")

_SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" state="frozen"/>'
    "</sheetView></sheetViews><sheetData>"
)
_SHEET_TAIL = "</sheetData></worksheet>"
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


_XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def _workbook_parts(sheets: list[str]) -> dict[str, str]:
    ns = "http://schemas.openxmlformats.org"
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
        f'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for i in range(1, len(sheets) + 1)
    )
    return {
        "[Content_Types].xml": (
            f'{_XML_DECLARATION}<Types xmlns="{ns}/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            f'{_XML_DECLARATION}<Relationships xmlns="{ns}/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{ns}/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'{_XML_DECLARATION}<workbook xmlns="{ns}/spreadsheetml/2006/main" '
            f'xmlns:r="{ns}/officeDocument/2006/relationships"><sheets>'
            + "".join(
                f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>'
                for i, name in enumerate(sheets, 1)
            )
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            f'{_XML_DECLARATION}<Relationships xmlns="{ns}/package/2006/relationships">'
            + "".join(
                f'<Relationship Id="rId{i}" Type="{ns}/officeDocument/2006/relationships/worksheet" '
                f'Target="worksheets/sheet{i}.xml"/>'
                for i in range(1, len(sheets) + 1)
            )
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{ns}/officeDocument/2006/relationships/styles" '
            'Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": _STYLES,
    }


def xlsx_stream(
    rows: Iterable[list[Any]], sheet_name: str, *, sheet_rows: int = SHEET_ROWS
) -> Iterator[bytes]:
    """An .xlsx workbook of `rows` (the first is the header, repeated on every sheet)."""
    pipe = _Pipe()
    rows = iter(rows)
    header = next(rows)
    letters = [_column_letter(i) for i in range(len(header))]
    heading = "".join(
        f'<c r="{letter}1" s="2" t="inlineStr"><is><t>{escape(str(h))}</t></is></c>'
        for letter, h in zip(letters, header, strict=True)
    )
    sheets: list[str] = []
    following = next(rows, None)
    with zipfile.ZipFile(pipe, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        while True:
            sheets.append(sheet_name if not sheets else f"{sheet_name} ({len(sheets) + 1})")
            with archive.open(f"xl/worksheets/sheet{len(sheets)}.xml", "w", force_zip64=True) as sheet:
                parts = [_SHEET_HEAD, f'<row r="1">{heading}</row>']
                number = 1
                while following is not None and number <= sheet_rows:
                    number += 1
                    parts.append(f'<row r="{number}">')
                    parts += [
                        _cell(f"{letter}{number}", v) for letter, v in zip(letters, following, strict=True)
                    ]
                    parts.append("</row>")
                    if number % 500 == 0:
                        sheet.write("".join(parts).encode())
                        parts.clear()
                        yield pipe.take()
                    following = next(rows, None)
                parts.append(_SHEET_TAIL)
                sheet.write("".join(parts).encode())
            yield pipe.take()
            if following is None:
                break
        for name, text in _workbook_parts(sheets).items():
            archive.writestr(name, text)
    yield pipe.take()


def export_response(fmt: str, qs: QuerySet[Case], user: User) -> StreamingHttpResponse:
    """The cases of `qs` (already scoped and filtered) as a CSV or .xlsx download, streamed.

    The role is checked here, before the response starts: a check inside the row generator would
    only run once the body is being sent."""
    export_check(user)
    rows = export_rows(qs, user)
    if fmt == "csv":
        body, content_type = csv_stream(rows), "text/csv; charset=utf-8"
    else:
        body = xlsx_stream(rows, _("Cases"))
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = StreamingHttpResponse(body, content_type=content_type)
    filename = f"cases-{timezone.localtime():%Y%m%d-%H%M}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

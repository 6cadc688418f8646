"""Rows out of .xlsx and .csv files, streamed: a 100,000-row sheet is never held in memory.

`open_table` returns the header and an iterator of (row number in the file, values). Row numbers
are the ones a person sees in Excel (the header row is 1 by default), so an error report points at
the right line. CSV files may be UTF-8 (with or without the BOM Excel writes) or GB18030, which is
what Chinese Excel saves as "CSV"; the encoding is detected by reading the file as UTF-8 first.
"""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from closeloop.core.errors import ValidationFailed

SUFFIXES = (".xlsx", ".csv")


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, tuple[Any, ...]]]
    # Rows below the header (possibly counting trailing blank rows of a sheet); None if unknown.
    total: int | None
    close: Any = None


def suffix_of(name: str) -> str:
    suffix = Path(name or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise ValidationFailed(
            {"file": _("'%(name)s' is not an .xlsx or .csv file.") % {"name": Path(name or "").name}}
        )
    return suffix


def detect_encoding(raw: BinaryIO) -> str:
    """utf-8-sig when the whole file decodes as UTF-8 (BOM or not), else GB18030 (a superset of GBK)."""
    raw.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := raw.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "gb18030"
    finally:
        raw.seek(0)
    return "utf-8-sig"


def _header(values: tuple[Any, ...]) -> list[str]:
    return [str(v).strip() if v is not None else "" for v in values]


def _blank(values: tuple[Any, ...]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in values)


def _numbered(rows: Iterator[tuple[Any, ...]], first: int) -> Iterator[tuple[int, tuple[Any, ...]]]:
    for number, values in enumerate(rows, start=first):
        if not _blank(values):
            yield number, values


def open_table(path: str | Path, *, name: str, header_row: int = 1) -> Table:
    """Open `path` (named `name` by the uploader, which gives the format) for reading."""
    suffix = suffix_of(name)
    if suffix == ".xlsx":
        return _open_xlsx(Path(path), header_row)
    return _open_csv(Path(path), header_row)


def _bad_file(name: str, error: Exception) -> ValidationFailed:
    return ValidationFailed(
        {"file": _("The file could not be read (%(error)s).") % {"error": type(error).__name__}}
    )


def _open_xlsx(path: Path, header_row: int) -> Table:
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises zip, XML and key errors for a damaged file
        raise _bad_file(path.name, error) from error
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    headers: list[str] = []
    for _skipped in range(header_row):
        headers = _header(next(rows, ()))
    # The sheet's own dimension: cheap, but may count trailing blank rows; the job corrects the
    # total when it finishes.
    max_row = sheet.max_row or _count_rows(path, workbook)
    total = max(0, max_row - header_row) if max_row else None
    return Table(headers=headers, rows=_numbered(rows, header_row + 1), total=total, close=workbook.close)


def _count_rows(path: Path, workbook) -> int | None:
    """Rows of the first sheet when it states no dimension (files written by libraries often do
    not): the `<row` tags in its XML, counted in the compressed stream without parsing it."""
    target = getattr(workbook.worksheets[0], "_worksheet_path", None) or "xl/worksheets/sheet1.xml"
    try:
        with zipfile.ZipFile(path) as archive, archive.open(target.lstrip("/")) as xml:
            count, tail = 0, b""
            while chunk := xml.read(1 << 20):
                data = tail + chunk
                count += data.count(b"<row ") + data.count(b"<row>")
                # Four bytes hold no whole tag: a tag split across two chunks is counted once, in the next.
                tail = data[-4:]
            return count
    except (KeyError, OSError, zipfile.BadZipFile):
        return None


def _open_csv(path: Path, header_row: int) -> Table:
    raw = path.open("rb")
    encoding = detect_encoding(raw)
    counting = io.TextIOWrapper(raw, encoding=encoding, newline="")
    total = sum(1 for _row in csv.reader(counting)) - header_row
    counting.detach()  # a collected wrapper would close the file under the reader below
    raw.seek(0)
    text = io.TextIOWrapper(raw, encoding=encoding, newline="")
    rows = (tuple(r) for r in csv.reader(text))
    headers: list[str] = []
    for _skipped in range(header_row):
        headers = _header(next(rows, ()))
    return Table(headers=headers, rows=_numbered(rows, header_row + 1), total=max(0, total), close=text.close)

"""Reading one row of an import: our fields out of their columns, their words mapped to ours.

`RowReader` is built once per job from the source and the file's header; `read` turns one row
into a `ParsedRow` or a list of `RowError`s that name the row, the column and the reason, so a
person can fix the file.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from closeloop.cases.choices import Channel, Status
from closeloop.cases.services import CLOCK_SKEW
from closeloop.core import clock
from closeloop.core.errors import ValidationFailed
from closeloop.imports.models import DEFAULT_DATE_FORMATS, ImportKind, ImportSource
from closeloop.org.models import Department, User
from closeloop.policy.choices import Grade
from closeloop.policy.models import Category

TITLE_LENGTH = 200
END_OF_DAY = time(23, 59, 59)

T, L = ImportKind.TRANSFER, ImportKind.LEDGER


@dataclass(frozen=True)
class Field:
    label: Any
    kinds: tuple[str, ...] = (T, L)


# Our fields, in the order a mapping form shows them.
FIELDS: dict[str, Field] = {
    "external_ref": Field(gettext_lazy("External reference / ledger number")),
    "channel": Field(gettext_lazy("Channel")),
    "contacted_at": Field(gettext_lazy("Contacted at")),
    "registered_at": Field(gettext_lazy("Registered at")),
    "due_at": Field(gettext_lazy("Regulator's deadline"), (T,)),
    "name": Field(gettext_lazy("Complainant name")),
    "phone": Field(gettext_lazy("Phone")),
    "email": Field(gettext_lazy("E-mail")),
    "title": Field(gettext_lazy("Title")),
    "description": Field(gettext_lazy("Description")),
    "demand": Field(gettext_lazy("Demand")),
    "location": Field(gettext_lazy("Location")),
    "order_ref": Field(gettext_lazy("Order / product reference")),
    "amount": Field(gettext_lazy("Amount")),
    "category": Field(gettext_lazy("Category")),
    "grade": Field(gettext_lazy("Grade")),
    "department": Field(gettext_lazy("Department")),
    "handler": Field(gettext_lazy("Handler (username)"), (L,)),
    "status": Field(gettext_lazy("Status"), (L,)),
    "closed_at": Field(gettext_lazy("Closed at"), (L,)),
    "result": Field(gettext_lazy("Result / feedback"), (L,)),
    "satisfaction": Field(gettext_lazy("Satisfaction (1-10)"), (L,)),
}
# "open" in a ledger: registered, or assigned when the row names a handler or department.
LEDGER_STATUSES = (
    "open",
    Status.REGISTERED,
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.CLOSED,
    Status.ARCHIVED,
)
CLOSED_LEDGER_STATUSES = (Status.CLOSED, Status.ARCHIVED)


@dataclass
class RowError:
    row: int
    column: str
    value: str
    reason: str


@dataclass
class ParsedRow:
    row: int
    external_ref: str
    raw: dict[str, Any]
    # Our field -> its value, typed (datetimes aware, category and department objects).
    values: dict[str, Any] = field(default_factory=dict)


def _readable_format(fmt: str) -> str:
    for token, shown in (
        ("%Y", "YYYY"),
        ("%m", "MM"),
        ("%d", "DD"),
        ("%H", "HH"),
        ("%M", "MM"),
        ("%S", "SS"),
    ):
        fmt = fmt.replace(token, shown)
    return fmt


def cell_text(value: Any) -> str:
    """A cell as text: Excel stores phone numbers as numbers (13800138000.0) and dates as dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


class _Lookup:
    """Categories, departments and staff by code or name, loaded once per job."""

    def __init__(self) -> None:
        leaves = list(Category.objects.filter(level=3, active=True).select_related("default_department"))
        departments = list(Department.objects.filter(active=True))
        # Codes win over names; a name shared by two rows means the first.
        self.categories: dict[str, Category] = {}
        for cat in leaves:
            for key in (cat.name, cat.name_en):
                if key:
                    self.categories.setdefault(key, cat)
        self.categories.update({c.code: c for c in leaves})
        self.departments: dict[str, Department] = {}
        for dept in departments:
            for key in (dept.name, dept.name_en):
                if key:
                    self.departments.setdefault(key, dept)
        self.departments.update({d.code: d for d in departments})
        self.users = {u.username: u for u in User.objects.filter(is_active=True)}


class RowReader:
    def __init__(self, source: ImportSource, headers: list[str]) -> None:
        self.source = source
        self.kind = source.kind
        self.maps = {
            k: {str(a).strip(): str(b).strip() for a, b in (v or {}).items()}
            for k, v in (source.value_maps or {}).items()
            if isinstance(v, dict)
        }
        self.formats = list(source.date_formats or DEFAULT_DATE_FORMATS)
        self.headers = headers
        self.lookup = _Lookup()
        self.tz = timezone.get_default_timezone()
        self.now = clock.now()
        self.columns: dict[str, tuple[int, str]] = {}
        index = {h: i for i, h in reversed(list(enumerate(headers))) if h}
        problems: list[str] = []
        mapping = source.column_map or {}
        for name, spec in FIELDS.items():
            if self.kind not in spec.kinds:
                continue
            header = str(mapping.get(name) or name).strip()
            if header in index:
                self.columns[name] = (index[header], header)
            elif mapping.get(name):
                problems.append(
                    _("Column '%(column)s' (mapped to %(field)s) is not in the file.")
                    % {"column": header, "field": spec.label}
                )
        for need in self._required_columns():
            if not any(name in self.columns for name in need):
                problems.append(
                    _("No column for %(fields)s: map it in the source's column mapping.")
                    % {"fields": _(" or ").join(str(FIELDS[n].label) for n in need)}
                )
        if problems:
            found = ", ".join(h for h in headers if h) or "—"
            problems.append(_("Columns in the file: %(columns)s.") % {"columns": found})
            raise ValidationFailed({"file": problems})

    def _required_columns(self) -> list[tuple[str, ...]]:
        need = [("external_ref",), ("name",), ("title", "description")]
        if self.kind == T:
            need += [("contacted_at",), ("phone", "email")]
            if not self.source.default_category:
                need.append(("category",))
        else:
            need += [("contacted_at", "registered_at"), ("status",)]
            if not self.source.default_category:
                need.append(("category",))
            if not self.source.default_channel:
                need.append(("channel",))
        return need

    def header_of(self, name: str) -> str:
        return self.columns[name][1] if name in self.columns else str(FIELDS[name].label)

    # --- one row ---------------------------------------------------------------------------------

    def read(self, number: int, values: tuple[Any, ...]) -> tuple[ParsedRow | None, list[RowError]]:
        row = _Row(self, number, values)
        parsed = row.parse()
        return (None, row.errors) if row.errors else (parsed, [])


class _Row:
    def __init__(self, reader: RowReader, number: int, values: tuple[Any, ...]) -> None:
        self.r = reader
        self.number = number
        self.values = values
        self.errors: list[RowError] = []

    def raw(self, name: str) -> Any:
        spot = self.r.columns.get(name)
        if spot is None or spot[0] >= len(self.values):
            return None
        return self.values[spot[0]]

    def fail(self, name: str, value: Any, message: str, **facts: Any) -> None:
        """Record why the row cannot be imported; `message` may name %(column)s and %(value)s."""
        header = self.r.header_of(name)
        shown = cell_text(value)
        self.errors.append(
            RowError(self.number, header, shown, message % {"column": header, "value": shown, **facts})
        )

    def failed(self, *names: str) -> bool:
        headers = {self.r.header_of(n) for n in names}
        return any(e.column in headers for e in self.errors)

    def text(self, name: str, max_length: int | None = None) -> str:
        value = cell_text(self.raw(name))
        if max_length and len(value) > max_length:
            self.fail(name, value, _("%(column)s is longer than %(length)s characters."), length=max_length)
            return ""
        return value

    def when(self, name: str, *, end_of_day: bool = False) -> datetime | None:
        value = self.raw(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        moment: datetime | None = None
        if isinstance(value, datetime):
            moment = value
        elif isinstance(value, date):
            moment = datetime.combine(value, END_OF_DAY if end_of_day else time.min)
        else:
            text = cell_text(value)
            for fmt in self.r.formats:
                try:
                    moment = datetime.strptime(text, fmt)  # noqa: DTZ007 - made aware below
                except ValueError:
                    continue
                if end_of_day and "%H" not in fmt:
                    # A deadline given as a day means the end of that day.
                    moment = datetime.combine(moment.date(), END_OF_DAY)
                break
        if moment is None:
            self.fail(
                name,
                value,
                _("%(column)s '%(value)s' is not a date in format %(formats)s."),
                formats=_(" or ").join(_readable_format(f) for f in self.r.formats),
            )
            return None
        return timezone.make_aware(moment, self.r.tz) if timezone.is_naive(moment) else moment

    def choice(self, name: str, allowed: tuple[str, ...] | list[str], default: str = "") -> str:
        """Their word through the source's value map for `name` (our own value passes as is)."""
        raw = self.text(name)
        value = (self.r.maps.get(name, {}).get(raw, raw) if raw else "") or default
        if value and value not in allowed:
            self.fail(
                name,
                raw,
                _(
                    "Unknown %(field)s '%(value)s' in column %(column)s: add it to the source's value map "
                    "for %(key)s, or use one of: %(choices)s."
                ),
                field=FIELDS[name].label,
                key=name,
                choices=", ".join(allowed),
            )
            return ""
        return value

    def lookup(self, name: str, table: dict[str, Any], message: str, default: Any = None) -> Any:
        raw = self.text(name)
        if not raw:
            return default
        found = table.get(self.r.maps.get(name, {}).get(raw, raw))
        if found is None:
            self.fail(name, raw, message)
        return found

    def parse(self) -> ParsedRow:
        r = self.r
        source = r.source
        ref = self.text("external_ref", 100)
        if not ref and not self.failed("external_ref"):
            self.fail(
                "external_ref", "", _("%(column)s is required: importing the file again skips rows by it.")
            )
        # A transfer keeps the row as the regulator sent it; a ledger row lives on in its case.
        raw = (
            {
                header: cell_text(self.values[i]) if i < len(self.values) else ""
                for i, header in enumerate(r.headers)
                if header
            }
            if r.kind == T
            else {}
        )
        out = ParsedRow(row=self.number, external_ref=ref, raw=raw)
        v = out.values

        v["name"] = self.text("name", 100)
        if not v["name"] and not self.failed("name"):
            self.fail("name", "", _("%(column)s is required (a pseudonym is acceptable)."))
        v["phone"] = self.text("phone", 30)
        email = self.text("email", 254).lower()
        if email and ("@" not in email or " " in email):
            self.fail("email", email, _("%(column)s '%(value)s' is not an e-mail address."))
            email = ""
        v["email"] = email
        title, description = self.text("title"), self.text("description")
        if not title and not description:
            self.fail(
                "title" if "title" in r.columns else "description",
                "",
                _("%(column)s: a title or a description is required."),
            )
        # A ledger often has no title: the first line of the description stands for it.
        if not title and description:
            title = description.splitlines()[0]
        if len(title) > TITLE_LENGTH:
            title = title[: TITLE_LENGTH - 1] + "…"
        v["title"], v["description"] = title, description or title
        v["demand"] = self.text("demand")
        v["location"] = self.text("location", 255)
        v["order_ref"] = self.text("order_ref", 100)
        v["amount"] = self._amount()

        v["contacted_at"] = self.when("contacted_at")
        v["registered_at"] = self.when("registered_at")
        if v["contacted_at"] is None:
            v["contacted_at"] = v["registered_at"]
        if v["contacted_at"] is None and not self.failed("contacted_at", "registered_at"):
            self.fail("contacted_at", "", _("%(column)s: when the complainant contacted us is required."))
        for name in ("contacted_at", "registered_at"):
            if v[name] and v[name] > r.now + CLOCK_SKEW:
                self.fail(name, self.raw(name), _("%(column)s '%(value)s' is in the future."))
        if v["registered_at"] and v["contacted_at"] and v["registered_at"] < v["contacted_at"]:
            self.fail(
                "registered_at",
                self.raw("registered_at"),
                _("%(column)s '%(value)s' is before the contact time."),
            )

        v["category"] = self.lookup(
            "category",
            r.lookup.categories,
            _(
                "Unknown category '%(value)s' in column %(column)s: map it under the source's value maps "
                "→ category, or give the code of an active third-level category."
            ),
        )
        if v["category"] is None and not self.failed("category"):
            v["category"] = r.lookup.categories.get(source.default_category)
            if v["category"] is None:
                self.fail(
                    "category",
                    source.default_category,
                    _("%(column)s: no category in the row and the source's default '%(value)s' is unknown."),
                )
        v["grade"] = self.choice("grade", Grade.values, source.default_grade or Grade.GENERAL)
        v["department"] = self.lookup(
            "department",
            r.lookup.departments,
            _(
                "Unknown department '%(value)s' in column %(column)s: give its code or name, or map it "
                "under the source's value maps → department."
            ),
            default=source.default_department,
        )
        default_channel = source.default_channel or (Channel.REGULATOR if r.kind == T else "")
        v["channel"] = self.choice("channel", Channel.values, default_channel)
        if not v["channel"] and not self.failed("channel"):
            self.fail("channel", "", _("%(column)s is required (or set the source's default channel)."))
        if r.kind == T:
            v["due_at"] = self.when("due_at", end_of_day=True)
            if not v["phone"] and not v["email"] and not self.failed("phone", "email"):
                self.fail(
                    "phone", "", _("%(column)s: give a phone number or an e-mail address so we can reply.")
                )
        else:
            self._ledger(v)
        return out

    def _amount(self) -> Decimal | None:
        raw = self.raw("amount")
        text = cell_text(raw).replace(",", "").replace("¥", "").replace("元", "")
        if not text:
            return None
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite() or not 0 <= amount < Decimal("1e10"):
            self.fail("amount", raw, _("%(column)s '%(value)s' is not an amount of yuan (e.g. 199.00)."))
            return None
        return amount.quantize(Decimal("0.01"))

    def _ledger(self, v: dict[str, Any]) -> None:
        v["handler"] = self.lookup(
            "handler", self.r.lookup.users, _("%(column)s '%(value)s' is not the username of active staff.")
        )
        status = self.choice("status", LEDGER_STATUSES)
        if not status and not self.failed("status"):
            self.fail("status", "", _("%(column)s is required (closed, archived or open)."))
        if status == "open":
            status = Status.ASSIGNED if v["handler"] or v["department"] else Status.REGISTERED
        if status == Status.IN_PROGRESS and v["handler"] is None and not self.failed("handler"):
            self.fail("handler", "", _("%(column)s: a case in progress needs its handler."))
        v["status"] = status
        v["closed_at"] = self.when("closed_at")
        if status in CLOSED_LEDGER_STATUSES:
            closed = v["closed_at"]
            if closed is None and not self.failed("closed_at"):
                self.fail("closed_at", "", _("%(column)s: a closed case needs the time it was closed."))
            elif closed and v["contacted_at"] and closed < v["contacted_at"]:
                self.fail(
                    "closed_at",
                    self.raw("closed_at"),
                    _("%(column)s '%(value)s' is before the contact time."),
                )
            elif closed and closed > self.r.now + CLOCK_SKEW:
                self.fail("closed_at", self.raw("closed_at"), _("%(column)s '%(value)s' is in the future."))
        else:
            v["closed_at"] = None
            if not v["phone"] and not v["email"] and not self.failed("phone", "email"):
                self.fail(
                    "phone", "", _("%(column)s: an open case needs a phone number or an e-mail address.")
                )
        v["result"] = self.text("result")
        v["satisfaction"] = None
        raw = self.raw("satisfaction")
        text = cell_text(raw)
        if text:
            try:
                score = Decimal(text)
            except InvalidOperation:
                score = Decimal(0)
            if score.is_finite() and score == score.to_integral_value() and 1 <= score <= 10:
                v["satisfaction"] = int(score)
            else:
                self.fail(
                    "satisfaction", raw, _("%(column)s '%(value)s' is not a whole number from 1 to 10.")
                )

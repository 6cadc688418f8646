"""Display helpers for the staff pages: deadlines, sortable headers, audit labels."""

from datetime import datetime, timedelta
from typing import Any

from django import template
from django.db.models import DateTimeField
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.text import capfirst
from django.utils.timesince import timesince

from closeloop.cases.choices import Action, Status, SystemEvent
from closeloop.cases.models import Case, Event
from closeloop.core import clock

register = template.Library()


@register.inclusion_tag("web/_deadline.html")
def deadline(
    due: datetime | None, done: datetime | None = None, ended: datetime | None = None
) -> dict[str, Any]:
    """Time left until `due`, or how late; once `done`, when it was done and whether on time.

    A case that `ended` (closed, withdrawn, merged) without the step has no clock left to show.
    """
    now = clock.now()
    return {
        "due": due,
        "done": done,
        "skipped": done is None and ended is not None,
        "now": now,
        "late": due is not None and (done or now) > due,
    }


@register.inclusion_tag("web/_sort_header.html", takes_context=True)
def sort_header(context: dict, field: str, label: str) -> dict[str, Any]:
    """A column header that toggles `?ordering=field` / `-field`, keeping the other filters."""
    request: HttpRequest = context["request"]
    current = request.GET.get("ordering", "")
    params = request.GET.copy()
    params["ordering"] = f"-{field}" if current == field else field
    params.pop("page", None)
    direction = {field: "ascending", f"-{field}": "descending"}.get(current, "none")
    return {"label": label, "query": params.urlencode(), "direction": direction}


@register.filter
def action_label(value: str) -> str:
    for choices in (Action, SystemEvent):
        if value in choices.values:
            return choices(value).label
    return value


@register.filter
def status_label(value: str) -> str:
    return Status(value).label if value in Status.values else value


@register.filter
def change_rows(event: Event) -> list[tuple[str, Any, Any]]:
    """The event's field changes with the field's name as the case model calls it.

    The status change is left out: the timeline shows it beside the action already.
    """
    rows = []
    for name, (old, new) in event.changes.items():
        if name == "status":
            continue
        field = Case._meta.get_field(name)
        if field.choices:
            labels = dict(field.choices)
            old, new = labels.get(old, old), labels.get(new, new)
        elif isinstance(field, DateTimeField):
            old, new = _local_time(old), _local_time(new)
        rows.append((capfirst(field.verbose_name), old, new))
    return rows


def _local_time(value: str | None) -> str | None:
    """Audit events store ISO timestamps; people read them in the local time and format."""
    moment = parse_datetime(value) if value else None
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else value


@register.filter
def minutes_span(minutes: int | None) -> str:
    """A count of minutes as a localised span ("2 hours, 5 minutes")."""
    if not minutes:
        return ""
    now = clock.now()
    return timesince(now - timedelta(minutes=int(minutes)), now)

"""Reads of publications: the staff's lists and review pages, and the public board.

Public surfaces (board, detail, printable notice, feeds, public API) receive only `PublicView`s and
`PublicComment`s, built here by `desensitise.redact_public` from the stored text at render time:
no template or serializer of the public site sees a model's text field.
"""

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime

from django.core.cache import cache
from django.db.models import Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from closeloop.core.errors import NotFound
from closeloop.disclosure import compose
from closeloop.disclosure.choices import Element, FeedbackStatus, PublicationStatus
from closeloop.disclosure.desensitise import (
    Candidate,
    CaseContext,
    contexts_for,
    kind_label,
    redact_public,
    remaining_candidates,
)
from closeloop.disclosure.models import Publication, PublicationCheck, PublicationEvent, PublicFeedback
from closeloop.disclosure.permissions import may_read
from closeloop.org.models import Department, User
from closeloop.policy.models import Category
from closeloop.policy.selectors import category_path

S = PublicationStatus
ELEMENTS = [e.value for e in Element]
SUMMARY_LENGTH = 120
# Rendering runs the redaction engine over every element; a rendered publication is kept this long
# per language, so a change to the engine reaches cached pages within it.
PUBLIC_CACHE_SECONDS = 600


# --- staff ----------------------------------------------------------------------------------------


def publications_visible(user: User) -> QuerySet[Publication]:
    """Every publication for editors, legal reviewers and checkers (their text is desensitised and
    the review needs all of them); nothing for anyone else."""
    qs = Publication.objects.select_related("case", "category__parent__parent", "department", "edited_by")
    return qs if may_read(user) else qs.none()


def publication_list(user: User, *, status: str = "", q: str = "") -> QuerySet[Publication]:
    qs = publications_visible(user)
    if status:
        qs = qs.filter(status=status)
    for word in (q or "").split():
        qs = qs.filter(Q(title__icontains=word) | Q(case__number__icontains=word))
    return qs.order_by("-created_at", "-id")


def publication_get(user: User, publication_id: int | str) -> Publication:
    text = str(publication_id)
    found = publications_visible(user).filter(pk=int(text)).first() if text.isdigit() else None
    if found is None:
        raise NotFound(_("No publication %(id)s.") % {"id": publication_id})
    return found


def publication_events(publication: Publication) -> QuerySet[PublicationEvent]:
    return PublicationEvent.objects.filter(publication=publication).select_related("actor")


def publication_checks(publication: Publication) -> QuerySet[PublicationCheck]:
    return PublicationCheck.objects.filter(publication=publication).select_related("checker")


def feedback_pending(publication: Publication) -> QuerySet[PublicFeedback]:
    return PublicFeedback.objects.filter(publication=publication, status=FeedbackStatus.PENDING)


def feedback_get(publication: Publication, feedback_id: int) -> PublicFeedback:
    found = PublicFeedback.objects.filter(publication=publication, pk=feedback_id).first()
    if found is None:
        raise NotFound(_("No comment %(id)s.") % {"id": feedback_id})
    return found


@dataclass(frozen=True)
class ElementReview:
    """One element on the legal review page."""

    label: str
    stored: str
    public: str
    # What rendering replaces in the stored text now: {"label", "original", "replacement"}; the
    # reviewer sees the value replaced, the public never does.
    redactions: list[dict[str, str]]
    # What composition replaced in the case's text (kind and replacement only).
    composed: list[dict[str, str]]
    candidates: list[Candidate]


def legal_review(publication: Publication) -> list[ElementReview]:
    context = contexts_for([publication.case])[publication.case_id]
    rows = []
    for name, label in [
        ("title", _("Title")),
        *Element.choices,
        ("improvement_owner", _("Improvement owner")),
    ]:
        stored = getattr(publication, name) or ""
        redacted = redact_public(stored, context)
        rows.append(
            ElementReview(
                label=str(label),
                stored=stored,
                public=redacted.text,
                redactions=[
                    {"label": kind_label(r.kind), "original": r.original, "replacement": r.replacement}
                    for r in redacted.redactions
                ],
                composed=[
                    {**item, "label": kind_label(item["kind"])}
                    for item in publication.redactions.get(name, [])
                ],
                candidates=remaining_candidates(redacted.text, context),
            )
        )
    return rows


@dataclass(frozen=True)
class RecordRow:
    label: str
    public: str
    record: str


def accuracy_record(publication: Publication) -> list[RecordRow]:
    """Each element as the public will read it beside the case record it must match (双人核对)."""
    view = public_view_build(publication)
    record = compose.sources(publication.case)
    return [RecordRow(str(label), getattr(view, name), record[name]) for name, label in Element.choices]


# --- public -----------------------------------------------------------------------------------------


class PublicationGone(NotFound):
    """Published once, withdrawn since (HTTP 410)."""

    code = "gone"


@dataclass(frozen=True)
class PublicView:
    """A publication as the public may read it: every text already desensitised."""

    id: int
    title: str
    complainant: str
    cause: str
    investigation: str
    responsibility: str
    result: str
    improvement: str
    improvement_deadline: date | None
    improvement_owner: str
    category: tuple[str, ...]
    department: str
    published_at: datetime | None
    view_count: int = 0

    @property
    def sections(self) -> list[tuple[str, str]]:
        return [(str(label), getattr(self, name)) for name, label in Element.choices]

    @property
    def summary(self) -> str:
        # Cut after desensitising, never before: a cut number would slip past the detectors.
        text = " ".join((self.result or self.cause).split())
        return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1] + "…"

    def search_text(self) -> str:
        return "\n".join([self.title, *(getattr(self, name) for name in ELEMENTS), self.improvement_owner])


@dataclass(frozen=True)
class PublicComment:
    at: datetime
    text: str


def _department_name(department: Department | None) -> str:
    if department is None:
        return ""
    return department.name_en if get_language() == "en" and department.name_en else department.name


def public_view_build(publication: Publication, context: CaseContext | None = None) -> PublicView:
    context = context or contexts_for([publication.case])[publication.case_id]

    def public(text: str) -> str:
        return redact_public(text, context).text

    return PublicView(
        id=publication.pk,
        title=public(publication.title),
        complainant=public(publication.complainant),
        cause=public(publication.cause),
        investigation=public(publication.investigation),
        responsibility=public(publication.responsibility),
        result=public(publication.result),
        improvement=public(publication.improvement),
        improvement_deadline=publication.improvement_deadline,
        improvement_owner=public(publication.improvement_owner),
        category=tuple(category_path(publication.category)),
        department=_department_name(publication.department),
        published_at=publication.published_at,
        view_count=publication.view_count,
    )


def _cache_key(publication: Publication) -> str:
    # A published text never changes (an edit is refused, a withdrawal takes it off every surface),
    # so its content version identifies what was rendered.
    return f"closeloop:disclosure:public:{publication.pk}:{publication.content_version}:{get_language()}"


def public_view_remember(publication: Publication, view: PublicView) -> None:
    """Keep a view rendered while publishing, so the first reader does not render it again."""
    cache.set(_cache_key(publication), view, timeout=PUBLIC_CACHE_SECONDS)


def public_views(publications: list[Publication]) -> list[PublicView]:
    """Each publication rendered for the public, from the cache where it was rendered recently."""
    keys = {p.pk: _cache_key(p) for p in publications}
    cached = cache.get_many(list(keys.values()))
    missing = [p for p in publications if keys[p.pk] not in cached]
    if missing:
        contexts = contexts_for([p.case for p in missing])
        built = {keys[p.pk]: public_view_build(p, contexts[p.case_id]) for p in missing}
        cache.set_many(built, timeout=PUBLIC_CACHE_SECONDS)
        cached.update(built)
    # The count changes with every reader: taken from the row, not from the cache.
    return [dataclasses.replace(cached[keys[p.pk]], view_count=p.view_count) for p in publications]


def public_view(publication: Publication) -> PublicView:
    return public_views([publication])[0]


def published() -> QuerySet[Publication]:
    return Publication.objects.filter(status=S.PUBLISHED).select_related(
        "case", "category__parent__parent", "department"
    )


def public_get(publication_id: int) -> Publication:
    """A published publication; PublicationGone for a withdrawn one, NotFound for anything else."""
    found = (
        Publication.objects.filter(pk=publication_id)
        .select_related("case", "category__parent__parent", "department")
        .first()
    )
    if found is not None and found.status == S.PUBLISHED:
        return found
    if found is not None and found.status == S.WITHDRAWN and found.published_at is not None:
        raise PublicationGone(_("This publication was withdrawn."))
    raise NotFound(_("No publication %(id)s.") % {"id": publication_id})


def _period_range(period: str) -> tuple[datetime, datetime] | None:
    """ "2025" or "2025-03" as [start, end) in the organisation's time zone."""
    try:
        parts = [int(p) for p in period.split("-")]
        year, month = (parts[0], parts[1]) if len(parts) == 2 else (parts[0], None)
        start = date(year, month or 1, 1)
    except (ValueError, IndexError):
        return None
    end = date(year + 1, 1, 1) if month is None else date(year + (month == 12), month % 12 + 1, 1)
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, datetime.min.time(), tzinfo=zone),
        datetime.combine(end, datetime.min.time(), tzinfo=zone),
    )


def board(
    *, q: str = "", category: str = "", department: str = "", period: str = ""
) -> QuerySet[Publication]:
    """Published results, newest first, narrowed by words of their public text, a category (and the
    categories below it), a department (and those below it) and a year or month of publication."""
    qs = published()
    for word in (q or "").split():
        qs = qs.filter(search_text__icontains=word)
    if category:
        qs = qs.filter(
            Q(category__code=category)
            | Q(category__parent__code=category)
            | Q(category__parent__parent__code=category)
        )
    if department:
        found = Department.objects.filter(code=department).first()
        qs = qs.filter(department__path__startswith=found.path) if found else qs.none()
    if period:
        span = _period_range(period)
        qs = qs.filter(published_at__gte=span[0], published_at__lt=span[1]) if span else qs.none()
    return qs.order_by("-published_at", "-id")


@dataclass(frozen=True)
class BoardChoices:
    categories: list[tuple[str, str]]
    departments: list[tuple[str, str]]
    periods: list[tuple[str, str]]


def board_choices() -> BoardChoices:
    """Only what published results have: filters that lead to an empty board are not offered."""
    live = published()
    category_ids = set(live.values_list("category_id", flat=True))
    categories = (
        Category.objects.filter(
            Q(pk__in=category_ids)
            | Q(children__pk__in=category_ids)
            | Q(children__children__pk__in=category_ids)
        )
        .distinct()
        .select_related("parent__parent")
    )
    departments = Department.objects.filter(pk__in=live.values("department_id")).order_by("path")
    months = live.annotate(month=TruncMonth("published_at")).values_list("month", flat=True).distinct()
    return BoardChoices(
        categories=sorted((c.code, " › ".join(category_path(c))) for c in categories),
        departments=[(d.code, _department_name(d)) for d in departments],
        periods=[(m.strftime("%Y-%m"), m.strftime("%Y-%m")) for m in sorted(set(months), reverse=True) if m],
    )


def public_comments(publication: Publication, context: CaseContext | None = None) -> list[PublicComment]:
    """Approved comments, desensitised like the publication (a visitor may name the complainant)."""
    comments = list(
        PublicFeedback.objects.filter(publication=publication, status=FeedbackStatus.APPROVED).order_by(
            "created_at", "id"
        )
    )
    if not comments:
        return []
    context = context or contexts_for([publication.case])[publication.case_id]
    return [PublicComment(c.created_at, redact_public(c.text, context).text) for c in comments]

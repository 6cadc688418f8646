"""Every write of the knowledge base: one function per use case, each in one transaction.

A content change (create, edit, restore) leaves an `ArticleVersion` and bumps the article's
`version`; an edit made from an older version is refused with a conflict, and an edit that
changes nothing leaves no version. Publishing and retiring change who may read the article, not
its content, so they make no version.
"""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from closeloop.cases.choices import CLOSED_STATUSES
from closeloop.cases.models import Case
from closeloop.cases.selectors import visible_cases
from closeloop.cases.services import event_record
from closeloop.core import clock
from closeloop.core.errors import Conflict, NotFound, ValidationFailed
from closeloop.knowledge import promotion, selectors
from closeloop.knowledge.choices import CASE_PROMOTED_EVENT, ArticleKind, ArticleStatus
from closeloop.knowledge.models import (
    LEGAL_BASIS_MAX,
    MAX_TAGS,
    NOTE_MAX,
    TAG_MAX,
    TITLE_MAX,
    Article,
    ArticleVersion,
)
from closeloop.knowledge.permissions import check_may_edit, check_may_promote
from closeloop.org.models import User
from closeloop.policy.models import Category

CONTENT_FIELDS = selectors.CONTENT_FIELDS
PROMOTABLE_STATUSES = CLOSED_STATUSES
# Status changes: the target and the states it may be reached from.
_STATUS_FROM = {
    ArticleStatus.PUBLISHED: (ArticleStatus.DRAFT, ArticleStatus.RETIRED),
    ArticleStatus.RETIRED: (ArticleStatus.DRAFT, ArticleStatus.PUBLISHED),
}


# --- validation ---------------------------------------------------------------------------------


def _tags(value: Any, errors: dict) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, Iterable):
        errors["tags"] = _("Give a list of tags.")
        return []
    tags = list(dict.fromkeys(t for t in (str(item).strip() for item in items) if t))
    if len(tags) > MAX_TAGS:
        errors["tags"] = _("At most %(count)s tags.") % {"count": MAX_TAGS}
    elif any(len(t) > TAG_MAX for t in tags):
        errors["tags"] = _("A tag has at most %(count)s characters.") % {"count": TAG_MAX}
    return tags


def _category(value: Any, errors: dict) -> Category | None:
    found = selectors.category_find(value)
    if found is None and value not in (None, ""):
        errors["category"] = _("Unknown category '%(value)s'.") % {"value": value}
    return found


def _validated(values: Mapping[str, Any]) -> dict[str, Any]:
    """The content fields, trimmed and checked; ValidationFailed names every bad field at once."""
    errors: dict[str, str] = {}
    kind = values.get("kind")
    if kind not in ArticleKind.values:
        errors["kind"] = _("'%(value)s' is not one of: %(choices)s.") % {
            "value": kind,
            "choices": ", ".join(ArticleKind.values),
        }
    title = str(values.get("title") or "").strip()
    if not title:
        errors["title"] = _("Give a title.")
    elif len(title) > TITLE_MAX:
        errors["title"] = _("At most %(count)s characters.") % {"count": TITLE_MAX}
    body = str(values.get("body") or "").strip()
    if not body:
        errors["body"] = _("Write the article's text.")
    legal_basis = str(values.get("legal_basis") or "").strip()
    if len(legal_basis) > LEGAL_BASIS_MAX:
        errors["legal_basis"] = _("At most %(count)s characters.") % {"count": LEGAL_BASIS_MAX}
    clean = {
        "kind": kind,
        "title": title,
        "body": body,
        "legal_basis": legal_basis,
        "category": _category(values.get("category"), errors),
        "tags": _tags(values.get("tags"), errors),
    }
    if errors:
        raise ValidationFailed(errors)
    return clean


def _note(note: str) -> str:
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ValidationFailed({"note": _("At most %(count)s characters.") % {"count": NOTE_MAX}})
    return note


# --- content ------------------------------------------------------------------------------------


def _content(article: Article) -> dict[str, Any]:
    return {name: getattr(article, name) for name in CONTENT_FIELDS}


def _snapshot(article: Article, actor: User, note: str) -> ArticleVersion:
    return ArticleVersion.objects.create(
        article=article,
        number=article.version,
        edited_by=actor,
        edited_at=article.updated_at,
        note=note,
        **_content(article),
    )


def _create(*, actor: User, content: dict[str, Any], note: str, source_case: Case | None = None) -> Article:
    now = clock.now()
    article = Article.objects.create(
        **content,
        status=ArticleStatus.DRAFT,
        version=1,
        source_case=source_case,
        created_by=actor,
        created_at=now,
        updated_by=actor,
        updated_at=now,
    )
    _snapshot(article, actor, note)
    return article


def article_create(
    *,
    actor: User,
    kind: str,
    title: str,
    body: str,
    legal_basis: str = "",
    category: Category | int | str | None = None,
    tags: Iterable[str] | str | None = None,
    note: str = "",
) -> Article:
    """A new draft, version 1."""
    check_may_edit(actor, kind)
    content = _validated(
        {
            "kind": kind,
            "title": title,
            "body": body,
            "legal_basis": legal_basis,
            "category": category,
            "tags": tags,
        }
    )
    note = _note(note)
    with transaction.atomic():
        return _create(actor=actor, content=content, note=note)


def _locked(article: Article, actor: User) -> Article:
    """The article's row, locked; NotFound when it is gone or `actor` may not see it."""
    locked = Article.objects.select_for_update().filter(pk=article.pk).first()
    if locked is None or not selectors.articles_visible(actor).filter(pk=article.pk).exists():
        raise NotFound(_("No knowledge article %(id)s.") % {"id": article.pk})
    return locked


def _check_version(article: Article, version: int | None) -> None:
    if version is not None and int(version) != article.version:
        raise Conflict(
            _(
                "Knowledge article %(id)s was changed by someone else (version %(current)s, you had "
                "%(version)s). Reload and try again."
            )
            % {"id": article.pk, "current": article.version, "version": version},
            detail={"current_version": article.version},
        )


def _same(name: str, old: Any, new: Any) -> bool:
    if name == "category":
        return (old.pk if old else None) == (new.pk if new else None)
    return old == new


def _apply(article: Article, actor: User, content: dict[str, Any], note: str) -> Article:
    """Write the content as the next version; nothing at all when it equals the current one."""
    if all(_same(name, getattr(article, name), content[name]) for name in CONTENT_FIELDS):
        return article
    for name in CONTENT_FIELDS:
        setattr(article, name, content[name])
    article.version += 1
    article.updated_by = actor
    article.updated_at = clock.now()
    article.save()
    _snapshot(article, actor, note)
    return article


def article_edit(
    *, article: Article, actor: User, version: int, changes: Mapping[str, Any], note: str = ""
) -> Article:
    """Change some of the content fields (kind, title, body, legal_basis, category, tags).

    `version` is the one the editor started from: another version saved since makes a Conflict
    and nothing is saved.
    """
    unknown = sorted(set(changes) - set(CONTENT_FIELDS))
    if unknown:
        raise ValidationFailed({name: _("This field cannot be edited.") for name in unknown})
    note = _note(note)
    with transaction.atomic():
        locked = _locked(article, actor)
        check_may_edit(actor, locked.kind)
        _check_version(locked, version)
        content = _validated({**_content(locked), **changes})
        if content["kind"] != locked.kind:
            check_may_edit(actor, content["kind"])
        return _apply(locked, actor, content, note)


def article_restore(
    *, article: Article, actor: User, version_number: int, version: int | None = None, note: str = ""
) -> Article:
    """Make an old version's content the current one, as a new version: history only grows."""
    with transaction.atomic():
        locked = _locked(article, actor)
        check_may_edit(actor, locked.kind)
        _check_version(locked, version)
        old = selectors.article_version_get(locked, version_number)
        check_may_edit(actor, old.kind)
        content = {name: getattr(old, name) for name in CONTENT_FIELDS}
        note = _note(note) or _("Restored version %(number)s.") % {"number": old.number}
        return _apply(locked, actor, content, note)


def _status_change(*, article: Article, actor: User, target: ArticleStatus, version: int | None) -> Article:
    with transaction.atomic():
        locked = _locked(article, actor)
        check_may_edit(actor, locked.kind)
        # The version the user saw is the content they decided on: publish nothing else.
        _check_version(locked, version)
        if locked.status not in _STATUS_FROM[target]:
            raise Conflict(
                _("Knowledge article %(id)s is already %(status)s.")
                % {"id": locked.pk, "status": locked.get_status_display()},
                detail={"status": locked.status},
            )
        locked.status = target
        locked.status_changed_by = actor
        locked.status_changed_at = clock.now()
        locked.save(update_fields=["status", "status_changed_by", "status_changed_at"])
    return locked


def article_publish(*, article: Article, actor: User, version: int | None = None) -> Article:
    """Every staff member reads it from now on, and it is suggested for matching complaints."""
    return _status_change(article=article, actor=actor, target=ArticleStatus.PUBLISHED, version=version)


def article_retire(*, article: Article, actor: User, version: int | None = None) -> Article:
    """No longer valid (a law replaced, a product discontinued): only its writers still see it."""
    return _status_change(article=article, actor=actor, target=ArticleStatus.RETIRED, version=version)


# --- promotion ----------------------------------------------------------------------------------


def case_promote(*, case: Case, actor: User, kind: str = ArticleKind.HANDLING_GUIDE) -> Article:
    """A draft article from a closed or archived case (seed 004: cases go into the knowledge
    base); the case's audit trail records the promotion. One article per case."""
    check_may_promote(actor)
    check_may_edit(actor, kind)
    with transaction.atomic():
        locked = Case.objects.select_for_update().filter(pk=case.pk).first()
        if locked is None or not visible_cases(actor).filter(pk=case.pk).exists():
            raise NotFound(_("No case %(number)s.") % {"number": case.number})
        if locked.status not in PROMOTABLE_STATUSES:
            raise Conflict(
                _("Only a closed or archived case can be promoted; case %(number)s is %(status)s.")
                % {"number": locked.number, "status": locked.get_status_display()},
                detail={"status": locked.status},
            )
        existing = Article.objects.filter(source_case=locked).order_by("pk").first()
        if existing is not None:
            raise Conflict(
                _("Case %(number)s is already knowledge article %(id)s.")
                % {"number": locked.number, "id": existing.pk},
                detail={"article": existing.pk},
            )
        draft = promotion.draft_from_case(locked)
        content = _validated(
            {
                "kind": kind,
                "title": draft.title,
                "body": draft.body,
                "legal_basis": draft.legal_basis,
                "category": draft.category,
                "tags": draft.tags,
            }
        )
        note = _("Promoted from case %(number)s.") % {"number": locked.number}
        article = _create(actor=actor, content=content, note=note, source_case=locked)
        event_record(
            case=locked,
            action=CASE_PROMOTED_EVENT,
            actor=actor,
            from_status=locked.status,
            data={
                "article": article.pk,
                "note": _("Promoted to knowledge article %(id)s: %(title)s")
                % {"id": article.pk, "title": article.title},
            },
        )
    return article

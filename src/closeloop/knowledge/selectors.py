"""Reads of the knowledge base, restricted to what the user may see, and article retrieval."""

import difflib
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from closeloop.core.errors import NotFound
from closeloop.core.memo import Expiring
from closeloop.knowledge import ranking
from closeloop.knowledge.choices import ArticleStatus
from closeloop.knowledge.models import Article, ArticleVersion
from closeloop.knowledge.permissions import EDIT_ROLES, LEGAL_KINDS, may_read
from closeloop.org.choices import Role
from closeloop.org.models import User
from closeloop.org.selectors import user_roles
from closeloop.policy.models import Category

# The fields a version compares, in the order pages list them.
CONTENT_FIELDS = ("kind", "title", "body", "legal_basis", "category", "tags")


def articles_visible(user: User) -> QuerySet[Article]:
    """Published articles for every staff member; drafts and retired ones for those who write
    them (legal reviewers: laws and regulations). Nothing for anyone else."""
    qs = Article.objects.select_related("category__parent__parent", "updated_by", "source_case")
    if not may_read(user):
        return qs.none()
    roles = user_roles(user)
    if roles & EDIT_ROLES:
        return qs
    condition = Q(status=ArticleStatus.PUBLISHED)
    if Role.LEGAL in roles:
        condition |= Q(kind__in=LEGAL_KINDS)
    return qs.filter(condition)


def category_find(value: Category | int | str | None) -> Category | None:
    """A category by instance, id or code; None for an empty value or an unknown one."""
    if value is None or value == "":
        return None
    if isinstance(value, Category):
        return value
    text = str(value).strip()
    found = Category.objects.filter(pk=int(text)).first() if text.isdigit() else None
    return found or Category.objects.filter(code=text).first()


def article_list(
    user: User,
    *,
    q: str = "",
    kind: str = "",
    category: Category | int | str | None = None,
    status: str = "",
) -> QuerySet[Article]:
    """Visible articles narrowed by a text search (every word in the title, body, legal basis or
    tags), a kind, a category and everything below it, and a status."""
    qs = articles_visible(user)
    for word in (q or "").split():
        qs = qs.filter(
            Q(title__icontains=word)
            | Q(body__icontains=word)
            | Q(legal_basis__icontains=word)
            | Q(tags__icontains=word)
        )
    if kind:
        qs = qs.filter(kind=kind)
    if category not in (None, ""):
        found = category_find(category)
        if found is None:
            return qs.none()
        # Three levels: the category, its children and its grandchildren.
        qs = qs.filter(Q(category=found) | Q(category__parent=found) | Q(category__parent__parent=found))
    if status:
        qs = qs.filter(status=status)
    return qs


def article_get(user: User, article_id: int | str) -> Article:
    """One article, or NotFound for one that does not exist or that `user` may not see."""
    text = str(article_id)
    found = articles_visible(user).filter(pk=int(text)).first() if text.isdigit() else None
    if found is None:
        raise NotFound(_("No knowledge article %(id)s.") % {"id": article_id})
    return found


def article_versions(article: Article) -> QuerySet[ArticleVersion]:
    return ArticleVersion.objects.filter(article=article).select_related("edited_by", "category")


def article_version_get(article: Article, number: int | str) -> ArticleVersion:
    text = str(number)
    found = article_versions(article).filter(number=int(text)).first() if text.isdigit() else None
    if found is None:
        raise NotFound(
            _("Knowledge article %(id)s has no version %(number)s.") % {"id": article.pk, "number": number}
        )
    return found


@dataclass
class HistoryEntry:
    version: ArticleVersion
    # Names of the fields this version changed against the one before it.
    changed: list[str]


def _field_label(name: str) -> str:
    return str(ArticleVersion._meta.get_field(name).verbose_name)


def _differs(a: ArticleVersion, b: ArticleVersion, name: str) -> bool:
    attname = ArticleVersion._meta.get_field(name).attname
    return getattr(a, attname) != getattr(b, attname)


def article_history(article: Article) -> list[HistoryEntry]:
    """Every version, newest first, with what each one changed."""
    versions = list(article_versions(article))
    entries = []
    for newer, older in zip(versions, [*versions[1:], None], strict=True):
        changed = (
            [] if older is None else [_field_label(n) for n in CONTENT_FIELDS if _differs(newer, older, n)]
        )
        entries.append(HistoryEntry(version=newer, changed=changed))
    return entries


def versions_since(article: Article, seen: int) -> list[ArticleVersion]:
    """The versions others saved after the one the user edited from, oldest first."""
    return list(article_versions(article).filter(number__gt=seen).order_by("number"))


def body_diff(old: str, new: str) -> list[tuple[str, str]]:
    """Line by line: ("-", line) only in `old`, ("+", line) only in `new`, (" ", line) in both."""
    rows = []
    for line in difflib.ndiff(old.splitlines(), new.splitlines()):
        if line[:1] in "-+ ":
            rows.append((line[:1], line[2:]))
    return rows


# --- retrieval ----------------------------------------------------------------------------------


def _index_text(title: str, legal_basis: str, tags: list, body: str) -> str:
    # The title and legal basis name what an article is about: counted twice against the body.
    head = " ".join([title, legal_basis, " ".join(str(t) for t in tags or [])])
    return f"{head}\n{head}\n{body}"


@dataclass
class _Built:
    index: ranking.Index
    size: int


def _build_index() -> _Built:
    rows = list(
        Article.objects.filter(status=ArticleStatus.PUBLISHED)
        .order_by("pk")
        .values_list("pk", "title", "legal_basis", "tags", "body")
    )
    return _Built(ranking.build([r[0] for r in rows], [_index_text(*r[1:]) for r in rows]), len(rows))


# Built from every published article on first use; cleared when an article is saved
# (KnowledgeConfig.ready), rebuilt by other processes within ten minutes.
_index = Expiring(_build_index, seconds=600.0)


def index_clear() -> None:
    _index.clear()


def ranking_engine() -> str:
    """Which ranking answers `articles_for_text`: "nlp" (closeloop.nlp.retrieval) or "bigram"."""
    return "bigram" if isinstance(_index.get().index, ranking.BigramIndex) else "nlp"


def articles_for_text(text: str, k: int = 3, *, kind: str = "") -> list[Article]:
    """The published articles most relevant to a complaint text, best first."""
    if not (text or "").strip() or k <= 0:
        return []
    built = _index.get()
    # One kind wanted: rank them all, the other kinds are dropped below.
    wanted = built.size if kind else k
    ranked = [article_id for article_id, _score in built.index.query(text, k=wanted)]
    if not ranked:
        return []
    qs = Article.objects.filter(pk__in=ranked, status=ArticleStatus.PUBLISHED).select_related(
        "category__parent__parent"
    )
    if kind:
        qs = qs.filter(kind=kind)
    found = {a.pk: a for a in qs}
    return [found[pk] for pk in ranked if pk in found][:k]

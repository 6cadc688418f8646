"""The knowledge base (知识库, seed 002 / seed 004): laws and regulations, product guides, reply
templates and handling experience that agents consult while handling a complaint.

An article is edited in place and every content change leaves an `ArticleVersion` snapshot, so
an old wording can be read and restored. `version` is the number of the latest snapshot and the
optimistic-concurrency token: an edit made from an older one is refused, never silently merged.
"""

import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from closeloop.cases.models import Case
from closeloop.knowledge.choices import ArticleKind, ArticleStatus
from closeloop.policy.models import Category

User = settings.AUTH_USER_MODEL

TITLE_MAX = 200
LEGAL_BASIS_MAX = 500
NOTE_MAX = 500
TAG_MAX = 30
MAX_TAGS = 20


def _no_tags() -> list:
    return []


class UnescapedJSON(json.JSONEncoder):
    """Chinese tags stored as written, not as \\uXXXX escapes, so a text search finds them on SQLite."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class Article(models.Model):
    kind = models.CharField(_("kind"), max_length=20, choices=ArticleKind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    # Plain text; pages show it escaped with its line breaks.
    body = models.TextField(_("body"))
    legal_basis = models.CharField(
        _("legal basis"),
        max_length=LEGAL_BASIS_MAX,
        blank=True,
        help_text=_("e.g. 《消费者权益保护法》第二十四条"),
    )
    # Any level of the taxonomy: an article on 售后服务 applies to every leaf below it.
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        related_name="articles",
        on_delete=models.PROTECT,
        verbose_name=_("category"),
    )
    tags = models.JSONField(_("tags"), default=_no_tags, blank=True, encoder=UnescapedJSON)
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # The closed case this article was promoted from; kept when the case is later deleted.
    source_case = models.ForeignKey(
        Case,
        null=True,
        blank=True,
        related_name="knowledge_articles",
        on_delete=models.SET_NULL,
        verbose_name=_("source case"),
    )
    created_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("created by")
    )
    created_at = models.DateTimeField(_("created at"))
    updated_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("last edited by")
    )
    updated_at = models.DateTimeField(_("last edited at"))
    # Who last published or retired it, and when.
    status_changed_by = models.ForeignKey(
        User,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("status changed by"),
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = _("knowledge article")
        verbose_name_plural = _("knowledge articles")
        indexes = [models.Index(fields=["status", "kind"], name="article_status_kind")]

    def __str__(self) -> str:
        return self.title


class ArticleVersion(models.Model):
    """Append-only: the article's content as it was after one edit."""

    article = models.ForeignKey(
        Article, related_name="versions", on_delete=models.CASCADE, verbose_name=_("article")
    )
    number = models.PositiveIntegerField(_("version"))
    kind = models.CharField(_("kind"), max_length=20, choices=ArticleKind.choices)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    body = models.TextField(_("body"))
    legal_basis = models.CharField(_("legal basis"), max_length=LEGAL_BASIS_MAX, blank=True)
    category = models.ForeignKey(
        Category,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
        verbose_name=_("category"),
    )
    tags = models.JSONField(_("tags"), default=_no_tags, blank=True, encoder=UnescapedJSON)
    edited_by = models.ForeignKey(
        User, related_name="+", on_delete=models.PROTECT, verbose_name=_("edited by")
    )
    edited_at = models.DateTimeField(_("edited at"))
    note = models.CharField(_("note"), max_length=NOTE_MAX, blank=True)

    class Meta:
        ordering = ["article", "-number"]
        verbose_name = _("article version")
        verbose_name_plural = _("article versions")
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="article_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} v{self.number}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise ValueError("Article versions are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Article versions are append-only.")

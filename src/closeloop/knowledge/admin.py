from django.contrib import admin

from closeloop.core.admin import ReadOnlyAdmin
from closeloop.knowledge.models import Article, ArticleVersion


class ArticleVersionInline(admin.TabularInline):
    model = ArticleVersion
    fields = ["number", "title", "legal_basis", "edited_by", "edited_at", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Article)
class ArticleAdmin(ReadOnlyAdmin):
    """Read-only: articles are written on the knowledge pages or the API, which keep the versions."""

    list_display = ["title", "kind", "status", "version", "category", "updated_by", "updated_at"]
    list_filter = ["kind", "status"]
    search_fields = ["title", "legal_basis", "source_case__number"]
    raw_id_fields = ["source_case", "category"]
    inlines = [ArticleVersionInline]


@admin.register(ArticleVersion)
class ArticleVersionAdmin(ReadOnlyAdmin):
    list_display = ["article", "number", "title", "edited_by", "edited_at"]
    search_fields = ["title", "article__title"]
    raw_id_fields = ["article", "category"]

from django.contrib import admin

from closeloop.core.admin import ReadOnlyAdmin
from closeloop.disclosure.models import Publication, PublicationCheck, PublicationEvent, PublicFeedback


class PublicationCheckInline(admin.TabularInline):
    model = PublicationCheck
    fields = ["content_version", "checker", "checked_at", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class PublicationEventInline(admin.TabularInline):
    model = PublicationEvent
    fields = ["created_at", "action", "actor", "from_status", "to_status", "note"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdmin):
    """Read-only: the workflow pages write publications, with their reviews and audit trail."""

    list_display = ["title", "status", "version", "category", "department", "published_at", "view_count"]
    list_filter = ["status"]
    search_fields = ["title", "case__number"]
    raw_id_fields = ["case", "category", "department"]
    inlines = [PublicationCheckInline, PublicationEventInline]


@admin.register(PublicFeedback)
class PublicFeedbackAdmin(ReadOnlyAdmin):
    """Read-only: comments are moderated on the publication's page, which audits the decision."""

    list_display = ["publication", "status", "created_at", "moderated_by", "moderated_at"]
    list_filter = ["status"]
    raw_id_fields = ["publication"]

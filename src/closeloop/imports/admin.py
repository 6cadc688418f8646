from django.contrib import admin

from closeloop.core.admin import ReadOnlyAdmin
from closeloop.imports.models import ExternalTicket, ImportJob, ImportSource


@admin.register(ImportSource)
class ImportSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "default_channel", "default_category", "default_department", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name"]
    autocomplete_fields = ["default_department"]


@admin.register(ImportJob)
class ImportJobAdmin(ReadOnlyAdmin):
    """Read-only: jobs are started from the import page or the API, and their numbers are facts."""

    list_display = [
        "id",
        "source",
        "original_name",
        "status",
        "processed_rows",
        "created_count",
        "created_at",
    ]
    list_filter = ["status", "kind", "source"]


@admin.register(ExternalTicket)
class ExternalTicketAdmin(ReadOnlyAdmin):
    list_display = ["external_ref", "source", "case", "external_due_at", "created_at"]
    list_filter = ["source"]
    search_fields = ["external_ref", "case__number"]
    raw_id_fields = ["case", "job"]

    def has_add_permission(self, request) -> bool:
        return False

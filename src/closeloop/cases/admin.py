from django.contrib import admin

from closeloop.cases.models import Case, Event
from closeloop.core.admin import ReadOnlyAdmin


class EventInline(admin.TabularInline):
    model = Event
    fields = ["created_at", "action", "actor", "from_status", "to_status", "changes", "reason"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    """Read-only: every change to a case goes through the workflow services and leaves an event."""

    list_display = ["number", "status", "grade", "category", "lead_department", "handler", "registered_at"]
    list_filter = ["status", "grade", "channel"]
    search_fields = ["number", "title", "complainant_name"]
    list_select_related = ["category", "lead_department", "handler"]
    inlines = [EventInline]

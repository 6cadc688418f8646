from django.contrib import admin

from closeloop.supervision.models import SupervisionOrder


@admin.register(SupervisionOrder)
class SupervisionOrderAdmin(admin.ModelAdmin):
    """Read-only: orders are issued, answered and closed through their services, which audit them."""

    list_display = ["number", "case", "target_role", "department", "status", "issued_at", "due_at"]
    list_filter = ["status", "target_role"]
    search_fields = ["number", "case__number"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

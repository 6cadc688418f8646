from django.contrib import admin

from closeloop.core.admin import ReadOnlyAdmin
from closeloop.supervision.models import SupervisionOrder


@admin.register(SupervisionOrder)
class SupervisionOrderAdmin(ReadOnlyAdmin):
    """Read-only: orders are issued, answered and closed through their services, which audit them."""

    list_display = ["number", "case", "target_role", "department", "status", "issued_at", "due_at"]
    list_filter = ["status", "target_role"]
    search_fields = ["number", "case__number"]

from django.contrib import admin

from closeloop.portal.models import SurveyInvitation, Tracking


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows are made by the portal services only; the admin is for looking them up."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Tracking)
class TrackingAdmin(ReadOnlyAdmin):
    list_display = ["case", "code", "created_at"]
    search_fields = ["case__number", "code"]
    list_select_related = ["case"]


@admin.register(SurveyInvitation)
class SurveyInvitationAdmin(ReadOnlyAdmin):
    # The nonce is half of a live link's secret: not shown.
    list_display = ["case", "created_by", "created_at", "used_at"]
    fields = ["case", "created_by", "created_at", "used_at", "follow_up"]
    list_filter = ["used_at"]
    search_fields = ["case__number"]
    list_select_related = ["case", "created_by"]

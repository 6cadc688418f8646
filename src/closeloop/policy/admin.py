from django.contrib import admin

from closeloop.policy.models import (
    AssistPolicy,
    Category,
    CompensationStandard,
    DuplicatePolicy,
    EscalationRule,
    SlaPolicy,
)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "level", "parent", "default_department", "active"]
    list_filter = ["level", "active", "default_department"]
    search_fields = ["code", "name", "name_en", "guide"]
    autocomplete_fields = ["parent", "default_department"]
    filter_horizontal = ["skills"]


@admin.register(CompensationStandard)
class CompensationStandardAdmin(admin.ModelAdmin):
    list_display = ["category", "grade", "remedy", "min_amount", "max_amount", "legal_basis", "active"]
    list_filter = ["grade", "remedy", "active"]
    search_fields = ["category__code", "category__name", "legal_basis"]
    autocomplete_fields = ["category"]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "grade",
        "customer_tier",
        "clock",
        "first_response",
        "resolution",
        "progress_update",
        "follow_up",
        "pause_while_waiting",
    ]
    list_filter = ["grade", "clock"]


@admin.register(EscalationRule)
class EscalationRuleAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "deadline",
        "action",
        "percent",
        "after_minutes",
        "target_role",
        "grades",
        "active",
    ]
    list_filter = ["deadline", "action", "active"]
    search_fields = ["code", "name"]


@admin.register(DuplicatePolicy)
class DuplicatePolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "window_days", "text_threshold", "repeat_window_days", "repeat_text_threshold"]

    def has_add_permission(self, request) -> bool:
        # One row: the shipped defaults apply until it is saved, then it is edited, never added twice.
        return not DuplicatePolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AssistPolicy)
class AssistPolicyAdmin(admin.ModelAdmin):
    list_display = ["__str__", "anger_threshold", "escalate_to", "escalation_due", "raise_unset_grade"]

    def has_add_permission(self, request) -> bool:
        return not AssistPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

from django.contrib import admin

from closeloop.policy.models import Category, CompensationStandard, SlaPolicy


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "level", "parent", "default_department", "active"]
    list_filter = ["level", "active", "default_department"]
    search_fields = ["code", "name", "name_en", "guide"]
    autocomplete_fields = ["parent", "default_department"]


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
        "first_response_minutes",
        "resolution_minutes",
        "follow_up_days",
    ]

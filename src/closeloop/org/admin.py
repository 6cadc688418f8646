from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from closeloop.org.models import Customer, Department, Membership, Skill, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["department"]


@admin.register(User)
class StaffAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "display_name", "email", "is_active", "is_superuser"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = (*UserAdmin.fieldsets, ("Closeloop", {"fields": ["display_name", "phone", "skills"]}))
    filter_horizontal = ["skills", "groups", "user_permissions"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_en", "parent", "active"]
    list_filter = ["active"]
    search_fields = ["code", "name", "name_en"]
    autocomplete_fields = ["parent"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = ["name", "phone", "email", "tier", "preferred_channel"]
    list_filter = ["tier", "preferred_channel"]
    search_fields = ["name", "phone", "email"]
    autocomplete_fields = ["dedicated_agent"]

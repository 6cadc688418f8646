from rest_framework import serializers

from closeloop.core.api import ModelOutput
from closeloop.org.models import Customer, Department, User
from closeloop.org.selectors import user_roles


class DepartmentOutput(ModelOutput):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Department
        fields = ["id", "code", "name", "name_en", "parent", "active"]


class StaffOutput(ModelOutput):
    roles = serializers.SerializerMethodField()
    departments = serializers.SerializerMethodField()
    skills = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "display_name", "roles", "departments", "skills"]

    def get_roles(self, user: User) -> list[str]:
        return sorted({m.role for m in user.memberships.all()} | ({"admin"} if user.is_superuser else set()))

    def get_departments(self, user: User) -> list[dict]:
        seen: dict[int, dict] = {}
        for m in user.memberships.all():
            entry = seen.setdefault(
                m.department_id,
                {"id": m.department_id, "code": m.department.code, "name": m.department.name, "roles": []},
            )
            entry["roles"].append(m.role)
        return list(seen.values())


class MeOutput(StaffOutput):
    class Meta(StaffOutput.Meta):
        fields = [*StaffOutput.Meta.fields, "email", "phone", "is_superuser"]

    def get_roles(self, user: User) -> list[str]:
        return sorted(user_roles(user))


class CustomerOutput(ModelOutput):
    class Meta:
        model = Customer
        fields = [
            "id",
            "name",
            "phone",
            "email",
            "preferred_channel",
            "tier",
            "dedicated_agent",
            "created_at",
        ]

from rest_framework import serializers

from closeloop.core.api import ModelOutput
from closeloop.policy.models import Category, CompensationStandard, SlaPolicy


class CategoryOutput(ModelOutput):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)
    default_department = serializers.SlugRelatedField(slug_field="code", read_only=True)
    is_leaf = serializers.BooleanField(read_only=True)

    class Meta:
        model = Category
        fields = [
            "id",
            "code",
            "name",
            "name_en",
            "level",
            "parent",
            "is_leaf",
            "default_department",
            "guide",
        ]


class CompensationStandardOutput(ModelOutput):
    category = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = CompensationStandard
        fields = [
            "id",
            "category",
            "grade",
            "remedy",
            "min_amount",
            "max_amount",
            "legal_basis",
            "description",
        ]


class SlaPolicyOutput(ModelOutput):
    class Meta:
        model = SlaPolicy
        fields = [
            "id",
            "grade",
            "customer_tier",
            "clock",
            "first_response",
            "resolution",
            "progress_update",
            "follow_up",
            "pause_while_waiting",
        ]

"""Output of the public API: built from `selectors.PublicView` only, never from a model."""

from rest_framework import serializers


class PublicListOutput(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    summary = serializers.CharField()
    category = serializers.ListField(child=serializers.CharField(), help_text="Top level first.")
    department = serializers.CharField()
    published_at = serializers.DateTimeField()
    view_count = serializers.IntegerField()


class PublicDetailOutput(PublicListOutput):
    complainant = serializers.CharField()
    cause = serializers.CharField()
    investigation = serializers.CharField()
    responsibility = serializers.CharField()
    result = serializers.CharField()
    improvement = serializers.CharField()
    improvement_deadline = serializers.DateField(allow_null=True)
    improvement_owner = serializers.CharField()

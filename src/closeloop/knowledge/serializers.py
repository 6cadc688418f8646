from rest_framework import serializers

from closeloop.core.api import ModelOutput
from closeloop.knowledge.choices import ArticleKind, ArticleStatus
from closeloop.knowledge.models import (
    LEGAL_BASIS_MAX,
    MAX_TAGS,
    NOTE_MAX,
    TAG_MAX,
    TITLE_MAX,
    Article,
    ArticleVersion,
)

# Plain strings, not enums: "kind" and "status" name other choice sets in the schema.
KIND = {"help_text": " | ".join(ArticleKind.values)}
STATUS = {"help_text": " | ".join(ArticleStatus.values)}


class _CategoryField(serializers.CharField):
    """A category by its code; null for none."""

    def to_representation(self, value) -> str:
        return value.code


class ArticleListOutput(ModelOutput):
    kind = serializers.CharField(**KIND)
    status = serializers.CharField(**STATUS)
    category = _CategoryField(allow_null=True)
    updated_by = serializers.CharField(source="updated_by.username")

    class Meta:
        model = Article
        fields = [
            "id",
            "kind",
            "title",
            "legal_basis",
            "category",
            "tags",
            "status",
            "version",
            "updated_by",
            "updated_at",
        ]


class ArticleDetailOutput(ArticleListOutput):
    source_case = serializers.CharField(source="source_case.number", default=None, allow_null=True)
    created_by = serializers.CharField(source="created_by.username")
    status_changed_by = serializers.CharField(
        source="status_changed_by.username", default=None, allow_null=True
    )

    class Meta(ArticleListOutput.Meta):
        fields = [
            *ArticleListOutput.Meta.fields,
            "body",
            "source_case",
            "created_by",
            "created_at",
            "status_changed_by",
            "status_changed_at",
        ]


class ArticleVersionOutput(ModelOutput):
    kind = serializers.CharField(**KIND)
    category = _CategoryField(allow_null=True)
    edited_by = serializers.CharField(source="edited_by.username")

    class Meta:
        model = ArticleVersion
        fields = [
            "number",
            "kind",
            "title",
            "body",
            "legal_basis",
            "category",
            "tags",
            "edited_by",
            "edited_at",
            "note",
        ]


class _Content(serializers.Serializer):
    kind = serializers.CharField(**KIND)
    title = serializers.CharField(max_length=TITLE_MAX)
    body = serializers.CharField()
    legal_basis = serializers.CharField(max_length=LEGAL_BASIS_MAX, required=False, allow_blank=True)
    category = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, help_text="A category code (any level)."
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=TAG_MAX), required=False, max_length=MAX_TAGS
    )
    note = serializers.CharField(
        max_length=NOTE_MAX, required=False, allow_blank=True, help_text="What this version changed, and why."
    )


class ArticleCreateInput(_Content):
    pass


class ArticleEditInput(_Content):
    version = serializers.IntegerField(
        min_value=1, help_text="The version you edited; another saved since makes a 409 and nothing is saved."
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Only what is sent changes.
        for name in ("kind", "title", "body"):
            self.fields[name].required = False


class VersionInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1, required=False, help_text="The version you read; another saved since makes a 409."
    )


class PromoteInput(serializers.Serializer):
    kind = serializers.CharField(default=ArticleKind.HANDLING_GUIDE.value, **KIND)

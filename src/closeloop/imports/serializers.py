from rest_framework import serializers

from closeloop.core.api import ModelOutput
from closeloop.imports.models import ImportJob, ImportSource

# A plain string, not an enum: "kind" names other choice sets in the schema (evidence, notices).
KIND = {"help_text": "transfer or ledger"}


class ImportSourceOutput(ModelOutput):
    kind = serializers.CharField(**KIND)
    default_department = serializers.CharField(source="default_department.code", default=None)

    class Meta:
        model = ImportSource
        fields = [
            "id",
            "name",
            "kind",
            "column_map",
            "value_maps",
            "default_channel",
            "default_category",
            "default_grade",
            "default_department",
            "date_formats",
            "header_row",
        ]


class ImportJobInput(serializers.Serializer):
    source = serializers.CharField(help_text="The source's name or id.")
    file = serializers.FileField(help_text="An .xlsx or .csv file (UTF-8 or GB18030).")
    batch_size = serializers.IntegerField(required=False, min_value=1, default=1000)
    dry_run = serializers.BooleanField(required=False, default=False)


class ImportJobOutput(ModelOutput):
    kind = serializers.CharField(**KIND)
    source = serializers.CharField(source="source.name")
    created_by = serializers.CharField(source="created_by.username")
    percent = serializers.IntegerField()
    errors_csv = serializers.SerializerMethodField()
    errors_xlsx = serializers.SerializerMethodField()

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "source",
            "kind",
            "original_name",
            "status",
            "dry_run",
            "batch_size",
            "total_rows",
            "processed_rows",
            "percent",
            "created_count",
            "skipped_count",
            "failed_rows",
            "failed_batches",
            "message",
            "created_by",
            "created_at",
            "started_at",
            "finished_at",
            "errors_csv",
            "errors_xlsx",
        ]

    def _link(self, job: ImportJob, name: str) -> str:
        from django.urls import reverse

        path = reverse(name, args=[job.pk])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_errors_csv(self, job: ImportJob) -> str:
        return self._link(job, "api-import-errors-csv")

    def get_errors_xlsx(self, job: ImportJob) -> str:
        return self._link(job, "api-import-errors-xlsx")

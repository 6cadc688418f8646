"""Import endpoints: upload a file (a queued job), follow its progress, download its error report."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.imports import reports, selectors, services
from closeloop.imports import serializers as s
from closeloop.imports.models import ImportJob


class _ImportersOnly:
    """Supervisors, heads, executives and administrators; everyone else gets 403."""

    def initial(self, request: Request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        services.check_may_import(request.user)


class ImportSourceList(_ImportersOnly, generics.ListAPIView):
    serializer_class = s.ImportSourceOutput
    pagination_class = None

    def get_queryset(self):
        return selectors.sources_active().select_related("default_department")

    @extend_schema(summary="Import sources (column mappings) you may import with")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)


class ImportJobListCreate(_ImportersOnly, generics.ListAPIView):
    serializer_class = s.ImportJobOutput
    parser_classes = [MultiPartParser, FormParser]
    queryset = ImportJob.objects.none()  # for the schema; the real one is scoped

    def get_queryset(self):
        return selectors.jobs_visible(self.request.user)

    @extend_schema(summary="Import jobs you started (supervisors and administrators: all)")
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": s.ImportJobInput},
        responses={202: s.ImportJobOutput},
        summary="Upload a transfer export or a ledger; the job is queued and runs in the background",
    )
    def post(self, request: Request) -> Response:
        data = s.ImportJobInput(data=request.data)
        data.is_valid(raise_exception=True)
        job = services.job_create(
            actor=request.user,
            source=data.validated_data["source"],
            upload=data.validated_data["file"],
            batch_size=data.validated_data["batch_size"],
            dry_run=data.validated_data["dry_run"],
        )
        body = s.ImportJobOutput(job, context={"request": request}).data
        return Response(body, status=status.HTTP_202_ACCEPTED)


class ImportJobDetail(_ImportersOnly, APIView):
    @extend_schema(responses=s.ImportJobOutput, summary="An import job: status and progress")
    def get(self, request: Request, job: int) -> Response:
        found = selectors.job_get(request.user, job)
        return Response(s.ImportJobOutput(found, context={"request": request}).data)


class ImportJobErrors(_ImportersOnly, APIView):
    suffix = "csv"

    @extend_schema(
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY},
        summary="The job's error report: row, column, value, reason",
    )
    def get(self, request: Request, job: int) -> HttpResponse:
        return error_report_response(selectors.job_get(request.user, job), self.suffix)


class ImportJobErrorsXlsx(ImportJobErrors):
    suffix = "xlsx"


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def error_report_response(job: ImportJob, suffix: str) -> HttpResponse:
    body = reports.errors_csv(job) if suffix == "csv" else reports.errors_xlsx(job)
    response = HttpResponse(body, content_type=CONTENT_TYPES[suffix])
    response["Content-Disposition"] = f'attachment; filename="{reports.report_name(job, suffix)}"'
    return response

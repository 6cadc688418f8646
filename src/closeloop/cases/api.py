"""Case endpoints: intake, lists, detail, one endpoint per workflow action, events, evidence files."""

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from django.http import FileResponse, StreamingHttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.cases import duplicates, export, selectors, services, workflow
from closeloop.cases import serializers as s
from closeloop.cases.choices import Action
from closeloop.cases.filters import CaseFilter
from closeloop.cases.models import Case, DuplicateSuggestion, Event
from closeloop.core.errors import NotFound
from closeloop.org.selectors import user_roles


def _render(request: Request, case: Case, http_status: int = status.HTTP_200_OK) -> Response:
    return Response(s.CaseDetailOutput(case, context={"request": request}).data, status=http_status)


class ComplaintListCreate(generics.ListAPIView):
    serializer_class = s.CaseListOutput
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    filterset_class = CaseFilter

    def get_queryset(self):
        return selectors.case_list(self.request.user)

    @extend_schema(
        request=s.IntakeInput,
        responses={201: s.CaseDetailOutput},
        summary="Register a complaint",
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                required=False,
                description="Any unique string per complaint: a retried POST with the same key returns "
                "the first case (header `Idempotent-Replayed: true`) instead of registering another.",
            )
        ],
    )
    def post(self, request: Request) -> Response:
        data = s.IntakeInput(data=request.data)
        data.is_valid(raise_exception=True)
        key = request.headers.get("Idempotency-Key")
        if key is None:
            case = services.case_register(actor=request.user, **data.validated_data)
            return self._registered(request, case, data.validated_data)
        case, created = services.case_register_once(
            actor=request.user, key=key, fingerprint=_fingerprint(data.validated_data), **data.validated_data
        )
        if created:
            return self._registered(request, case, data.validated_data)
        response = _render(request, selectors.case_after_action(case), status.HTTP_201_CREATED)
        response["Idempotent-Replayed"] = "true"
        return response

    def _registered(self, request: Request, case: Case, intake: dict) -> Response:
        if intake.get("attachments"):
            return _render(request, selectors.case_registered(case), status.HTTP_201_CREATED)
        return Response(
            s.registered_case_body(case, user_roles(request.user)), status=status.HTTP_201_CREATED
        )


def _fingerprint(validated: dict) -> str:
    """The request's content, independent of JSON key order or multipart boundaries."""

    def plain(value):
        if hasattr(value, "read"):  # an uploaded file: its name and size stand for it
            return {"file": getattr(value, "name", ""), "size": getattr(value, "size", 0)}
        return str(value)

    text = json.dumps(validated, sort_keys=True, default=plain, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


class _FileByURL(BaseContentNegotiation):
    """The URL names the file's format; errors still render as JSON whatever the client accepts."""

    def select_parser(self, request, parsers):
        return parsers[0]

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ComplaintExport(APIView):
    content_negotiation_class = _FileByURL

    @extend_schema(
        summary="Export the filtered list as CSV or Excel",
        description="Takes the list's filters; streams every matching case (contacts masked). "
        "Supervisors, heads, executives, auditors and administrators only.",
        parameters=[OpenApiParameter("fmt", str, OpenApiParameter.PATH, enum=list(export.FORMATS))],
        filters=True,
        responses={(200, "text/csv"): OpenApiTypes.BINARY},
    )
    def get(self, request: Request, fmt: str) -> StreamingHttpResponse:
        if fmt not in export.FORMATS:
            raise NotFound(f"No export format {fmt}.")
        cases = CaseFilter(request.query_params, queryset=selectors.case_list(request.user))
        if not cases.is_valid():
            raise serializers.ValidationError(cases.errors)
        return export.export_response(fmt, cases.qs, request.user)


class ComplaintDetail(APIView):
    @extend_schema(responses=s.CaseDetailOutput, summary="One complaint with its whole handling record")
    def get(self, request: Request, number: str) -> Response:
        return _render(request, selectors.case_get(request.user, number, detailed=True))


class ComplaintEvents(generics.ListAPIView):
    serializer_class = s.EventOutput
    queryset = Event.objects.none()  # for the schema; the real one is scoped in get_queryset

    def get_queryset(self):
        case = selectors.case_get(self.request.user, self.kwargs["number"])
        return selectors.case_events(case)


class ComplaintDuplicates(generics.ListAPIView):
    """Possible duplicates found at intake; a candidate outside your scope is not listed."""

    serializer_class = s.DuplicateSuggestionOutput
    pagination_class = None
    queryset = DuplicateSuggestion.objects.none()  # for the schema; the real one is scoped

    def get_queryset(self):
        case = selectors.case_get(self.request.user, self.kwargs["number"])
        return duplicates.suggestion_list(self.request.user, case)


class DuplicateDismiss(APIView):
    @extend_schema(
        request=s.OptionalReasonInput,
        responses=s.DuplicateSuggestionOutput,
        summary="Dismiss a possible duplicate (to accept one, merge the complaint into the candidate)",
    )
    def post(self, request: Request, number: str, suggestion_id: int) -> Response:
        case = selectors.case_get(request.user, number)
        data = s.OptionalReasonInput(data=request.data)
        data.is_valid(raise_exception=True)
        suggestion = duplicates.duplicate_dismiss(
            case=case, actor=request.user, suggestion_id=suggestion_id, reason=data.validated_data["reason"]
        )
        return Response(s.DuplicateSuggestionOutput(suggestion).data)


class RepeatRate(APIView):
    @extend_schema(
        parameters=[s.RepeatRateInput],
        responses=s.RepeatRateOutput,
        summary="Repeat-complaint rate of the complaints you can see (重复投诉率)",
    )
    def get(self, request: Request) -> Response:
        data = s.RepeatRateInput(data=request.query_params)
        data.is_valid(raise_exception=True)
        cases = selectors.visible_cases(request.user)
        if "registered_after" in data.validated_data:
            cases = cases.filter(registered_at__gte=data.validated_data["registered_after"])
        if "registered_before" in data.validated_data:
            cases = cases.filter(registered_at__lt=data.validated_data["registered_before"])
        return Response(s.RepeatRateOutput(duplicates.repeat_rate(cases)).data)


class EvidenceFile(APIView):
    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, number: str, evidence_id: int) -> FileResponse:
        case = selectors.case_get(request.user, number)
        item = case.evidence.filter(pk=evidence_id).first()
        if item is None or not item.file:
            raise NotFound("No such evidence file.")
        return FileResponse(
            item.file.open("rb"),
            as_attachment=True,
            filename=item.original_name or item.sha256,
            content_type=item.content_type or "application/octet-stream",
        )


@dataclass(frozen=True)
class _ActionSpec:
    action: Action
    input: type[serializers.Serializer]
    service: Callable
    # Maps the validated input to service keywords when the names differ (file → upload).
    rename: tuple[tuple[str, str], ...] = ()


ACTIONS = [
    _ActionSpec(Action.CLASSIFY, s.ClassifyInput, services.case_classify),
    _ActionSpec(Action.ASSIGN, s.AssignInput, services.case_assign),
    _ActionSpec(Action.RESPOND, s.NoteInput, services.case_respond),
    _ActionSpec(Action.TRANSFER, s.TransferInput, services.case_transfer),
    _ActionSpec(Action.START, s.VersionedInput, services.case_start),
    _ActionSpec(Action.PROGRESS, s.ProgressInput, services.case_progress),
    _ActionSpec(Action.ADD_EVIDENCE, s.EvidenceInput, services.case_add_evidence, (("file", "upload"),)),
    _ActionSpec(
        Action.DETERMINE_RESPONSIBILITY, s.ResponsibilityInput, services.case_determine_responsibility
    ),
    _ActionSpec(
        Action.REVIEW_RESPONSIBILITY, s.ResponsibilityReviewInput, services.case_review_responsibility
    ),
    _ActionSpec(Action.PROPOSE_PLAN, s.PlanInput, services.case_propose_plan),
    _ActionSpec(Action.APPROVE_PLAN, s.NoteInput, services.case_approve_plan),
    _ActionSpec(Action.RECORD_NEGOTIATION, s.NegotiationInput, services.case_record_negotiation),
    _ActionSpec(Action.RESOLVE, s.NoteInput, services.case_resolve),
    _ActionSpec(Action.GIVE_FEEDBACK, s.FeedbackInput, services.case_give_feedback),
    _ActionSpec(Action.FOLLOW_UP, s.FollowUpInput, services.case_follow_up),
    _ActionSpec(Action.REOPEN, s.ReasonInput, services.case_reopen),
    _ActionSpec(Action.EXTEND, s.ExtendInput, services.case_extend),
    _ActionSpec(Action.AWAIT_CUSTOMER, s.ReasonInput, services.case_await_customer),
    _ActionSpec(Action.RESUME, s.NoteInput, services.case_resume),
    _ActionSpec(Action.CLOSE, s.NoteInput, services.case_close),
    _ActionSpec(Action.ARCHIVE, s.VersionedInput, services.case_archive),
    _ActionSpec(Action.WITHDRAW, s.ReasonInput, services.case_withdraw),
    _ActionSpec(Action.MERGE, s.MergeInput, services.case_merge),
]
assert {spec.action for spec in ACTIONS} == set(workflow.TABLE), "every workflow action needs an endpoint"


def _if_match_version(request: Request) -> int | None:
    raw = request.headers.get("If-Match", "").strip().strip('"')
    return int(raw) if raw.isdigit() else None


def action_view(spec: _ActionSpec) -> type[APIView]:
    """One endpoint per workflow action, each with its own documented input serializer."""
    transition = workflow.TABLE[spec.action]

    class ActionView(APIView):
        parser_classes = [JSONParser, MultiPartParser, FormParser]

        @extend_schema(
            request=spec.input,
            responses={200: s.CaseDetailOutput},
            summary=str(spec.action.label),
            description=f"{transition.summary}\n\nFrom: {', '.join(sorted(transition.sources))}. "
            f"Roles: {', '.join(sorted(transition.roles))}.",
            parameters=[
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    required=False,
                    description="Expected case version (alternative to `version`).",
                )
            ],
            operation_id=f"complaints_{spec.action.value}",
        )
        def post(self, request: Request, number: str) -> Response:
            case = selectors.case_get(request.user, number)
            data = spec.input(data=request.data)
            data.is_valid(raise_exception=True)
            kwargs = dict(data.validated_data)
            for old, new in spec.rename:
                if old in kwargs:
                    kwargs[new] = kwargs.pop(old)
            kwargs.setdefault("version", _if_match_version(request))
            case = spec.service(case=case, actor=request.user, **kwargs)
            return _render(request, selectors.case_after_action(case))

    ActionView.__name__ = ActionView.__qualname__ = f"{spec.action.value.title().replace('_', '')}Action"
    return ActionView

"""`POST /api/v1/assist/analyze/`: every suggestion for a complaint text; and the live accuracy."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.assist import analysis, selectors
from closeloop.assist import serializers as s
from closeloop.cases.duplicates import case_text
from closeloop.core.errors import Forbidden, ValidationFailed
from closeloop.org.choices import Role
from closeloop.org.selectors import user_roles
from closeloop.policy.selectors import leaf_category


def _staff_only(request: Request) -> None:
    # The portal's system account registers web complaints; it has no business reading suggestions.
    if not user_roles(request.user) - {Role.PORTAL}:
        raise Forbidden(_("Suggestions are for staff."))


class Analyze(APIView):
    @extend_schema(
        request=s.AnalyzeInput, responses={200: s.AnalyzeOutput}, summary="Suggest for a complaint"
    )
    def post(self, request: Request) -> Response:
        _staff_only(request)
        data = s.AnalyzeInput(data=request.data)
        data.is_valid(raise_exception=True)
        chosen = None
        if code := data.validated_data["category"]:
            chosen = leaf_category(code)
            if chosen is None:
                raise ValidationFailed(
                    {"category": _("Unknown category '%(category)s'.") % {"category": code}}
                )
        result = analysis.analyze(
            case_text(data.validated_data["title"], data.validated_data["text"]),
            customer=data.validated_data.get("customer"),
            category=chosen,
            user=request.user,
        )
        return Response(s.AnalyzeOutput(result.as_dict()).data)


class Accuracy(APIView):
    @extend_schema(
        responses={200: s.AccuracyRow(many=True)},
        summary="How often people kept the suggestions",
        parameters=[OpenApiParameter("days", int, description="The window, 1–365 days (default 30).")],
    )
    def get(self, request: Request) -> Response:
        _staff_only(request)
        field = serializers.IntegerField(min_value=1, max_value=365)
        try:
            days = field.run_validation(request.query_params.get("days", 30))
        except serializers.ValidationError as error:
            raise ValidationFailed({"days": [str(m) for m in error.detail]}) from error
        rows = [
            {
                "kind": row.kind,
                "decisions": row.decisions,
                "accepted": row.accepted,
                "in_top3": row.in_top3,
                "rate": row.rate,
                "top3_rate": row.top3_rate,
            }
            for row in selectors.accuracy(days)
        ]
        return Response(s.AccuracyRow(rows, many=True).data)

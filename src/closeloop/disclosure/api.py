"""The public disclosure board's read-only API (anonymous): the same filters and the same
desensitised text as the board pages."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.core.api import Pagination
from closeloop.disclosure import selectors
from closeloop.disclosure import serializers as s


class _Public(APIView):
    # No authentication: a session cookie would only bring CSRF checks to a read-only endpoint.
    authentication_classes: list = []
    permission_classes = [AllowAny]


BOARD_FILTERS = [
    OpenApiParameter("q", str, description="Words that must all appear in the published text."),
    OpenApiParameter("category", str, description="A category code; its subcategories are included."),
    OpenApiParameter("department", str, description="A department code; its sub-departments are included."),
    OpenApiParameter("period", str, description="Year (2025) or month (2025-03) of publication."),
]


class PublicationList(_Public):
    @extend_schema(
        summary="Published complaint results (no login)",
        parameters=BOARD_FILTERS,
        responses=s.PublicListOutput(many=True),
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        qs = selectors.board(
            **{name: params.get(name, "") for name in ("q", "category", "department", "period")}
        )
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        views = selectors.public_views(list(page))
        return paginator.get_paginated_response(s.PublicListOutput(views, many=True).data)


class PublicationDetail(_Public):
    @extend_schema(
        summary="One published complaint result (no login); 410 once withdrawn",
        responses=s.PublicDetailOutput,
    )
    def get(self, request: Request, publication: int) -> Response:
        try:
            found = selectors.public_get(publication)
        except selectors.PublicationGone as gone:
            return Response({"detail": gone.message, "code": gone.code}, status=status.HTTP_410_GONE)
        return Response(s.PublicDetailOutput(selectors.public_view(found)).data)

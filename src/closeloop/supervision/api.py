"""Supervision order endpoints: list, issue on a case, reply, close."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.cases.selectors import case_get
from closeloop.supervision import selectors, services
from closeloop.supervision import serializers as s
from closeloop.supervision.models import OrderStatus, SupervisionOrder


class OrderList(generics.ListAPIView):
    serializer_class = s.OrderOutput
    queryset = SupervisionOrder.objects.none()  # for the schema; the real one is scoped

    @extend_schema(
        parameters=[
            OpenApiParameter("status", str, enum=OrderStatus.values, required=False),
            OpenApiParameter("case", str, required=False, description="Case number."),
        ],
        summary="Supervision orders on cases you may see",
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        qs = selectors.orders_visible(self.request.user).order_by("-issued_at", "-id")
        wanted = self.request.query_params.get("status")
        if wanted in OrderStatus.values:
            qs = qs.filter(status=wanted)
        number = self.request.query_params.get("case")
        if number:
            qs = qs.filter(case__number=number)
        return qs


class OrderIssue(APIView):
    @extend_schema(
        request=s.OrderIssueInput, responses={201: s.OrderOutput}, summary="Issue a supervision order"
    )
    def post(self, request: Request, number: str) -> Response:
        data = s.OrderIssueInput(data=request.data)
        data.is_valid(raise_exception=True)
        order = services.order_issue(
            case=case_get(request.user, number), actor=request.user, **data.validated_data
        )
        return Response(s.OrderOutput(order).data, status=status.HTTP_201_CREATED)


class OrderReply(APIView):
    @extend_schema(request=s.OrderReplyInput, responses=s.OrderOutput, summary="Answer a supervision order")
    def post(self, request: Request, order: str) -> Response:
        data = s.OrderReplyInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            s.OrderOutput(services.order_reply(order=order, actor=request.user, **data.validated_data)).data
        )


class OrderClose(APIView):
    @extend_schema(request=s.OrderCloseInput, responses=s.OrderOutput, summary="Accept the reply and close")
    def post(self, request: Request, order: str) -> Response:
        data = s.OrderCloseInput(data=request.data)
        data.is_valid(raise_exception=True)
        return Response(
            s.OrderOutput(services.order_close(order=order, actor=request.user, **data.validated_data)).data
        )

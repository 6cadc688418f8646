"""Call-centre endpoints: the phone system reports calls; agents list theirs."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from closeloop.intake import selectors, services
from closeloop.intake.choices import CallOutcome
from closeloop.intake.models import Call
from closeloop.intake.serializers import CallInput, CallOutput


class CallListCreate(generics.ListAPIView):
    serializer_class = CallOutput
    parser_classes = [JSONParser, MultiPartParser, FormParser]
    queryset = Call.objects.none()  # for the schema; the real one is scoped in get_queryset

    def get_queryset(self):
        calls = selectors.calls_visible(self.request.user)
        outcome = self.request.query_params.get("outcome")
        return calls.filter(outcome=outcome) if outcome in CallOutcome.values else calls

    @extend_schema(
        summary="Calls you took or reported (supervisors and administrators: all)",
        parameters=[OpenApiParameter("outcome", str, enum=CallOutcome.values, required=False)],
    )
    def get(self, request: Request, *args, **kwargs) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=CallInput,
        responses={201: CallOutput, 200: CallOutput},
        summary="Report a call from the phone system (CTI)",
        description="Attached to the caller's most recent case that is not final (a progress entry, the "
        "recording as evidence): `outcome` is `attached`. Otherwise it waits for its agent: `outcome` is "
        "`pending_intake` and `intake_url` opens the intake form filled from the call. The same "
        "`external_id` again returns the first call (200, `Idempotent-Replayed: true`).",
    )
    def post(self, request: Request) -> Response:
        data = CallInput(data=request.data)
        data.is_valid(raise_exception=True)
        call, created = services.call_report(actor=request.user, **data.validated_data)
        body = CallOutput(call, context={"request": request}).data
        if created:
            return Response(body, status=status.HTTP_201_CREATED)
        return Response(body, headers={"Idempotent-Replayed": "true"})

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework import serializers
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from closeloop.cases import api as cases_api
from closeloop.cases import workflow
from closeloop.org import api as org_api
from closeloop.policy import api as policy_api
from closeloop.supervision import api as supervision_api


class _TransitionOutput(serializers.Serializer):
    action = serializers.CharField()
    label = serializers.CharField()
    to = serializers.ListField(child=serializers.CharField())
    roles = serializers.ListField(child=serializers.CharField())
    guard = serializers.CharField()
    needs_reason = serializers.BooleanField()
    summary = serializers.CharField()

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = serializers.ListField(child=serializers.CharField())  # a keyword in Python
        return fields


class _WorkflowOutput(serializers.Serializer):
    states = serializers.ListField(child=serializers.CharField())
    transitions = _TransitionOutput(many=True)


class WorkflowTable(APIView):
    @extend_schema(summary="The case workflow transition table", responses=_WorkflowOutput)
    def get(self, request: Request) -> Response:
        return Response({"states": [s.value for s in workflow.S], "transitions": workflow.describe()})


class TokenLogin(ObtainAuthToken):
    """`POST {"username", "password"}` → `{"token"}`; send it as `Authorization: Token <token>`."""


api_v1 = [
    path("auth/token/", TokenLogin.as_view(), name="api-token"),
    path("me/", org_api.Me.as_view(), name="api-me"),
    path("workflow/", WorkflowTable.as_view(), name="api-workflow"),
    path("", include("closeloop.notify.urls")),
    path("", include("closeloop.intake.api_urls")),
    path("", include("closeloop.imports.api_urls")),
    path("", include("closeloop.knowledge.api_urls")),
    path("", include("closeloop.assist.api_urls")),
    path("", include("closeloop.disclosure.api_urls")),
    path("departments/", org_api.DepartmentList.as_view(), name="api-departments"),
    path("staff/", org_api.StaffList.as_view(), name="api-staff"),
    path("customers/", org_api.CustomerList.as_view(), name="api-customers"),
    path("categories/", policy_api.CategoryList.as_view(), name="api-categories"),
    path("compensation-standards/", policy_api.CompensationStandardList.as_view(), name="api-compensation"),
    path("sla-policies/", policy_api.SlaPolicyList.as_view(), name="api-sla-policies"),
    path("supervision-orders/", supervision_api.OrderList.as_view(), name="api-orders"),
    path(
        "supervision-orders/<str:order>/reply/", supervision_api.OrderReply.as_view(), name="api-order-reply"
    ),
    path(
        "supervision-orders/<str:order>/close/", supervision_api.OrderClose.as_view(), name="api-order-close"
    ),
    path(
        "complaints/<str:number>/supervision-orders/",
        supervision_api.OrderIssue.as_view(),
        name="api-complaint-orders",
    ),
    path("complaints/", cases_api.ComplaintListCreate.as_view(), name="api-complaints"),
    path("complaints/stats/repeat-rate/", cases_api.RepeatRate.as_view(), name="api-repeat-rate"),
    path(
        "complaints/<str:number>/duplicates/", cases_api.ComplaintDuplicates.as_view(), name="api-duplicates"
    ),
    path(
        "complaints/<str:number>/duplicates/<int:suggestion_id>/dismiss/",
        cases_api.DuplicateDismiss.as_view(),
        name="api-duplicate-dismiss",
    ),
    path("complaints/export.<str:fmt>", cases_api.ComplaintExport.as_view(), name="api-complaints-export"),
    path("complaints/<str:number>/", cases_api.ComplaintDetail.as_view(), name="api-complaint"),
    path("complaints/<str:number>/events/", cases_api.ComplaintEvents.as_view(), name="api-complaint-events"),
    path(
        "complaints/<str:number>/evidence/<int:evidence_id>/file/",
        cases_api.EvidenceFile.as_view(),
        name="api-evidence-file",
    ),
    *[
        path(
            f"complaints/<str:number>/{spec.action.value}/",
            cases_api.action_view(spec).as_view(),
            name=f"api-complaint-{spec.action.value}",
        )
        for spec in cases_api.ACTIONS
    ],
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("portal/", include("closeloop.portal.urls")),
    path("supervision/", include("closeloop.supervision.urls")),
    path("inbox/", include("closeloop.notify.web_urls")),
    path("intake/", include("closeloop.intake.urls")),
    path("imports/", include("closeloop.imports.urls")),
    path("knowledge/", include("closeloop.knowledge.urls")),
    path("assist/", include("closeloop.assist.urls")),
    path("disclosure/", include("closeloop.disclosure.urls")),
    path("public/report/", include("closeloop.disclosure.report_urls")),
    path("public/", include("closeloop.disclosure.public_urls")),
    path("", include("closeloop.web.urls")),
]

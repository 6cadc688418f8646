from django.urls import path

from closeloop.web import views

app_name = "web"

urlpatterns = [
    path("", views.workbench, name="workbench"),
    path("export.<str:fmt>", views.workbench_export, name="export"),
    path("cases/new/", views.intake, name="intake"),
    path("cases/customers/lookup/", views.customer_lookup, name="customer-lookup"),
    path("cases/<str:number>/", views.case_detail, name="case"),
    path("cases/<str:number>/do/<str:action>/", views.case_action, name="case-action"),
    path("cases/<str:number>/evidence/<int:evidence_id>/", views.evidence_file, name="evidence"),
    path(
        "cases/<str:number>/duplicates/<int:suggestion_id>/dismiss/",
        views.duplicate_dismiss,
        name="duplicate-dismiss",
    ),
]

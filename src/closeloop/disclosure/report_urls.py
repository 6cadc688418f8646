from django.urls import path

from closeloop.disclosure import report_views

app_name = "report"

urlpatterns = [
    path("", report_views.report, name="page"),
    path("report.pdf", report_views.report_pdf, name="pdf"),
]

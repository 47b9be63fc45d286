"""Dashboards and reports (看板与报表) under /reports/."""

from django.urls import path

from kefu.reports.views import dashboards, reports, targets

app_name = "reports"
urlpatterns = [
    path("", reports.report_list, name="list"),
    path("generate/", reports.generate, name="generate"),
    path("<int:pk>/", reports.report_detail, name="detail"),
    path("<int:pk>/export.xlsx", reports.export_xlsx, name="export_xlsx"),
    path("<int:pk>/export.pdf", reports.export_pdf, name="export_pdf"),
    path("today/", dashboards.today_page, name="today"),
    path("today/<slug:key>/", dashboards.today_list_page, name="today_list"),
    path("month/", dashboards.month_page, name="month"),
    path("month/export.<str:fmt>", reports.month_export, name="month_export"),
    path("people/", dashboards.people_page, name="people"),
    path("targets/", targets.target_list, name="targets"),
]

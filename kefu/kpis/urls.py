"""KPI pages (考核指标页面) under /kpis/: the table and the records behind each figure."""

from django.urls import path

from kefu.kpis import views

app_name = "kpis"
urlpatterns = [
    path("", views.kpi_page, name="table"),
    path("records/", views.records_page, name="records"),
]

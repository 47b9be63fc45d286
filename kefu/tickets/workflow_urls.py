"""Workflow pages (流程配置页面) under /work-orders/workflows/ (admin)."""

from django.urls import path

from kefu.tickets.workflow_console import editing, pages

app_name = "workflows"
urlpatterns = [
    path("", pages.type_list, name="list"),
    path("new/", editing.type_create, name="create"),
    path("<slug:code>/", pages.type_detail, name="type"),
    path("<slug:code>/versions/<int:version>/", pages.version_detail, name="version"),
    path("<slug:code>/edit/", editing.workflow_edit, name="edit"),
    path("<slug:code>/validate/", editing.workflow_validate, name="validate"),
]

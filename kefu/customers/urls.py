"""Customer pages (客户页面) under /customers/."""

from django.urls import path

from kefu.customers.views import detail, duplicates, editing, fields, grades, imports, listing

app_name = "customers"
urlpatterns = [
    path("", listing.customer_list, name="list"),
    path("new/", editing.customer_create, name="create"),
    path("export/", listing.customer_export, name="export"),
    path("import/", imports.import_upload, name="import"),
    path("import/template.xlsx", imports.import_template, name="import_template"),
    path("import/<int:job_id>/", imports.import_job, name="import_job"),
    path("grade-rules/", grades.grade_rules, name="grade_rules"),
    path("grade-rules/recompute/", grades.grade_recompute, name="grade_recompute"),
    path("duplicates/", duplicates.duplicate_list, name="duplicates"),
    path("fields/", fields.field_list, name="fields"),
    path("fields/<int:pk>/edit/", fields.field_edit, name="field_edit"),
    path("merge/", duplicates.merge, name="merge"),
    path("<int:pk>/", detail.customer_detail, name="detail"),
    path("<int:pk>/edit/", editing.customer_edit, name="edit"),
    path("<int:pk>/reveal/", detail.customer_reveal, name="reveal"),
    path("<int:pk>/grade/", detail.grade_override, name="grade_override"),
    path("<int:pk>/grade/clear/", detail.grade_clear, name="grade_clear"),
    path("<int:pk>/stored-items/", detail.stored_item_add, name="stored_item_add"),
    path(
        "<int:pk>/stored-items/<int:item_id>/withdraw/",
        detail.stored_item_withdraw,
        name="stored_item_withdraw",
    ),
]

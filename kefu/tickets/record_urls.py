"""Pages of the records around a work order (工单附属记录页面) under /work-orders/.

Mounted before the work order pages, so the literal ``reply-templates/`` wins over a number.
"""

from django.urls import path

from kefu.tickets.views_records import actions, templates

app_name = "ticket_records"
urlpatterns = [
    path("reply-templates/", templates.template_list, name="templates"),
    path("reply-templates/<int:pk>/edit/", templates.template_edit, name="template_edit"),
    path("<str:number>/records/", actions.records_page, name="page"),
    path("<str:number>/comments/", actions.comment_add, name="comment"),
    path("<str:number>/comments/fill/", actions.template_fill, name="fill"),
    path("<str:number>/attachments/", actions.attachment_add, name="attachment"),
    path(
        "<str:number>/attachments/<int:pk>/",
        actions.attachment_download,
        name="attachment_download",
    ),
    path("<str:number>/links/", actions.link_add, name="link"),
    path("<str:number>/merge/", actions.merge, name="merge"),
    path("<str:number>/tags/", actions.tags_set, name="tags"),
]

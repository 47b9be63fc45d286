"""Survey pages (调查页面) under /surveys/: the public answer page and the console."""

from django.urls import path

from kefu.surveys.views import campaigns, public, responses, templates, tickets

app_name = "surveys"
urlpatterns = [
    path("s/<str:token>/", public.answer, name="answer"),
    path("", responses.response_list, name="responses"),
    path("responses/<int:pk>/", responses.response_detail, name="response"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/new/", templates.template_create, name="template_create"),
    path("templates/<int:pk>/", templates.template_detail, name="template"),
    path("templates/<int:pk>/questions/new/", templates.question_edit, name="question_create"),
    path(
        "templates/<int:pk>/questions/<int:question_id>/",
        templates.question_edit,
        name="question",
    ),
    path(
        "templates/<int:pk>/questions/<int:question_id>/delete/",
        templates.question_delete,
        name="question_delete",
    ),
    path("campaigns/", campaigns.campaign_list, name="campaigns"),
    path("campaigns/new/", campaigns.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", campaigns.campaign_detail, name="campaign"),
    path("campaigns/<int:pk>/send/", campaigns.campaign_send, name="campaign_send"),
    path("work-orders/<str:number>/panel/", tickets.panel, name="ticket_panel"),
    path("work-orders/<str:number>/send/", tickets.send_for_ticket, name="ticket_send"),
]

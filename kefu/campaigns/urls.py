"""Campaign pages (活动页面) under /campaigns/."""

from django.urls import path

from kefu.campaigns.views import campaigns, deliveries, templates

app_name = "campaigns"
urlpatterns = [
    path("", campaigns.campaign_list, name="list"),
    path("new/", campaigns.campaign_create, name="create"),
    path("templates/", templates.template_list, name="templates"),
    path("templates/new/", templates.template_create, name="template_create"),
    path("templates/<int:pk>/edit/", templates.template_edit, name="template_edit"),
    path("<int:pk>/", campaigns.campaign_detail, name="detail"),
    path("<int:pk>/edit/", campaigns.campaign_edit, name="edit"),
    path("<int:pk>/send/", campaigns.campaign_send, name="send"),
    path("<int:pk>/progress/", campaigns.campaign_progress, name="progress"),
    path("<int:pk>/deliveries/", deliveries.delivery_log, name="deliveries"),
]

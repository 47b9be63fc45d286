"""Service quality pages (服务质量页面) under /quality/."""

from django.urls import path

from kefu.quality import views

app_name = "quality"
urlpatterns = [
    path("errors/", views.error_list, name="list"),
]

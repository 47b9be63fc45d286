from django.urls import path

from kefu.org import views

app_name = "org"
urlpatterns = [path("", views.org_home, name="home")]

from django.contrib.auth import views as auth_views
from django.urls import path

from kefu.web import saved_filter_views, views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("saved-filters/", saved_filter_views.saved_filter_save, name="saved_filter_save"),
    path(
        "saved-filters/<int:pk>/delete/",
        saved_filter_views.saved_filter_delete,
        name="saved_filter_delete",
    ),
]

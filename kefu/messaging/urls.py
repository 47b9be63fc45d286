"""URLs of messaging, mounted at /m/ (short, for links in SMS)."""

from django.urls import path

from kefu.messaging import views

app_name = "messaging"
urlpatterns = [
    path("u/<str:token>/", views.unsubscribe, name="unsubscribe"),
]

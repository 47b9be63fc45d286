"""URL map: the console at /, the JSON API at /api/v1/."""

from django.urls import include, path

from kefu.api.router import api

urlpatterns = [
    path("", include("kefu.web.urls")),
    path("customers/", include("kefu.customers.urls")),
    path("org/", include("kefu.org.urls")),
    path("audit/", include("kefu.audit.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

"""URL map: the console at /, the JSON API at /api/v1/."""

from django.urls import include, path

from kefu.api.router import api

urlpatterns = [
    path("", include("kefu.web.urls")),
    path("customers/", include("kefu.customers.urls")),
    path("org/", include("kefu.org.urls")),
    path("audit/", include("kefu.audit.urls")),
    path("work-orders/workflows/", include("kefu.tickets.workflow_urls")),
    path("work-orders/", include("kefu.tickets.record_urls")),
    path("work-orders/", include("kefu.tickets.urls")),
    path("contact-orders/", include("kefu.liaison.urls")),
    path("knowledge/", include("kefu.kb.urls")),
    path("calls/", include("kefu.cti.urls")),
    path("notifications/", include("kefu.notify.urls")),
    path("m/", include("kefu.messaging.urls")),
    path("callbacks/", include("kefu.callbacks.urls")),
    path("campaigns/", include("kefu.campaigns.urls")),
    path("surveys/", include("kefu.surveys.urls")),
    path("quality/", include("kefu.quality.urls")),
    path("kpis/", include("kefu.kpis.urls")),
    path("reports/", include("kefu.reports.urls")),
    path("sla/", include("kefu.sla.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
]

"""Work order console (工单控制台) under /work-orders/."""

from django.urls import path

from kefu.tickets.views import creating, detail, listing

app_name = "tickets"
urlpatterns = [
    path("", listing.queue_page, name="queue"),
    path("queue/<slug:key>/", listing.queue_page, name="queue_named"),
    path("assign/", listing.bulk_assign, name="bulk_assign"),
    path("new/", creating.ticket_create, name="create"),
    path("new/customers/", creating.customer_lookup, name="customer_lookup"),
    path("<str:number>/", detail.ticket_detail, name="detail"),
    path("<str:number>/steps/<slug:code>/", detail.take_step, name="step"),
    path("<str:number>/callback/", detail.callback, name="callback"),
]

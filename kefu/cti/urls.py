"""Phone pages (来电页面) under /calls/."""

from django.urls import path

from kefu.cti.views import converting, extensions, listing, pop

app_name = "cti"
urlpatterns = [
    path("", listing.call_list, name="list"),
    path("pop/", pop.screen_pop, name="pop"),
    path("extensions/", extensions.extension_list, name="extensions"),
    path("extensions/<int:pk>/delete/", extensions.extension_remove, name="extension_remove"),
    path("<path:call_id>/ticket/", converting.ticket_from_call_view, name="open_ticket"),
]

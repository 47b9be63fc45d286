"""A URL map for the standard replies API tests until the lead mounts
``reply_templates_router`` at /api/v1/reply-templates in ``kefu.api.router``."""

from django.urls import path
from ninja import NinjaAPI

from kefu.api.auth import BearerToken
from kefu.api.errors import install_error_handlers
from kefu.tickets.api.reply_templates import reply_templates_router

api = NinjaAPI(auth=BearerToken(), urls_namespace="records_test_api", docs_url=None)
install_error_handlers(api)
api.add_router("/reply-templates", reply_templates_router)

urlpatterns = [path("api/v1/", api.urls)]

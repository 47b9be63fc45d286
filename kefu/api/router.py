"""The /api/v1/ API: one NinjaAPI, routers from the domain apps."""

from __future__ import annotations

from ninja import NinjaAPI

from kefu.api.auth import BearerToken
from kefu.api.errors import install_error_handlers
from kefu.callbacks.api import router as callbacks_router
from kefu.campaigns.api import router as campaigns_router
from kefu.cti.api import router as cti_router
from kefu.customers.api import router as customers_router
from kefu.kb.api import router as kb_router
from kefu.kpis.api import router as kpis_router
from kefu.liaison.api import router as liaison_router
from kefu.org.api import router as org_router
from kefu.quality.api import router as quality_router
from kefu.surveys.api import router as surveys_router
from kefu.tickets.api import router as tickets_router
from kefu.tickets.api.reply_templates import reply_templates_router

api = NinjaAPI(
    title="Kefu API",
    version="1",
    description=(
        "Kefu (客服) customer service center API. Authenticate with "
        "`Authorization: Bearer <token>` (`kefu token create USERNAME`)."
    ),
    auth=BearerToken(),
    urls_namespace="api",
    docs_url="/docs",
)
install_error_handlers(api)
api.add_router("/customers", customers_router, tags=["customers"])
api.add_router("/tickets", tickets_router, tags=["tickets"])
api.add_router("/reply-templates", reply_templates_router, tags=["reply templates"])
api.add_router("/contact-orders", liaison_router, tags=["contact orders"])
api.add_router("/kb", kb_router, tags=["knowledge base"])
api.add_router("/cti", cti_router, tags=["phone"])
api.add_router("/callbacks", callbacks_router, tags=["callbacks"])
api.add_router("/campaigns", campaigns_router, tags=["campaigns"])
api.add_router("/surveys", surveys_router, tags=["surveys"])
api.add_router("/service-errors", quality_router, tags=["service errors"])
api.add_router("/reports", kpis_router, tags=["reports"])
api.add_router("/", org_router, tags=["organisation"])

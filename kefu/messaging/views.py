"""Pages of messaging (消息页面): the customer's unsubscribe page, no login needed."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from kefu.customers.models import Customer
from kefu.messaging.choices import Channel
from kefu.messaging.services import record_opt_out
from kefu.messaging.unsubscribe import read_token


@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """Unsubscribe (退订): GET asks to confirm (mail scanners follow links), POST records it."""
    wanted = read_token(token)
    customer = None
    if wanted is not None and wanted.channel in Channel.values:
        customer = Customer.objects.filter(pk=wanted.customer_id).first()
    if wanted is None or customer is None:
        return render(request, "messaging/unsubscribe_invalid.html", status=400)
    channel_label = Channel(wanted.channel).label
    if request.method == "POST":
        record_opt_out(customer=customer, channel=wanted.channel, source="link")
        return render(request, "messaging/unsubscribe_done.html", {"channel": channel_label})
    return render(request, "messaging/unsubscribe.html", {"channel": channel_label})

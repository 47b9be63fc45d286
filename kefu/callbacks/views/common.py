"""Helpers shared by the callback pages (回访页面公共件)."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from kefu.accounts.models import User


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user, ``htmx`` is set."""

    user: User
    htmx: HtmxDetails

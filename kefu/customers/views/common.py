"""Helpers shared by the customer pages (客户页面公共件): typed request, scope, error mapping."""

from __future__ import annotations

from collections.abc import Callable

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails

from kefu.accounts.models import User
from kefu.core.errors import DomainError, NotFound, NotPermitted
from kefu.customers.models import Customer
from kefu.customers.querysets import CustomerQuerySet


class AuthedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a real user, ``htmx`` is set."""

    user: User
    htmx: HtmxDetails


def is_partial(request: AuthedRequest) -> bool:
    """True when htmx asks for a fragment (not a history restore, which needs the page)."""
    return bool(request.htmx) and not request.htmx.history_restore_request


def visible_customers(request: AuthedRequest) -> CustomerQuerySet:
    """Every customer page starts here: the rows the user may see."""
    return Customer.objects.visible_to(request.user)


def scoped_customer(request: AuthedRequest, pk: int) -> Customer:
    """The customer ``pk`` if the user may see it, else 404 (never 403: no existence leak)."""
    return get_object_or_404(
        visible_customers(request).select_related("owner", "created_by"), pk=pk
    )


def raise_for_access(exc: DomainError) -> None:
    """Turn a refusal the page cannot show on a form into 403/404."""
    if isinstance(exc, NotPermitted):
        raise PermissionDenied(exc.message) from exc
    if isinstance(exc, NotFound):
        raise Http404(exc.message) from exc


def errors_to_form(
    form: forms.Form, exc: DomainError, aliases: dict[str, str] | None = None
) -> None:
    """Put a service's per-field messages on the form fields (the rest on the form itself)."""
    raise_for_access(exc)
    aliases = aliases or {}
    if not exc.fields:
        form.add_error(None, exc.message)
        return
    for name, field_messages in exc.fields.items():
        field = aliases.get(name, name)
        target = field if field in form.fields else None
        for message in field_messages:
            form.add_error(target, message)


def submitted(
    request: AuthedRequest,
    form: forms.Form,
    call: Callable[[], object],
    *,
    success: str,
    aliases: dict[str, str] | None = None,
) -> bool:
    """Validate ``form`` and make the service ``call``. True when it went through (``success``
    is flashed); False with the form's or the service's complaints on the form."""
    if not form.is_valid():
        return False
    try:
        call()
    except DomainError as exc:
        errors_to_form(form, exc, aliases)
        return False
    messages.success(request, success)
    return True


def vary_on_htmx(response: HttpResponse) -> HttpResponse:
    """Pages that answer htmx with a fragment must not be cached as the full page."""
    patch_vary_headers(response, ("HX-Request",))
    return response

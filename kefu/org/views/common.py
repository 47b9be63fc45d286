"""Steps the organisation pages share (组织页面公共步骤): reading the request, and the one
create/edit flow every form page follows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise

from kefu.accounts.models import User
from kefu.core.errors import NotPermitted, ValidationFailed

M = TypeVar("M", bound=Model)
T = TypeVar("T")


def actor(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def posted(request: HttpRequest) -> Any:
    """The data to bind a form to: the POST, or None to show it unbound."""
    return request.POST if request.method == "POST" else None


def prefill(request: HttpRequest, *names: str) -> dict[str, str]:
    """Initial values for a new row from the query string (``?department=3``)."""
    return {name: request.GET[name] for name in names if request.GET.get(name)}


def int_param(raw: str | None) -> int | None:
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def form_page(
    request: HttpRequest,
    form: forms.Form,
    *,
    save: Callable[[], M],
    saved: Promise,
    next_url: Callable[[M], str],
    title: Promise,
    cancel_url: str,
    subject: object | None = None,
) -> HttpResponse:
    """A create or edit page. On a valid POST run the service ``save``; when it succeeds, say
    ``saved`` (with ``%(name)s``) and go to ``next_url``; otherwise show the form with every
    message on it."""
    if form.is_bound and form.is_valid():
        row = _submit(form, save)
        if row is not None:
            messages.success(request, str(saved) % {"name": row})
            return redirect(next_url(row))
    return render(
        request,
        "org/form.html",
        {"form": form, "title": title, "cancel_url": cancel_url, "subject": subject},
    )


def _submit(form: forms.Form, call: Callable[[], T]) -> T | None:
    """Run one service; put its per-field messages back on the form when it refuses."""
    try:
        return call()
    except NotPermitted as exc:
        raise PermissionDenied(exc.message) from exc
    except ValidationFailed as exc:
        for name, field_messages in exc.fields.items():
            target = name if name in form.fields else None
            for message in field_messages:
                form.add_error(target, message)
        if not exc.fields:
            form.add_error(None, exc.message)
        return None

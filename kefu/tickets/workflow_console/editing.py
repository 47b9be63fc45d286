"""Workflow editor (流程编辑): the JSON definition, "validate" (htmx) and "publish".

Publishing goes through ``publish_workflow``; a refusal re-renders the editor with every
problem listed and the typed definition kept, never the stored one.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from kefu.core.errors import DomainError, NotPermitted
from kefu.tickets.models import TicketType
from kefu.tickets.services.publishing import (
    check_definition,
    create_ticket_type,
    latest_version,
    publish_workflow,
)
from kefu.tickets.workflow_console.common import ADD_TYPE, PUBLISH, AuthedRequest, ticket_type
from kefu.tickets.workflow_console.forms import STARTER, DefinitionForm, TicketTypeForm, as_json
from kefu.tickets.workflow_console.presenting import vocabulary


def _refused(form: forms.Form, exc: DomainError) -> None:
    """Put a service's refusal on the form: each problem on its field, the rest on the form."""
    if isinstance(exc, NotPermitted):
        raise PermissionDenied(exc.message) from exc
    if not exc.fields:
        form.add_error(None, exc.message)
    for name, problems in exc.fields.items():
        for problem in problems:
            form.add_error(name if name in form.fields else None, problem)


def _problems(form: DefinitionForm, kind: TicketType | None) -> list[str] | None:
    """The definition's problems, or None when it is not even valid JSON (form errors)."""
    if not form.is_valid():
        return None
    code = kind.code if kind else "new_type"
    version = latest_version(kind) + 1 if kind else 1
    _workflow, problems = check_definition(
        form.cleaned_data["definition"], type_code=code, version=version
    )
    return problems


@login_required
@permission_required(PUBLISH, raise_exception=True)
@require_http_methods(["GET", "POST"])
def workflow_edit(request: AuthedRequest, code: str) -> HttpResponse:
    kind = ticket_type(code)
    last = latest_version(kind)
    current = kind.versions.filter(version=last).first()
    checked: list[str] | None = None
    if request.method == "POST":
        form = DefinitionForm(request.POST)
        if request.POST.get("action") == "validate":
            checked = _problems(form, kind)
        elif form.is_valid():
            try:
                published = publish_workflow(
                    actor=request.user,
                    ticket_type=kind,
                    definition=form.cleaned_data["definition"],
                    base_version=form.cleaned_data["base_version"],
                )
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(
                    request,
                    _("Version %(version)s of the workflow was published.")
                    % {"version": published.version},
                )
                return redirect("workflows:type", code=kind.code)
    else:
        definition = current.definition if current else STARTER
        form = DefinitionForm(initial={"definition": as_json(definition), "base_version": last})
    return render(
        request,
        "tickets/workflows/edit.html",
        {
            "kind": kind,
            "form": form,
            "base_version": last,
            "checked": checked,
            "vocabulary": vocabulary(),
        },
    )


@login_required
@permission_required(PUBLISH, raise_exception=True)
@require_POST
def workflow_validate(request: AuthedRequest, code: str) -> HttpResponse:
    """htmx: the problems of the typed definition, or "no problems" (校验)."""
    kind = ticket_type(code)
    form = DefinitionForm(request.POST)
    return render(
        request,
        "tickets/workflows/_problems.html",
        {"form": form, "checked": _problems(form, kind)},
    )


@login_required
@permission_required(ADD_TYPE, raise_exception=True)
@permission_required(PUBLISH, raise_exception=True)
@require_http_methods(["GET", "POST"])
def type_create(request: AuthedRequest) -> HttpResponse:
    checked: list[str] | None = None
    if request.method == "POST":
        form = TicketTypeForm(request.POST)
        if request.POST.get("action") == "validate":
            checked = _problems(form, None)
        elif form.is_valid():
            data = form.cleaned_data
            try:
                created = create_ticket_type(
                    actor=request.user,
                    code=data["code"],
                    name_zh=data["name_zh"],
                    name_en=data["name_en"],
                    number_prefix=data["number_prefix"],
                    definition=data["definition"],
                )
            except DomainError as exc:
                _refused(form, exc)
            else:
                messages.success(
                    request, _("The work order type %(name)s was added.") % {"name": created}
                )
                return redirect("workflows:type", code=created.code)
    else:
        form = TicketTypeForm(initial={"definition": as_json(STARTER)})
    return render(
        request,
        "tickets/workflows/create.html",
        {"form": form, "checked": checked, "vocabulary": vocabulary()},
    )

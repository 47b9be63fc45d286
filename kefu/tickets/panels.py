"""Work order page panels (工单页面板): sections other apps add to the work order page.

The tickets console cannot import the apps above it (work contact orders, knowledge base,
deadlines, phone calls), so they register a panel here in ``AppConfig.ready``: a template and
a function giving its context for one work order and the viewing user. The work order page
renders every registered panel in ``order``; a panel whose context function returns ``None``
is left out (e.g. nothing to show, or the user may not see it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kefu.tickets.models import Ticket

PanelContext = Callable[[Ticket, Any], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    key: str
    template: str
    context: PanelContext
    order: int = 100


_PANELS: dict[str, Panel] = {}


def register_panel(key: str, template: str, context: PanelContext, *, order: int = 100) -> None:
    """Add (or replace) the panel ``key`` on the work order page."""
    _PANELS[key] = Panel(key, template, context, order)


def panels_for(ticket: Ticket, user: Any) -> list[dict[str, Any]]:
    """The panels to render for ``user`` on ``ticket``'s page, in order, with their context."""
    shown = []
    for panel in sorted(_PANELS.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(ticket, user)
        if context is not None:
            shown.append({"key": panel.key, "template": panel.template, "context": dict(context)})
    return shown


def render_panels(ticket: Ticket, request: HttpRequest) -> list[SafeString]:
    """Each shown panel rendered to HTML with the request, its context given both flat and as
    ``ctx`` (a panel template may use either), plus ``ticket``."""
    html = []
    for panel in panels_for(ticket, request.user):
        context = {"ticket": ticket, **panel["context"], "ctx": panel["context"]}
        html.append(mark_safe(render_to_string(panel["template"], context, request)))  # noqa: S308
    return html

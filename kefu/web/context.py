"""Template context (导航): the console's navigation, filtered by the user's capabilities."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    key: str
    label: Promise
    url_name: str
    perm: str | None
    coming: bool = False
    group: str = "service"


# Sections of the navigation (导航分组), in order.
GROUPS: dict[str, Promise] = {
    "service": _("Service"),
    "insight": _("Quality and reports"),
    "setup": _("Setup"),
}


NAVIGATION: tuple[NavItem, ...] = (
    NavItem("home", _("Workbench"), "web:home", None),
    NavItem("tickets", _("Work orders"), "tickets:queue", "tickets.view_ticket"),
    NavItem("customers", _("Customers"), "customers:list", "customers.view_customer"),
    NavItem("callbacks", _("Callbacks"), "callbacks:workbench", "callbacks.view_callbacktask"),
    NavItem(
        "contact_orders", _("Work contact orders"), "liaison:list", "liaison.view_contactorder"
    ),
    NavItem("kb", _("Knowledge base"), "kb:list", "kb.view_article"),
    NavItem("calls", _("Calls"), "cti:list", "cti.view_call"),
    NavItem(
        "campaigns", _("Campaigns"), "campaigns:list", "campaigns.view_campaign", group="insight"
    ),
    NavItem(
        "surveys",
        _("Surveys"),
        "surveys:responses",
        "surveys.view_surveyresponse",
        group="insight",
    ),
    NavItem(
        "reports",
        _("Reports and dashboards"),
        "reports:list",
        "reports.view_report",
        group="insight",
    ),
    NavItem("kpis", _("KPIs"), "kpis:table", "kpis.view_kpis", group="insight"),
    NavItem(
        "quality",
        _("Service errors"),
        "quality:list",
        "quality.view_serviceerror",
        group="insight",
    ),
    NavItem("org", _("Organisation"), "org:home", "org.view_department", group="setup"),
    NavItem(
        "reply_templates",
        _("Standard replies"),
        "ticket_records:templates",
        "tickets.change_replytemplate",
        group="setup",
    ),
    NavItem(
        "calendars", _("Calendars"), "sla:calendars", "sla.view_businesscalendar", group="setup"
    ),
    NavItem("policies", _("SLA policies"), "sla:policies", "sla.view_slapolicy", group="setup"),
    NavItem(
        "workflows",
        _("Workflows"),
        "workflows:list",
        "tickets.view_workflowversion",
        group="setup",
    ),
    NavItem("audit", _("Audit log"), "audit:list", "audit.view_auditentry", group="setup"),
)


_urls: dict[tuple[str, str, str | None], str] = {}


def _url(name: str) -> str:
    """``reverse(name)``, once per process (per script prefix and URLconf)."""
    key = (name, get_script_prefix(), get_urlconf())
    url = _urls.get(key)
    if url is None:
        url = _urls[key] = reverse(name)
    return url


def _nav_html(sections: list[dict[str, Any]]) -> SafeString:
    """The sidebar's links, as the template rendered them from ``nav_sections``."""
    parts = []
    for index, section in enumerate(sections):
        if index:
            parts.append(f'<div class="nav-group">{escape(str(section["label"]))}</div>\n')
        for item in section["items"]:
            css = ("active" if item["active"] else "") + (" coming" if item["coming"] else "")
            parts.append(
                f'<a href="{escape(str(item["url"]))}" class="{css}">'
                f"{escape(str(item['label']))}</a>\n"
            )
    return mark_safe("".join(parts))  # noqa: S308 — every value escaped above


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The navigation the user may use; computed once per request (per language and user),
    however many templates render with the request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    done: dict[tuple[str, int], dict[str, Any]]
    done = request.__dict__.setdefault("_kefu_navigation", {})
    key = (get_language() or "", user.pk)  # a login within the request starts afresh
    if key not in done:
        done[key] = _navigation(request.path, user)
    return done[key]


def _navigation(path: str, user: Any) -> dict[str, Any]:
    items = []
    for item in NAVIGATION:
        if item.perm and not user.has_perm(item.perm):
            continue
        url = _url(item.url_name)
        active = path == url if item.key == "home" else (path.startswith(url) and not item.coming)
        items.append(
            {
                "key": item.key,
                "label": item.label,
                "url": url,
                "active": active,
                "coming": item.coming,
                "group": item.group,
            }
        )
    # Only the most specific match is active (/work-orders/workflows/ is not also 工单).
    matches = [entry for entry in items if entry["active"]]
    if len(matches) > 1:
        longest = max(matches, key=lambda entry: len(str(entry["url"])))
        for entry in matches:
            entry["active"] = entry is longest
    order = list(GROUPS)
    items.sort(key=lambda entry: order.index(str(entry["group"])))  # stable within a group
    sections = [
        {"label": GROUPS[key], "items": [e for e in items if e["group"] == key]} for key in order
    ]
    shown = [sec for sec in sections if sec["items"]]
    return {"nav_items": items, "nav_sections": shown, "nav_html": _nav_html(shown)}

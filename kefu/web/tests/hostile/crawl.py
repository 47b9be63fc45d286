"""The console's GET pages with the objects of a world (控制台页面巡检): every URL pattern,
its path parameters filled from the database."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# (route prefix, parameter) → (model label, field) whose values fill the parameter.
FILL: list[tuple[str, str, str, str]] = [
    ("customers/import/", "job_id", "customers.ImportJob", "pk"),
    ("customers/fields/", "pk", "customers.CustomField", "pk"),
    ("customers/", "pk", "customers.Customer", "pk"),
    ("customers/", "item_id", "customers.StoredItem", "pk"),
    ("org/departments/", "pk", "org.Department", "pk"),
    ("org/teams/", "pk", "org.Team", "pk"),
    ("org/positions/", "pk", "org.Position", "pk"),
    ("org/staff/", "pk", "org.Staff", "pk"),
    ("work-orders/workflows/", "code", "tickets.TicketType", "code"),
    ("work-orders/reply-templates/", "pk", "tickets.ReplyTemplate", "pk"),
    ("work-orders/", "number", "tickets.Ticket", "number"),
    ("contact-orders/", "number", "liaison.ContactOrder", "number"),
    ("knowledge/work-orders/", "number", "tickets.Ticket", "number"),
    ("knowledge/", "pk", "kb.Article", "pk"),
    ("callbacks/rules/", "pk", "callbacks.CallbackRule", "pk"),
    ("callbacks/", "pk", "callbacks.CallbackTask", "pk"),
    ("campaigns/templates/", "pk", "campaigns.MessageTemplate", "pk"),
    ("campaigns/", "pk", "campaigns.Campaign", "pk"),
    ("surveys/responses/", "pk", "surveys.SurveyResponse", "pk"),
    ("surveys/templates/", "pk", "surveys.SurveyTemplate", "pk"),
    ("surveys/templates/", "question_id", "surveys.SurveyQuestion", "pk"),
    ("surveys/campaigns/", "pk", "surveys.SurveyCampaign", "pk"),
    ("surveys/work-orders/", "number", "tickets.Ticket", "number"),
    ("reports/", "pk", "reports.Report", "pk"),
    ("sla/policies/", "pk", "sla.SlaPolicy", "pk"),
    ("sla/", "code", "sla.BusinessCalendar", "code"),
]
# GET pages that are not HTML pages of records, or change something on GET.
SKIPPED = ("logout/", "i18n/setlang/", "api/")
PARAM = re.compile(r"<(?:\w+:)?(\w+)>")


def patterns() -> list[str]:
    routes: list[str] = []

    def walk(resolver: URLResolver, prefix: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                routes.append(prefix + str(entry.pattern))

    walk(get_resolver(), "")
    return [r for r in routes if not r.startswith(SKIPPED)]


def _values(route: str, param: str, limit: int) -> list[str] | None:
    for prefix, name, label, field in FILL:
        if route.startswith(prefix) and name == param:
            model = apps.get_model(label)
            rows = model._default_manager.order_by("-pk").values_list(field, flat=True)[:limit]
            return [str(v) for v in rows]
    return None


def pages(limit: int = 3) -> Iterator[str]:
    """Every GET path this world can fill (up to ``limit`` objects per parameter); patterns
    with a parameter it cannot fill are left out."""
    for route in patterns():
        params = PARAM.findall(route)
        choices = [_values(route, p, limit) for p in params]
        if any(c is None for c in choices):
            continue
        for combo in itertools.product(*[c or [] for c in choices]):
            path = route
            for value in combo:
                path = PARAM.sub(value, path, count=1)
            yield "/" + path

"""How work orders are shown (工单展示): labels in the user's language, relative due times,
readable event history."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from kefu.org.models import Department
from kefu.tickets.categories import ACTIVE, LABELS, StatusCategory
from kefu.tickets.choices import CallbackOutcome, Channel, EventKind, Priority, Satisfaction
from kefu.tickets.forms.labels import pick, text
from kefu.tickets.models import Ticket, TicketEvent
from kefu.tickets.vocabulary import FIELDS, Text
from kefu.tickets.workflow import Workflow

DEPARTMENT_FIELDS = frozenset({"responsible_department", "partner"})
HIDDEN_DATA = frozenset({"hooks", "effects", "facts", "workflow_version"})


def state_label(workflow: Workflow, code: str) -> str:
    state = workflow.state(code)
    return pick(state.label_zh, state.label_en) if state else code


def step_label(workflow: Workflow, code: str) -> str:
    move = workflow.transition(code)
    return pick(move.label_zh, move.label_en) if move else code


def status_label(category: str) -> str:
    try:
        zh, en = LABELS[StatusCategory(category)]
    except ValueError:
        return category
    return pick(zh, en)


def duration(delta: dt.timedelta) -> str:
    """A short, rounded duration: 5 分钟, 2 小时, 3 天."""
    minutes = max(1, round(abs(delta.total_seconds()) / 60))
    if minutes < 60:
        return _("%(count)d min") % {"count": minutes}
    if minutes < 48 * 60:
        return _("%(count)d h") % {"count": round(minutes / 60)}
    return _("%(count)d d") % {"count": round(minutes / (24 * 60))}


def due_text(due: dt.datetime | None, at: dt.datetime) -> str:
    """Relative due time (到期提示): “2 小时后到期” or “已逾期 3 小时”."""
    if due is None:
        return ""
    if due < at:
        return _("Overdue by %(duration)s") % {"duration": duration(at - due)}
    return _("Due in %(duration)s") % {"duration": duration(due - at)}


def is_overdue(ticket: Ticket, at: dt.datetime) -> bool:
    return (
        ticket.next_due_at is not None
        and ticket.next_due_at < at
        and StatusCategory(ticket.status_category) in ACTIVE
    )


def _choice_label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@dataclass
class EventView:
    """One line of the work order history, ready to render."""

    event: TicketEvent
    kind_label: str
    title: str
    css: str
    lines: list[tuple[str, str]] = field(default_factory=list)
    body: str = ""


class EventReader:
    """Turns stored events into readable text (事件说明): labels, department names, times."""

    def __init__(self, workflow: Workflow, events: Iterable[TicketEvent]) -> None:
        self.workflow = workflow
        self.events = list(events)
        ids = {
            value
            for event in self.events
            for key, value in (event.data.get("fields") or {}).items()
            if key in DEPARTMENT_FIELDS and isinstance(value, int)
        }
        self.departments = (
            dict(Department.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}
        )

    def value(self, key: str, raw: Any) -> str:
        if raw is None or raw == "":
            return "—"
        if isinstance(raw, Mapping) and "label" in raw:
            return str(raw["label"])
        if key in DEPARTMENT_FIELDS and isinstance(raw, int):
            return self.departments.get(raw, str(raw))
        if key == "satisfaction" and isinstance(raw, str):
            return _choice_label(Satisfaction, raw)
        if key in {"callback_outcome", "outcome"} and isinstance(raw, str):
            return _choice_label(CallbackOutcome, raw)
        if key.endswith("_at") and isinstance(raw, str):
            parsed = parse_datetime(raw)
            if parsed is not None:
                try:
                    return timezone.localtime(parsed).strftime("%Y-%m-%d %H:%M")
                except (OverflowError, ValueError):  # recorded before years were checked
                    return raw
        if isinstance(raw, list):
            return "、".join(self.value(key, item) for item in raw)
        return str(raw)

    def field_lines(self, values: Mapping[str, Any]) -> list[tuple[str, str]]:
        return [
            (text(FIELDS.get(key, Text(key, key))), self.value(key, raw))
            for key, raw in values.items()
        ]

    def other_lines(self, data: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Lines of an event kind this page does not know: its plain values."""
        lines = []
        for key, raw in data.items():
            if key in HIDDEN_DATA or key in {"body", "text"}:
                continue
            if isinstance(raw, Mapping) and "label" not in raw:
                continue
            lines.append((text(FIELDS.get(key, Text(key, key))), self.value(key, raw)))
        return lines

    def read(self, event: TicketEvent) -> EventView:
        kind = event.kind
        kind_label = _choice_label(EventKind, kind)
        data = event.data or {}
        view = EventView(event=event, kind_label=kind_label, title=kind_label, css=f"ev-{kind}")
        if kind == EventKind.CREATED:
            view.title = _("Work order created")
            view.lines = [
                (_("Channel"), _choice_label(Channel, str(data.get("channel", "")))),
                (_("Priority"), _choice_label(Priority, str(data.get("priority", "")))),
            ]
        elif kind == EventKind.TRANSITION:
            view.title = step_label(self.workflow, event.transition)
            view.lines = [
                (
                    _("State"),
                    f"{state_label(self.workflow, event.from_state)} → "
                    f"{state_label(self.workflow, event.to_state)}",
                ),
                *self.field_lines(data.get("fields") or {}),
            ]
        elif kind == EventKind.ASSIGNMENT:
            view.lines = [
                (label, f"{self.value(key, pair[0])} → {self.value(key, pair[1])}")
                for key, label in (("assignee", _("Assignee")), ("team", _("Team")))
                if isinstance(pair := data.get(key), list) and len(pair) == 2
            ]
        elif kind == EventKind.CALLBACK:
            view.lines = [
                (_("Callback outcome"), self.value("outcome", data.get("outcome"))),
                (_("Customer satisfaction"), self.value("satisfaction", data.get("satisfaction"))),
            ]
            view.body = str(data.get("notes") or "")
        elif kind in (EventKind.COMMENT, EventKind.NOTE):
            view.body = str(data.get("body") or data.get("text") or "")
        else:
            view.lines = self.other_lines(data)
            view.body = str(data.get("body") or data.get("text") or "")
        return view

    def all(self) -> list[EventView]:
        return [self.read(event) for event in self.events]

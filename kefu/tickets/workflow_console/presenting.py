"""Readable workflows (流程展示): a stored workflow turned into rows a page can show.

States carry their status category's label; steps carry their source and target labels, the
permission's name and the labels of the fields, conditions and effects from the workflow
vocabulary, in the active language.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Permission
from django.db.models import Count
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from kefu.tickets.categories import ACTIVE, LABELS, StatusCategory
from kefu.tickets.querysets import TicketQuerySet
from kefu.tickets.vocabulary import CONDITIONS, EFFECTS, FIELDS, Text
from kefu.tickets.workflow import Workflow


@dataclass(frozen=True)
class Named:
    """A code with its label (名称) in the active language, and an optional explanation."""

    code: str
    label: str
    note: str = ""


@dataclass(frozen=True)
class StateRow:
    code: str
    label: str
    category: StatusCategory
    category_label: str
    is_initial: bool
    is_final: bool
    leaves_by: tuple[str, ...]


@dataclass(frozen=True)
class StepRow:
    code: str
    label: str
    sources: tuple[Named, ...]
    target: Named
    permission: Named
    fields: tuple[Named, ...]
    conditions: tuple[Named, ...]
    effects: tuple[Named, ...]


def _chinese() -> bool:
    return (get_language() or "zh-hans").lower().startswith("zh")


def _pick(zh: str, en: str) -> str:
    return zh if _chinese() else en


def _text(text: Text) -> str:
    return _pick(text.zh, text.en)


def permission_names(codes: set[str]) -> dict[str, str]:
    """The display name of each "app.codename" permission that exists (权限名称)."""
    rows = Permission.objects.filter(
        content_type__app_label__in={c.split(".", 1)[0] for c in codes}
    ).values_list("content_type__app_label", "codename", "name")
    return {f"{app}.{codename}": _(name) for app, codename, name in rows}


def state_rows(workflow: Workflow) -> list[StateRow]:
    steps = {
        s.code: [_pick(t.label_zh, t.label_en) for t in workflow.outgoing(s.code)]
        for s in workflow.states
    }
    return [
        StateRow(
            code=s.code,
            label=_pick(s.label_zh, s.label_en),
            category=s.category,
            category_label=_pick(*LABELS[s.category]),
            is_initial=s.is_initial,
            is_final=s.is_final,
            leaves_by=tuple(steps[s.code]),
        )
        for s in workflow.states
    ]


def step_rows(workflow: Workflow) -> list[StepRow]:
    states = {s.code: _pick(s.label_zh, s.label_en) for s in workflow.states}
    names = permission_names({t.permission for t in workflow.transitions})
    unknown = Text("（未知）", "(unknown)")

    def state(code: str) -> Named:
        return Named(code, states.get(code, _text(unknown)))

    def vocabulary(codes: tuple[str, ...], table: dict[str, Text]) -> tuple[Named, ...]:
        return tuple(Named(c, _text(table.get(c, unknown))) for c in codes)

    return [
        StepRow(
            code=t.code,
            label=_pick(t.label_zh, t.label_en),
            sources=tuple(state(s) for s in t.sources),
            target=state(t.target),
            permission=Named(t.permission, names.get(t.permission, _text(unknown))),
            fields=vocabulary(t.required_fields, FIELDS),
            conditions=tuple(Named(c, c, _text(CONDITIONS.get(c, unknown))) for c in t.conditions),
            effects=vocabulary(t.effects, EFFECTS),
        )
        for t in workflow.transitions
    ]


def open_counts(tickets: TicketQuerySet) -> dict[int, int]:
    """Open work orders (未结工单) per workflow version id, among the given work orders."""
    rows = (
        tickets.filter(status_category__in=[c.value for c in ACTIVE])
        .values("workflow_version_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["workflow_version_id"]: row["n"] for row in rows}


@dataclass(frozen=True)
class Vocabulary:
    """The keys a workflow may name (流程词汇), for the editor's reference."""

    fields: list[Named]
    conditions: list[Named]
    effects: list[Named]
    permissions: list[Named]


def vocabulary() -> Vocabulary:
    permissions = Permission.objects.filter(
        content_type__app_label="tickets", content_type__model="ticket"
    ).order_by("codename")
    return Vocabulary(
        fields=[Named(k, _text(v)) for k, v in FIELDS.items()],
        conditions=[Named(k, k, _text(v)) for k, v in CONDITIONS.items()],
        effects=[Named(k, _text(v)) for k, v in EFFECTS.items()],
        permissions=[Named(f"tickets.{p.codename}", _(p.name)) for p in permissions],
    )

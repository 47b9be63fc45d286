"""Workflow data (流程数据): workflows to and from declarative, JSON-serialisable dicts. Pure.

``from_dict`` checks shape and types only and raises ``WorkflowFormatError`` on malformed data;
whether the workflow makes sense is ``kefu.tickets.checks.validate``'s job.
"""

from __future__ import annotations

from collections.abc import Mapping

from kefu.tickets.categories import StatusCategory
from kefu.tickets.definitions import GuardMessage, State, Transition, Workflow


class WorkflowFormatError(ValueError):
    """Malformed workflow data (流程数据格式错误): a key is missing or has the wrong type."""


def _mapping(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
        raise WorkflowFormatError(f"{where} must be an object with string keys")
    return value


def _list(data: Mapping[str, object], key: str, where: str) -> list[object]:
    value = data.get(key, [])
    if not isinstance(value, list | tuple):
        raise WorkflowFormatError(f"{where}.{key} must be a list")
    return list(value)


def _str(data: Mapping[str, object], key: str, where: str, default: str | None = None) -> str:
    value = data.get(key, default)
    if not isinstance(value, str):
        raise WorkflowFormatError(f"{where}.{key} must be a string")
    return value


def _bool(data: Mapping[str, object], key: str, where: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise WorkflowFormatError(f"{where}.{key} must be true or false")
    return value


def _strings(data: Mapping[str, object], key: str, where: str) -> tuple[str, ...]:
    items = _list(data, key, where)
    if not all(isinstance(item, str) for item in items):
        raise WorkflowFormatError(f"{where}.{key} must be a list of strings")
    return tuple(str(item) for item in items)


def _state(raw: object, where: str) -> State:
    data = _mapping(raw, where)
    category = _str(data, "category", where)
    try:
        status = StatusCategory(category)
    except ValueError:
        raise WorkflowFormatError(f"{where}.category: unknown category {category!r}") from None
    return State(
        code=_str(data, "code", where),
        label_zh=_str(data, "label_zh", where),
        label_en=_str(data, "label_en", where),
        category=status,
        is_initial=_bool(data, "is_initial", where),
        is_final=_bool(data, "is_final", where),
    )


def _messages(data: Mapping[str, object], where: str) -> tuple[GuardMessage, ...]:
    messages = _mapping(data.get("messages", {}), f"{where}.messages")
    result = []
    for condition, raw in messages.items():
        text = _mapping(raw, f"{where}.messages.{condition}")
        place = f"{where}.messages.{condition}"
        result.append(GuardMessage(condition, _str(text, "zh", place), _str(text, "en", place)))
    return tuple(result)


def _transition(raw: object, where: str) -> Transition:
    data = _mapping(raw, where)
    return Transition(
        code=_str(data, "code", where),
        label_zh=_str(data, "label_zh", where),
        label_en=_str(data, "label_en", where),
        sources=_strings(data, "sources", where),
        target=_str(data, "target", where),
        permission=_str(data, "permission", where),
        required_fields=_strings(data, "required_fields", where),
        conditions=_strings(data, "conditions", where),
        effects=_strings(data, "effects", where),
        messages=_messages(data, where),
    )


def from_dict(data: Mapping[str, object]) -> Workflow:
    """Build a workflow (构建流程) from declarative data, e.g. parsed JSON."""
    root = _mapping(data, "workflow")
    version = root.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkflowFormatError("workflow.version must be a positive integer")
    return Workflow(
        type_code=_str(root, "type_code", "workflow"),
        version=version,
        states=tuple(
            _state(raw, f"states[{i}]") for i, raw in enumerate(_list(root, "states", "workflow"))
        ),
        transitions=tuple(
            _transition(raw, f"transitions[{i}]")
            for i, raw in enumerate(_list(root, "transitions", "workflow"))
        ),
        label_zh=_str(root, "label_zh", "workflow", ""),
        label_en=_str(root, "label_en", "workflow", ""),
    )


def to_dict(workflow: Workflow) -> dict[str, object]:
    """Declarative, JSON-serialisable data (导出流程) that ``from_dict`` reads back."""
    return {
        "type_code": workflow.type_code,
        "version": workflow.version,
        "label_zh": workflow.label_zh,
        "label_en": workflow.label_en,
        "states": [
            {
                "code": s.code,
                "label_zh": s.label_zh,
                "label_en": s.label_en,
                "category": s.category.value,
                "is_initial": s.is_initial,
                "is_final": s.is_final,
            }
            for s in workflow.states
        ],
        "transitions": [
            {
                "code": t.code,
                "label_zh": t.label_zh,
                "label_en": t.label_en,
                "sources": list(t.sources),
                "target": t.target,
                "permission": t.permission,
                "required_fields": list(t.required_fields),
                "conditions": list(t.conditions),
                "effects": list(t.effects),
                "messages": {
                    m.condition: {"zh": m.message_zh, "en": m.message_en} for m in t.messages
                },
            }
            for t in workflow.transitions
        ],
    }

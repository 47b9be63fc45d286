"""Effect handlers (流程效果处理器): the code registry that workflow effect keys name.

Every key of ``kefu.tickets.vocabulary.EFFECTS`` has a handler here (a test checks it). A
handler runs inside the transition's transaction after the state has moved, and returns what
it did, which the service writes into the transition's event.

``reopen_count`` counts the reopening on the work order, ``record_satisfaction`` records
the satisfaction given in the step (read back by the KPIs from the event), ``notify_agent``
and ``escalate_to_senior_manager`` notify (``kefu.tickets.notifying``). Apps above tickets
replace other handlers with ``register_effect`` (work contact orders, for instance). Every
handler not replaced is a **recorded no-op**: it does nothing but return its key with
``"done": False``, so the event shows which follow-up work the step asked for. Work contact
orders, callbacks, notifications, penalties and return orders arrive with their own apps and
replace these handlers; nothing here pretends to have done that work.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import F

from kefu.tickets.facts import latest_callback
from kefu.tickets.feedback_models import SatisfactionSource
from kefu.tickets.models import Ticket
from kefu.tickets.notifying import escalate_to_senior_manager, notify_agent
from kefu.tickets.vocabulary import EFFECTS, REOPEN_EFFECT

EffectHandler = Callable[[Ticket, Any, Mapping[str, object]], dict[str, object]]


def recorded_only(key: str) -> EffectHandler:
    """A handler that only records that the step asked for effect ``key`` (not yet built)."""

    def handler(ticket: Ticket, actor: Any, fields: Mapping[str, object]) -> dict[str, object]:
        return {"effect": key, "done": False}

    return handler


def count_reopening(ticket: Ticket, actor: Any, fields: Mapping[str, object]) -> dict[str, object]:
    """Reopen count (重新打开次数): one more reopening of the work order."""
    Ticket.objects.filter(pk=ticket.pk).update(reopen_count=F("reopen_count") + 1)
    ticket.refresh_from_db(fields=["reopen_count"])
    return {"effect": REOPEN_EFFECT, "done": True, "reopen_count": ticket.reopen_count}


def record_satisfaction(
    ticket: Ticket, actor: Any, fields: Mapping[str, object]
) -> dict[str, object]:
    """Satisfaction (满意度): the level given in the step, else the recorded callback's."""
    level = fields.get("satisfaction")
    source = "step"
    if level:
        from kefu.tickets.services.satisfaction import record_satisfaction_level  # a cycle

        # Given in this step (the confirmation): a new answer. A callback's answer was stored
        # when the callback was recorded, so it is only named here.
        record_satisfaction_level(
            customer=ticket.customer, ticket=ticket, level=str(level),
            source=SatisfactionSource.CONFIRMATION, actor=actor,
        )  # fmt: skip
    else:
        callback = latest_callback(ticket)
        level = callback.satisfaction if callback else ""
        source = "callback"
    return {"effect": "record_satisfaction", "done": bool(level), "level": level, "source": source}


EFFECT_HANDLERS: dict[str, EffectHandler] = {key: recorded_only(key) for key in EFFECTS}
EFFECT_HANDLERS[REOPEN_EFFECT] = count_reopening
EFFECT_HANDLERS["record_satisfaction"] = record_satisfaction
EFFECT_HANDLERS["notify_agent"] = notify_agent
EFFECT_HANDLERS["escalate_to_senior_manager"] = escalate_to_senior_manager


# Handlers that write nothing to the work order's row, or keep ``ticket`` up to date in memory
# for what they write (``count_reopening``): after them the service need not read it back.
_IN_MEMORY: set[str] = set(EFFECT_HANDLERS)


def register_effect(key: str, handler: EffectHandler, *, in_memory: bool = False) -> None:
    """Replace the handler of effect ``key`` (注册效果处理器); apps above tickets call this in
    ``AppConfig.ready`` when they build the work an effect names. ``in_memory``: the handler
    writes nothing to the work order's row, or sets what it writes on ``ticket`` too."""
    if key not in EFFECTS:
        raise KeyError(f"unknown workflow effect {key!r}")
    EFFECT_HANDLERS[key] = handler
    if in_memory:
        _IN_MEMORY.add(key)
    else:
        _IN_MEMORY.discard(key)


def stale_after_effects(keys: tuple[str, ...]) -> bool:
    """Whether running these effects may leave the work order in memory behind the stored one."""
    return any(key not in _IN_MEMORY for key in keys)


def run_effects(
    keys: tuple[str, ...], *, ticket: Ticket, actor: Any, fields: Mapping[str, object]
) -> list[dict[str, object]]:
    """Run the handlers of ``keys`` in order; an unregistered key is a programming error."""
    return [EFFECT_HANDLERS[key](ticket, actor, fields) for key in keys]

"""Work order hooks (工单钩子): how apps above tickets join a work order's writes.

Apps that build on work orders (deadlines, work contact orders, the knowledge base …) cannot be
imported by the tickets app, so they register here in their ``AppConfig.ready``. Hooks run
inside the writing service's transaction, after the state has moved and before the event is
appended; what a hook returns is written into that event under ``hooks``. A hook that raises a
``DomainError`` refuses the whole write (nothing is kept).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kefu.tickets.models import Ticket


@dataclass(frozen=True)
class Written:
    """What a service just wrote (写入结果): the work order as stored and the step taken.

    ``transition`` is empty for a creation; ``from_state`` is empty for a creation.
    """

    ticket: Ticket
    actor: Any
    at: dt.datetime
    transition: str
    from_state: str
    fields: Mapping[str, object]


Hook = Callable[[Written], Mapping[str, object] | None]

_AFTER_CREATE: dict[str, Hook] = {}
_AFTER_TRANSITION: dict[str, Hook] = {}
# Step hooks that keep ``Written.ticket`` up to date in memory for every column they write.
_IN_MEMORY: set[str] = set()


def after_create(name: str, hook: Hook) -> None:
    """Run ``hook`` after every work order creation (新建后), under the key ``name``.

    A creation hook keeps ``Written.ticket`` up to date in memory for what it writes to the
    work order (the service does not read it back)."""
    _AFTER_CREATE[name] = hook


def after_transition(name: str, hook: Hook, *, in_memory: bool = False) -> None:
    """Run ``hook`` after every workflow step (流程操作后), under the key ``name``.

    A hook that writes to the work order returns what it did (its part of the event). The
    service reads the work order back after a step whose hooks reported something, unless
    each of them was registered ``in_memory`` (it keeps ``Written.ticket`` up to date itself).
    """
    _AFTER_TRANSITION[name] = hook
    if in_memory:
        _IN_MEMORY.add(name)
    else:
        _IN_MEMORY.discard(name)


def stale_after(hooked: Mapping[str, object]) -> bool:
    """Whether step hooks that reported these results may have left the work order in memory
    behind the stored one (so the service reads it back)."""
    return any(name not in _IN_MEMORY for name in hooked)


def _run(hooks: Mapping[str, Hook], written: Written) -> dict[str, object]:
    done: dict[str, object] = {}
    for name, hook in hooks.items():
        result = hook(written)
        if result:
            done[name] = dict(result)
    return done


def run_after_create(written: Written) -> dict[str, object]:
    return _run(_AFTER_CREATE, written)


def run_after_transition(written: Written) -> dict[str, object]:
    return _run(_AFTER_TRANSITION, written)


# Due times (到期时间) are kept by the deadlines app above; the tickets API reads them here.
DueReader = Callable[[list[int]], dict[int, dict[str, dt.datetime | None]]]
_DUE_READER: list[DueReader] = []


def register_due_reader(reader: DueReader) -> None:
    """Register the function giving each work order's open due times by kind."""
    _DUE_READER[:] = [reader]


def dues_for(ticket_ids: list[int]) -> dict[int, dict[str, dt.datetime | None]]:
    """Open due times of the work orders (one query for a page of them)."""
    if not _DUE_READER or not ticket_ids:
        return {}
    return _DUE_READER[0](ticket_ids)

"""What the clients were told against what the database holds (核对): ``kefu trust _check``.

Reads the clients' JSON-line logs and the server's database (by ``apps.get_model``) and
counts: acknowledged creations found exactly once, missing, duplicated; server errors;
acknowledged transitions whose state or event is missing; work orders whose state and event
chain disagree (half applied); warnings or escalations sent twice; expired deadlines the
restarted watcher has escalated; survey emails queued, sent once, sent twice (``mailcheck``).
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps

from kefu.core.trust.mailcheck import check_mail, mail_problems

MAIL_WAIT_SECONDS = 90.0  # for the email backlog to drain after the clients finish


@dataclass
class Journal:
    """Everything the clients sent and were answered."""

    created: dict[str, str] = field(default_factory=dict)  # number → title, acknowledged
    unanswered_titles: list[str] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    server_errors: list[dict[str, Any]] = field(default_factory=list)
    # number → (last acknowledged state, targets of later unanswered steps)
    expected: dict[str, tuple[str, set[str]]] = field(default_factory=dict)
    acked_steps: list[tuple[str, str, str]] = field(default_factory=list)  # number, step, state
    refused_steps: int = 0
    requests: int = 0
    invited: set[str] = field(default_factory=set)  # numbers whose survey email was accepted


def read_journal(log_dir: Path) -> Journal:
    journal = Journal()
    for path in sorted(log_dir.glob("client-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            if record.get("sent") or record["op"] == "done":
                continue
            _take(journal, record)
    return journal


def _take(journal: Journal, record: dict[str, Any]) -> None:
    op, status = record["op"], record.get("status")
    journal.requests += 1
    journal.statuses[str(status) if status is not None else "no answer"] += 1
    if status is not None and status >= 500:
        journal.server_errors.append(record)
    ok = status is not None and 200 <= status < 300
    if op == "create":
        if ok:
            journal.created[record["number"]] = record["title"]
            journal.expected[record["number"]] = (record["state"], set())
        elif status is None:
            journal.unanswered_titles.append(record["title"])
    elif op == "transition":
        number = record["number"]
        state, pending = journal.expected[number]
        if ok:
            journal.expected[number] = (record["state"], set())
            journal.acked_steps.append((number, record["transition"], record["state"]))
        elif status is None:
            journal.expected[number] = (state, pending | {record["target"]})
        else:
            journal.refused_steps += 1
    elif op == "invite" and (ok or record.get("code") == "survey_waiting"):
        journal.invited.add(record["number"])
    elif op == "sync" and ok:
        journal.expected[record["number"]] = (record["state"], set())


def check(
    *,
    log_dir: Path,
    tag: str,
    watch_numbers: list[str],
    wait_seconds: float,
    mail_log: Path | None = None,
) -> dict[str, Any]:
    """The verdict of one run as a JSON-able dict (``problems`` empty when all holds); with
    ``mail_log`` (the SMTP sink's) the survey emails are checked too (``mailcheck``)."""
    journal = read_journal(log_dir)
    ticket_model = apps.get_model("tickets", "Ticket")
    event_model = apps.get_model("tickets", "TicketEvent")
    tickets = ticket_model._default_manager
    rows = list(tickets.filter(title__startswith=f"{tag} ").values_list("pk", "number", "title",
                                                                          "state"))  # fmt: skip
    by_number = {number: (pk, title, state) for pk, number, title, state in rows}
    titles = Counter(title for _pk, _n, title, _s in rows)
    found = sum(
        1
        for number, title in journal.created.items()
        if by_number.get(number, (0, "", ""))[1] == title
    )
    missing = sorted(set(journal.created) - {n for n in journal.created if n in by_number})
    duplicates = sum(n - 1 for n in titles.values() if n > 1)
    all_numbers = Counter(tickets.values_list("number", flat=True))
    duplicate_numbers = sum(n - 1 for n in all_numbers.values() if n > 1)
    unanswered_applied = sum(1 for title in journal.unanswered_titles if titles[title])

    # Events of this run's work orders, oldest first: created, then one per step.
    chains: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
    for ticket_id, kind, from_state, to_state, step in (
        event_model._default_manager.filter(
            ticket_id__in=[pk for pk, *_ in rows], kind__in=["created", "transition"]
        )
        .order_by("ticket_id", "id")
        .values_list("ticket_id", "kind", "from_state", "to_state", "transition")
    ):
        chains[ticket_id].append((kind, from_state, to_state, step))
    half_applied = []
    for pk, number, _title, state in rows:
        if not _chain_holds(chains[pk], state):
            half_applied.append(number)
    lost_steps = []
    for number, (state, pending) in journal.expected.items():
        if number in by_number and by_number[number][2] not in {state} | pending:
            lost_steps.append(number)
    step_events = Counter(
        (pk, step, to_state)
        for pk, chain in chains.items()
        for kind, _f, to_state, step in chain
        if kind == "transition"
    )
    steps_without_event = sum(
        1
        for number, step, state in journal.acked_steps
        if number in by_number and not step_events[(by_number[number][0], step, state)]
    )
    steps_twice = sum(n - 1 for n in step_events.values() if n > 1)
    twice = _sent_twice(event_model)
    watched = _wait_for_watcher(event_model, watch_numbers, wait_seconds)

    result: dict[str, Any] = {
        "acknowledged": len(journal.created),
        "found": found,
        "missing": len(missing),
        "missing_numbers": missing[:20],
        "duplicates": duplicates + duplicate_numbers,
        "unacknowledged_applied": unanswered_applied,
        "unacknowledged": len(journal.unanswered_titles),
        "5xx": len(journal.server_errors),
        "server_errors": journal.server_errors[:5],
        "requests": journal.requests,
        "statuses": dict(journal.statuses),
        "transitions_acknowledged": len(journal.acked_steps),
        "transitions_refused": journal.refused_steps,
        "transitions_without_event": steps_without_event,
        "transitions_twice": steps_twice,
        "lost_transitions": len(lost_steps),
        "half_applied": len(half_applied),
        "half_applied_numbers": half_applied[:20],
        "sent_twice": twice,
        "watched": len(watch_numbers),
        "watched_escalated": watched,
    }
    result["problems"] = problems(result)
    if mail_log is not None:
        mail = check_mail(
            tag=tag, acknowledged=journal.invited, mail_log=mail_log, wait_seconds=MAIL_WAIT_SECONDS
        )
        result["mail"] = mail
        result["problems"] += mail_problems(mail)
    return result


def _chain_holds(chain: list[tuple[str, str, str, str]], state: str) -> bool:
    """One created event, every step starting where the last ended, ending at ``state``."""
    if not chain or chain[0][0] != "created" or sum(1 for c in chain if c[0] == "created") != 1:
        return False
    current = chain[0][2]
    for _kind, from_state, to_state, _step in chain[1:]:
        if from_state != current or to_state == from_state:
            return False
        current = to_state
    return current == state


def _sent_twice(event_model: Any) -> int:
    """Warnings per (work order, deadline) and escalations per (work order, deadline, stage)
    beyond the first: each must be sent once."""
    seen: Counter[tuple[Any, ...]] = Counter()
    for ticket_id, kind, data in event_model._default_manager.filter(
        kind__in=["warning", "escalation"]
    ).values_list("ticket_id", "kind", "data"):
        key = (ticket_id, kind, data.get("deadline"), data.get("ref"))
        seen[key + ((data.get("stage"),) if kind == "escalation" else ())] += 1
    return sum(n - 1 for n in seen.values() if n > 1)


def _wait_for_watcher(event_model: Any, numbers: list[str], wait_seconds: float) -> int:
    """How many of these work orders got their breach escalation (waiting for the next
    periodic run of the watcher, at most ``wait_seconds``)."""
    deadline = time.monotonic() + wait_seconds
    while True:
        done = (
            event_model._default_manager.filter(ticket__number__in=numbers, kind="escalation")
            .values("ticket_id")
            .distinct()
            .count()
        )
        if done >= len(numbers) or time.monotonic() >= deadline:
            return int(done)
        time.sleep(1.0)


def problems(result: dict[str, Any]) -> list[str]:
    found: list[str] = []
    if result["found"] != result["acknowledged"] or result["missing"]:
        found.append(f"{result['missing']} acknowledged work orders missing")
    for key, label in (
        ("duplicates", "duplicated work orders or numbers"),
        ("5xx", "server errors (5xx)"),
        ("transitions_without_event", "acknowledged steps without their event"),
        ("transitions_twice", "steps applied twice"),
        ("lost_transitions", "work orders not in an acknowledged state"),
        ("half_applied", "half-applied work orders (state and events disagree)"),
        ("sent_twice", "warnings or escalations sent twice"),
    ):
        if result[key]:
            found.append(f"{result[key]} {label}")
    if result["watched_escalated"] < result["watched"]:
        found.append(
            f"the watcher escalated {result['watched_escalated']} of {result['watched']} "
            "expired deadlines"
        )
    return found

"""Seeded work orders (压测工单): tickets with their events, deadlines, replies, satisfaction
records and callbacks, written as one stream in time order.

Every work order follows a path of its type's real workflow (``lifecycle.check_paths``) up to
"now" or up to where it stalled; its state, status category, milestones, SLA deadlines and
``next_due_at`` are what the services would have written along that path. Numbers follow
``kefu.tickets.numbering`` (prefix + local date + daily sequence) and the daily sequences are
stored, so work orders opened later get fresh numbers.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from kefu.bench.dataset import vocab
from kefu.bench.dataset.lifecycle import (
    CALLBACK,
    CALLBACK_AFTER_MINUTES,
    GAP_MINUTES,
    TYPE_WEIGHTS,
    Move,
    SlaClock,
    check_paths,
    pick,
)
from kefu.bench.dataset.people import Customers, Org
from kefu.bench.dataset.sink import Sink, Stamps, Writer, next_id
from kefu.callbacks.handlers import DEFAULT_DUE_DAYS, ticket_rule_for
from kefu.callbacks.models import CallbackAttempt, CallbackTask
from kefu.deadlines.models import Deadline
from kefu.sla.matching import PolicyKey, best_policy
from kefu.sla.models import SlaPolicy
from kefu.tickets.models import (
    DailySequence,
    SatisfactionRecord,
    Ticket,
    TicketComment,
    TicketEvent,
    TicketType,
    WorkflowVersion,
)
from kefu.tickets.numbering import format_number

CHANNELS: dict[str, tuple[tuple[str, float], ...]] = {
    "consultation": (("phone", .5), ("wechat", .2), ("chat", .15), ("web", .1), ("email", .05)),
    "complaint": (("phone", .55), ("wechat", .15), ("web", .1), ("email", .08),
                  ("walk_in", .07), ("sms", .05)),
    "repair": (("phone", .6), ("wechat", .2), ("web", .1), ("walk_in", .1)),
    "after_sales": (("phone", .4), ("web", .25), ("chat", .2), ("wechat", .15)),
    "suggestion": (("suggestion_box", .3), ("web", .3), ("phone", .2), ("email", .1),
                   ("mystery_shopper", .1)),
}  # fmt: skip
PRIORITIES = (("urgent", 0.03), ("high", 0.12), ("medium", 0.70), ("low", 0.15))
HOUR_WEIGHTS = (
    0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.5, 2.5, 2.8, 2.6,
    2.0, 2.3, 2.6, 2.5, 2.2, 1.8, 1.4, 1.2, 1.0, 0.8, 0.5, 0.3,
)  # fmt: skip
WEEKDAY_WEIGHTS = (1.0, 1.0, 1.0, 1.0, 1.05, 0.75, 0.6)
CONFIRM_LEVELS = (("very_satisfied", 0.55), ("satisfied", 0.45))
UNHAPPY_LEVELS = (("neutral", 0.5), ("dissatisfied", 0.35), ("very_dissatisfied", 0.15))
CALLBACK_LEVELS = (("very_satisfied", 0.5), ("satisfied", 0.5))
FIELD_TEXT = {
    "reply": "已答复客户并说明处理办法。",
    "requested_action": "请核实情况并在时限内处理。",
    "cause": "经核实，问题属实。",
    "solution": "已安排处理并跟进结果。",
    "return_reason": "需补充材料。",
    "claim_reason": "商品质量问题",
    "photo_evidence": "照片已收到",
    "resolution": "同意退换",
    "reject_reason": "超出退换期限",
    "return_order": "TH-已登记",
    "evaluation": "已评估",
    "repair_report": "已更换配件，试用正常。",
    "acceptance_result": "验收合格",
    "major_reason": "影响面大",
}
# Transitions whose permission the agent of the work order does not hold.
HANDLED = "tickets.handle_ticket"
APPROVED = "tickets.approve_return"
SATISFACTION_STEPS = frozenset({"confirm_satisfied", "still_questions"})


@dataclass
class Kind:
    """One work order type as stored: ids, prefix, workflow version and checked paths."""

    code: str
    type_id: int
    prefix: str
    version_id: int
    version: int
    initial: str
    initial_category: str
    paths: list[tuple[float, tuple[Move, ...]]]
    weights: list[float]
    categories: tuple[str, ...]
    category_weights: list[float]
    channels: tuple[str, ...]
    channel_weights: list[float]
    callback_days: int
    callback_rule: int | None


@dataclass
class Written:
    """What the stream wrote (counts, and what the manifest needs)."""

    counts: Counter[str] = field(default_factory=Counter)
    per_customer: Counter[int] = field(default_factory=Counter)
    zh2: Counter[str] = field(default_factory=Counter)
    zh3: Counter[str] = field(default_factory=Counter)
    states: Counter[str] = field(default_factory=Counter)
    types: Counter[str] = field(default_factory=Counter)
    open_tickets: int = 0


def load_kinds() -> list[Kind]:
    """The shipped types with their current workflow versions, paths checked against them."""
    kinds = []
    for code, weight in TYPE_WEIGHTS.items():
        ticket_type = TicketType.objects.get(code=code)
        version = WorkflowVersion.objects.current_for(code)
        assert version is not None
        workflow = version.workflow()
        assert workflow.initial is not None
        paths = check_paths(workflow)
        categories = vocab.CATEGORIES[code]
        channels = CHANNELS[code]
        rule = ticket_rule_for(code)
        kinds.append(
            Kind(
                code=code, type_id=ticket_type.pk, prefix=ticket_type.number_prefix,
                version_id=version.pk, version=version.version, initial=workflow.initial.code,
                initial_category=workflow.initial.category.value, paths=paths,
                weights=[w for w, _moves in paths], categories=categories,
                category_weights=[1 / (i + 1) for i in range(len(categories))],
                channels=tuple(c for c, _w in channels),
                channel_weights=[w for _c, w in channels],
                callback_days=rule.days if rule is not None else DEFAULT_DUE_DAYS,
                callback_rule=rule.pk if rule is not None else None,
            )
        )  # fmt: skip
        del weight
    return kinds


@dataclass(frozen=True)
class Policy:
    pk: int
    name: str
    first: int
    resolve: int
    warn_percent: int
    every: int
    chain: str
    chain_length: int


def policy_finder() -> Callable[[str, str, str], Policy]:
    """The SLA policy of (type, priority, grade) as ``kefu.sla.matching`` picks it."""
    policies = list(SlaPolicy.objects.filter(is_active=True))
    if any(p.calendar_id for p in policies):  # pragma: no cover - shipped policies are 24×7
        raise RuntimeError("bench seeding replays 24×7 deadlines only; a policy has a calendar")
    keys = [PolicyKey(p.pk, p.ticket_type, p.priority, p.customer_grade) for p in policies]
    cache: dict[tuple[str, str, str], Policy] = {}

    def find(type_code: str, priority: str, grade: str) -> Policy:
        key = (type_code, priority, grade)
        found = cache.get(key)
        if found is None:
            chosen = best_policy(keys, ticket_type=type_code, priority=priority, grade=grade)
            if chosen is None:
                raise RuntimeError(f"no SLA policy for {key}")
            p = next(p for p in policies if p.pk == chosen.id)
            chain = list(p.escalation_chain)
            found = Policy(p.pk, p.name, p.first_response_minutes, p.resolve_minutes,
                           p.warn_percent, p.escalate_every_minutes, json.dumps(chain),
                           len(chain))  # fmt: skip
            cache[key] = found
        return found

    return find


def created_times(
    count: int, *, start: int, end: int, offset: int, rng: random.Random
) -> list[int]:
    """``count`` creation times in [start, end): later months busier, weekdays and office
    hours busier (local time), sorted."""
    first_day = (start + offset) // 86400
    last_day = (end + offset) // 86400
    days = list(range(first_day, last_day + 1))
    span = max(len(days) - 1, 1)
    weights = []
    for index, day in enumerate(days):
        weekday = (day + 3) % 7  # 1970-01-01 was a Thursday
        weights.append((0.8 + 0.4 * index / span) * WEEKDAY_WEIGHTS[weekday])
    chosen = rng.choices(days, weights=weights, k=count)
    hours = rng.choices(range(24), weights=HOUR_WEIGHTS, k=count)
    result = []
    for day, hour in zip(chosen, hours, strict=True):
        at = day * 86400 + hour * 3600 + rng.randrange(3600) - offset
        if at >= end or at < start:
            at = start + rng.randrange(max(end - start, 1))
        result.append(at)
    result.sort()
    return result


class Stream:
    """Writes the work orders and everything around them, ticket by ticket."""

    def __init__(
        self,
        *,
        org: Org,
        customers: Customers,
        kinds: list[Kind],
        policy: Callable[[str, str, str], Policy],
        now: int,
        offset: int,
        rng: random.Random,
    ) -> None:
        self.org, self.customers, self.kinds, self.policy = org, customers, kinds, policy
        self.now, self.offset, self.rng = now, offset, rng
        self.stamps = Stamps()
        self.written = Written()
        self.sequences: Counter[tuple[str, int]] = Counter()
        self.kind_weights = [TYPE_WEIGHTS[k.code] for k in kinds]
        self.supervisor_of = {team: org.user_ids[name] for name, team in org.team_of.items()}
        self.writer = Writer(
            [m._meta.db_table for m in (Ticket, TicketEvent, Deadline, TicketComment,
                                        SatisfactionRecord, CallbackTask, CallbackAttempt)]
        )  # fmt: skip
        self.ids = {
            "ticket": next_id(Ticket), "event": next_id(TicketEvent),
            "comment": next_id(TicketComment), "task": next_id(CallbackTask),
        }  # fmt: skip
        self.tickets = Sink(
            Ticket,
            ("id", "number", "ticket_type_id", "workflow_version_id", "state",
             "status_category", "channel", "priority", "category", "customer_id", "title",
             "description", "assignee_id", "team_id", "department_id", "partner_id",
             "created_by_id", "created_at", "updated_at", "first_response_at", "resolved_at",
             "closed_at", "reopen_count", "next_due_at", "merged_into_id"),
            self.writer,
        )  # fmt: skip
        self.events = Sink(
            TicketEvent,
            ("id", "ticket_id", "at", "actor_id", "kind", "from_state", "to_state",
             "transition", "data"),
            self.writer,
        )  # fmt: skip
        self.deadlines = Sink(
            Deadline,
            ("ticket_id", "kind", "ref", "label", "policy_id", "calendar_id", "target_minutes",
             "warn_percent", "escalate_every_minutes", "escalation_chain", "started_at",
             "spent_minutes", "running_since", "due_at", "warn_at", "stage", "next_check_at",
             "met_at", "used_minutes", "breached_at", "is_open"),
            self.writer,
        )  # fmt: skip
        self.comments = Sink(
            TicketComment,
            ("id", "ticket_id", "author_id", "at", "body", "is_internal"),
            self.writer,
        )
        self.satisfaction = Sink(
            SatisfactionRecord,
            ("customer_id", "ticket_id", "level", "source", "at", "recorded_by_id"),
            self.writer,
        )
        self.tasks = Sink(
            CallbackTask,
            ("id", "customer_id", "ticket_id", "reason", "note", "due_on", "assignee_id",
             "status", "outcome", "satisfaction", "notes", "next_callback_on", "rule_key",
             "dedupe_key", "created_at", "done_at", "done_by_id", "attempts",
             "last_attempt_at", "last_outcome", "rule_id", "follows_id", "created_by_id"),
            self.writer,
        )  # fmt: skip
        self.attempts = Sink(
            CallbackAttempt,
            (
                "task_id",
                "at",
                "actor_id",
                "outcome",
                "satisfaction",
                "notes",
                "closed_task",
                "ticket_event_id",
            ),
            self.writer,
        )

    # --- text -----------------------------------------------------------------------------

    def _text(self, kind: Kind) -> tuple[str, str]:
        rng, written = self.rng, self.written
        words = {
            "o": rng.choice(vocab.OBJECTS_ZH2),
            "p": rng.choice(vocab.PROBLEMS_ZH2),
            "a": rng.choice(vocab.ACTIONS_ZH2),
            "c": rng.choice(vocab.CONTEXT_ZH2),
            "w": rng.choice(vocab.OBJECTS_ZH3),
        }
        title = rng.choice(vocab.TITLES[kind.code]).format(**words)
        description = rng.choice(vocab.DESCRIPTIONS).format(**words)
        for key in "opac":
            written.zh2[words[key]] += 1
        written.zh3[words["w"]] += 1
        return title, description

    def _level(self, table: tuple[tuple[str, float], ...]) -> str:
        return table[pick([w for _l, w in table], self.rng.random())][0]

    # --- one work order -------------------------------------------------------------------

    def add(self, created: int) -> None:
        rng, stamps, org = self.rng, self.stamps, self.org
        kind = self.kinds[pick(self.kind_weights, rng.random())]
        ticket_id = self.ids["ticket"]
        self.ids["ticket"] += 1
        local_day = (created + self.offset) // 86400
        self.sequences[(kind.prefix, local_day)] += 1
        number = format_number(
            kind.prefix,
            dt.date(1970, 1, 1) + dt.timedelta(days=local_day),
            self.sequences[(kind.prefix, local_day)],
        )
        channel = kind.channels[pick(kind.channel_weights, rng.random())]
        priority = PRIORITIES[pick([w for _p, w in PRIORITIES], rng.random())][0]
        category = rng.choices(kind.categories, weights=kind.category_weights)[0]
        customer_index = int(self.customers.count * rng.random() ** 2.2)
        customer = self.customers.first_id + customer_index
        grade = self.customers.grades[customer_index]
        team = rng.choice(org.teams)
        agent = rng.choice(org.agents_of[team])
        title, description = self._text(kind)
        _weight, moves = kind.paths[pick(kind.weights, rng.random())]
        age_days = (self.now - created) / 86400
        stop = len(moves)
        if rng.random() < 0.6 * math.exp(-age_days / 30):
            stop = rng.randrange(len(moves))  # stalled: still open somewhere on its way
        policy = self.policy(kind.code, priority, grade)
        clock = SlaClock.start(
            created, first=policy.first, resolve=policy.resolve,
            warn_percent=policy.warn_percent, every=policy.every, chain=policy.chain_length,
        )  # fmt: skip
        event = self._event
        iso = stamps.iso
        first_due = clock.deadlines[0].due
        resolve_due = clock.deadlines[1].due
        assert first_due is not None
        assert resolve_due is not None
        event(ticket_id, created, agent, "created", "", kind.initial, "", json.dumps({
            "workflow_version": kind.version, "channel": channel, "priority": priority,
            "hooks": {"deadlines": {"policy": policy.name, "first_response": iso(first_due),
                                    "resolve": iso(resolve_due)}},
        }))  # fmt: skip
        state, category_now = kind.initial, kind.initial_category
        first_response = resolved = closed = None
        department = partner = None
        at = created
        fr_gap, gap = GAP_MINUTES[kind.code]
        done = 0
        task_id: int | None = None
        for index, move in enumerate(moves[:stop]):
            if move.code == CALLBACK:
                step_at = at + int(CALLBACK_AFTER_MINUTES * 60 * (0.5 + rng.random()))
            elif index == 0:
                step_at = at + 60 + int(rng.expovariate(1 / (fr_gap * 60)))
            else:
                step_at = at + 60 + int(rng.expovariate(1 / (gap * 60)))
            if step_at > self.now:
                break
            at = step_at
            if move.code == CALLBACK:
                self._callback(ticket_id, task_id, customer, agent, at)
                done += 1
                continue
            actor = agent
            if move.permission == HANDLED:
                actor = org.handlers_of[partner or department or org.departments[0]]
            elif move.permission == APPROVED:
                actor = self.supervisor_of[team]
            fields: dict[str, Any] = {}
            for name in move.fields:
                if name == "category":
                    fields[name] = category
                elif name == "responsible_department":
                    department = rng.choice(org.departments)
                    fields[name] = {"id": department, "label": org.names[department]}
                elif name == "partner":
                    partner = org.partners[0]
                    fields[name] = {"id": partner, "label": org.names[partner]}
                elif name == "satisfaction":
                    table = CONFIRM_LEVELS if move.code == "confirm_satisfied" else UNHAPPY_LEVELS
                    fields[name] = self._level(table)
                elif name == "callback_outcome":
                    fields[name] = "reached"
                elif name.endswith("_at"):
                    fields[name] = iso(at + 86400)
                else:
                    fields[name] = FIELD_TEXT.get(name, "已处理")
            if move.code in SATISFACTION_STEPS:
                self.satisfaction.add(
                    (customer, ticket_id, fields["satisfaction"], "confirmation",
                     stamps.at(at), actor)
                )  # fmt: skip
            if first_response is None and category_now == "new" and move.category != "new":
                first_response = at
            if move.category == "resolved" and category_now != "resolved":
                resolved = at
            if move.category == "closed" and category_now != "closed":
                closed = at
                if resolved is None:
                    resolved = at
            effects: list[dict[str, Any]] = []
            for key in move.effects:
                effect: dict[str, Any] = {"effect": key, "done": True}
                if key == "schedule_callback":
                    task_id = self._schedule(ticket_id, customer, agent, title, at, kind)
                    effect["task"] = task_id
                effects.append(effect)
            clock.step(at, responded=first_response is not None, category=move.category)
            data = {"fields": fields, "facts": {}, "effects": effects, "hooks": {}}
            event(ticket_id, at, actor, "transition", move.source, move.target, move.code,
                  json.dumps(data))  # fmt: skip
            state, category_now = move.target, move.category
            done += 1
            if done == 1 and len(moves) > 2 and rng.random() < 0.5:
                replied = at + 60 + rng.randrange(600)
                if replied <= self.now:
                    self._comment(ticket_id, agent, replied)
                    at = replied  # the next step comes after the reply
        clock.settle(self.now)
        is_open = category_now not in ("resolved", "closed")
        self.written.open_tickets += is_open
        self.written.states[f"{kind.code}:{state}"] += 1
        self.written.types[kind.code] += 1
        self.written.per_customer[customer] += 1
        for row in clock.deadlines:
            self.deadlines.add(
                (ticket_id, row.kind, row.ref, policy.name, policy.pk, None, row.target,
                 row.warn_percent, row.every, policy.chain, stamps.at(row.started), row.spent,
                 stamps.at(row.running_since), stamps.at(row.due), stamps.at(row.warn),
                 row.stage, stamps.at(row.next_check()), stamps.at(row.met), row.used,
                 stamps.at(row.breached), int(row.is_open))
            )  # fmt: skip
        self.tickets.add(
            (ticket_id, number, kind.type_id, kind.version_id, state, category_now, channel,
             priority, category, customer, title, description, agent, team, department,
             partner, agent, stamps.at(created), stamps.at(at), stamps.at(first_response),
             stamps.at(resolved), stamps.at(closed), 0, stamps.at(clock.next_due()), None)
        )  # fmt: skip

    def _event(
        self,
        ticket_id: int,
        at: int,
        actor: int | None,
        kind: str,
        source: str,
        target: str,
        transition: str,
        data: str,
    ) -> int:
        event_id = self.ids["event"]
        self.ids["event"] += 1
        self.events.add(
            (event_id, ticket_id, self.stamps.at(at), actor, kind, source, target, transition,
             data)
        )  # fmt: skip
        return event_id

    def _comment(self, ticket_id: int, agent: int, at: int) -> None:
        comment_id = self.ids["comment"]
        self.ids["comment"] += 1
        body = f"已联系客户，{self.rng.choice(vocab.ACTIONS_ZH2)}进度已告知。"
        self.comments.add((comment_id, ticket_id, agent, self.stamps.at(at), body, 0))
        self._event(ticket_id, at, agent, "comment", "", "", "",
                    json.dumps({"comment": comment_id, "first_response": False}))  # fmt: skip

    def _schedule(
        self, ticket_id: int, customer: int, agent: int, title: str, at: int, kind: Kind
    ) -> int:
        """The callback task the ``schedule_callback`` effect makes (open until called)."""
        task_id = self.ids["task"]
        self.ids["task"] += 1
        local_day = (at + self.offset) // 86400 + kind.callback_days
        self._pending_task: tuple[Any, ...] | None = (
            task_id, customer, ticket_id, "ticket", title[:200], self.stamps.day(local_day * 86400),
            agent, f"ticket:{ticket_id}:{self.stamps.iso(at)}", self.stamps.at(at),
            kind.callback_rule, agent,
        )  # fmt: skip
        self._task_done = False
        return task_id

    def _callback(
        self, ticket_id: int, task_id: int | None, customer: int, agent: int, at: int
    ) -> None:
        level = self._level(CALLBACK_LEVELS)
        event_id = self._event(ticket_id, at, agent, "callback", "", "", "", json.dumps(
            {"outcome": "reached", "satisfaction": level, "notes": ""}))  # fmt: skip
        self.satisfaction.add((customer, ticket_id, level, "callback", self.stamps.at(at), agent))
        assert task_id is not None
        self.attempts.add((task_id, self.stamps.at(at), agent, "reached", level, "", 1, event_id))
        self._finish_task(done=(at, agent, level))

    def _finish_task(self, done: tuple[int, int, str] | None) -> None:
        pending = getattr(self, "_pending_task", None)
        if pending is None:
            return
        (task_id, customer, ticket_id, reason, note, due_on, assignee, key, created, rule,
         creator) = pending  # fmt: skip
        row: tuple[Any, ...]
        if done is None:
            row = (task_id, customer, ticket_id, reason, note, due_on, assignee, "open", "",
                   "", "", None, "", key, created, None, None, 0, None, "", rule, None,
                   creator)  # fmt: skip
        else:
            at, actor, level = done
            stamp = self.stamps.at(at)
            row = (task_id, customer, ticket_id, reason, note, due_on, assignee, "done",
                   "reached", level, "", None, "", key, created, stamp, actor, 1, stamp,
                   "reached", rule, None, creator)  # fmt: skip
        self.tasks.add(row)
        self._pending_task = None

    def after_ticket(self) -> None:
        """A callback task still waiting for its call is written open."""
        self._finish_task(None)

    def close(self) -> Written:
        written = self.written
        for name, sink in (
            ("work_orders", self.tickets), ("events", self.events),
            ("deadlines", self.deadlines), ("comments", self.comments),
            ("satisfaction", self.satisfaction), ("callback_tasks", self.tasks),
            ("callback_attempts", self.attempts),
        ):  # fmt: skip
            written.counts[name] = sink.close()
        sequences = Sink(DailySequence, ("prefix", "day", "last"), self.writer)
        for (prefix, day), last in sorted(self.sequences.items()):
            sequences.add((prefix, self.stamps.day(day * 86400), last))
        written.counts["daily_sequences"] = sequences.close()
        self.writer.close()
        written.counts["index_ms"] = int(self.writer.index_seconds * 1000)
        return written


def seed_work(
    *,
    count: int,
    org: Org,
    customers: Customers,
    start: int,
    end: int,
    offset: int,
    rng: random.Random,
    log: Callable[[str], None],
) -> Written:
    """``count`` work orders created in [start, end) with everything around them."""
    stream = Stream(
        org=org, customers=customers, kinds=load_kinds(), policy=policy_finder(), now=end,
        offset=offset, rng=rng,
    )  # fmt: skip
    times = created_times(count, start=start, end=end, offset=offset, rng=rng)
    step = max(count // 10, 1)
    for index, created in enumerate(times):
        stream.add(created)
        stream.after_ticket()
        if (index + 1) % step == 0:
            log(f"  work orders: {index + 1:,}/{count:,}")
    return stream.close()

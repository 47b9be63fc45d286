"""Demo data (演示数据): a believable service center to try Kefu with, loaded by ``kefu demo``.

Departments, partners, teams and job descriptions (``org``), one login per role and further
staff (``people``), 2,000 customers (``customers``), the ``office`` business calendar
(``calendars``), work orders at every step of their workflows (``tickets``), six weeks of
history walked through the real services (``history``) with its KPI rollups, knowledge
articles (``kefu.kb.demo``), callbacks and a survey. Idempotent: everything is matched by
its code, username, employee number, phone or member number (a calendar year by whether it is
loaded), and only what is missing is created. Deterministic: the same seed gives the same
people and customers.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models, transaction

from kefu.accounts.models import User
from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.callbacks.demo import ensure_demo_callbacks
from kefu.callbacks.models import CallbackTask
from kefu.core.clock import today as clock_today
from kefu.customers.models import Customer, StoredItem
from kefu.kb.demo import ensure_demo_articles
from kefu.kb.models import Article
from kefu.kpis.rollup import rollup_days
from kefu.org.models import Department, Position, Staff, Team
from kefu.sla.models import BusinessCalendar, CalendarDay
from kefu.surveys.demo import ensure_demo_surveys
from kefu.tickets.models import Ticket
from kefu.web.demo.calendars import ensure_calendars
from kefu.web.demo.customers import ensure_customers
from kefu.web.demo.history import ensure_history, history_days
from kefu.web.demo.org import ensure_org
from kefu.web.demo.people import DEMO_PASSWORD, LOGINS, ensure_people
from kefu.web.demo.tickets import ensure_tickets

__all__ = ["DEMO_PASSWORD", "LOGINS", "DemoSummary", "demo_logins", "load_demo"]

COUNTED: tuple[tuple[str, type[models.Model]], ...] = (
    ("departments", Department),
    ("teams", Team),
    ("positions", Position),
    ("users", User),
    ("staff", Staff),
    ("customers", Customer),
    ("stored items", StoredItem),
    ("business calendars", BusinessCalendar),
    ("calendar days", CalendarDay),
    ("work orders", Ticket),
    ("knowledge articles", Article),
    ("callback tasks", CallbackTask),
)


@dataclass(frozen=True)
class DemoSummary:
    """Rows before and after, per kind."""

    counts: dict[str, tuple[int, int]]

    @property
    def created(self) -> dict[str, int]:
        return {name: after - before for name, (before, after) in self.counts.items()}

    @property
    def changed_anything(self) -> bool:
        return any(self.created.values())


def _counts() -> dict[str, int]:
    return {name: model._default_manager.count() for name, model in COUNTED}


def load_demo(*, today: date | None = None) -> DemoSummary:
    """Create whatever part of the demo service center is missing, in one transaction."""
    day = today or clock_today()
    with transaction.atomic():
        before = _counts()
        org = ensure_org()
        people = ensure_people(org, today=day)
        ensure_customers(today=day, users=people.users, actor=people.users.get("admin"))
        ensure_calendars(today=day, actor=None)
        ensure_tickets(users=people.users)
        if ensure_history(users=people.users, today=day):
            rollup_days(day - timedelta(days=history_days() + 1), day + timedelta(days=1))
        ensure_demo_articles(people.users.get("admin"))
        ensure_demo_callbacks(people.users)
        ensure_demo_surveys(people.users.get("manager"))
        after = _counts()
        summary = DemoSummary({name: (before[name], after[name]) for name in before})
        if summary.changed_anything:
            record(
                actor=None,
                action=AuditAction.IMPORT,
                object_type="demo",
                object_repr="演示数据 (kefu demo)",
                changes={name: [b, a] for name, (b, a) in summary.counts.items() if a != b},
            )
    return summary


def demo_logins() -> list[tuple[str, str, str, bool]]:
    """(username, role, display name, still has the demo password) of each demo login."""
    users = {u.username: u for u in User.objects.filter(username__in=[x.username for x in LOGINS])}
    rows = []
    for login in LOGINS:
        user = users.get(login.username)
        if user is not None:
            rows.append((user.username, login.role, str(user), user.check_password(DEMO_PASSWORD)))
    return rows

"""Care rules (回访规则): what each kind picks, idempotent runs, consent and weekdays."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.core.management import call_command

from kefu.callbacks.choices import AssigneeStrategy, RuleKind
from kefu.callbacks.models import CallbackRule, CallbackTask
from kefu.callbacks.services import run_rule, run_rules
from kefu.core import clock
from kefu.customers.models import Customer, StoredItem

from .conftest import SHANGHAI, make_customer

pytestmark = pytest.mark.django_db

WEDNESDAY = date(2026, 11, 25)
THURSDAY = date(2026, 11, 26)
FRIDAY = date(2026, 11, 27)


def rule(kind: str, **extra) -> CallbackRule:
    return CallbackRule.objects.create(
        name=extra.pop("name", kind), kind=kind, updated_at=clock.now(), **extra
    )


def tasks_of(r: CallbackRule) -> list[CallbackTask]:
    return list(CallbackTask.objects.filter(rule=r).order_by("customer_id"))


def test_birthdays_of_the_coming_week_run_only_on_wednesday_and_thursday(cast):
    fan = make_customer(cast, "生日客户", "13800000001", birthday=date(1990, 12, 1),
                        marketing_consent=True)  # fmt: skip
    make_customer(cast, "下月生日", "13800000002", birthday=date(1990, 12, 20),
                  marketing_consent=True)  # fmt: skip
    birthdays = rule(RuleKind.BIRTHDAY, days=7, weekdays=[2, 3])
    assert run_rule(rule=birthdays, day=FRIDAY).ran is False
    assert run_rule(rule=birthdays, day=date(2026, 11, 24)).ran is False  # Tuesday
    assert tasks_of(birthdays) == []
    first = run_rule(rule=birthdays, day=WEDNESDAY)  # covers 25.11 … 1.12
    assert (first.ran, first.created) == (True, 1)
    task = tasks_of(birthdays)[0]
    assert (task.customer, task.reason, task.due_on) == (fan, "birthday", WEDNESDAY)
    assert task.dedupe_key == f"rule:{birthdays.pk}:{fan.pk}:2026"
    assert "12-01" in task.note
    # Thursday's run sees the same birthday: nothing new.
    assert run_rule(rule=birthdays, day=THURSDAY).created == 0
    assert len(tasks_of(birthdays)) == 1


def test_running_the_rules_twice_creates_no_duplicates(cast):
    for n in range(5):
        make_customer(cast, f"客户{n}", f"1390000000{n}", birthday=date(1985, 11, 27),
                      marketing_consent=True, grade="A")  # fmt: skip
    rule(RuleKind.BIRTHDAY, days=7)
    rule(RuleKind.PERIODIC)
    first = run_rules(day=WEDNESDAY)
    count = CallbackTask.objects.count()
    assert sum(r.created for r in first) == count == 10
    second = run_rules(day=WEDNESDAY)
    assert sum(r.created for r in second) == 0
    assert CallbackTask.objects.count() == count


def test_care_rules_honour_consent_but_a_callback_after_a_complaint_does_not(cast):
    make_customer(cast, "不同意", "13700000001", birthday=date(1990, 11, 26), member_number="M1",
                  member_day=25, marketing_consent=False)  # fmt: skip
    yes = make_customer(cast, "同意", "13700000002", birthday=date(1990, 11, 26),
                        member_number="M2", member_day=25, marketing_consent=True)  # fmt: skip
    for kind in (RuleKind.BIRTHDAY, RuleKind.MEMBER_DAY):
        r = rule(kind, days=2)
        run_rule(rule=r, day=WEDNESDAY)
        assert [t.customer for t in tasks_of(r)] == [yes], kind
    Customer.objects.update(created_at=datetime(2025, 1, 1, tzinfo=SHANGHAI))
    dormant = rule(RuleKind.DORMANT, days=90)
    run_rule(rule=dormant, day=WEDNESDAY)
    assert [t.customer for t in tasks_of(dormant)] == [yes]


def test_a_callback_after_closing_ignores_consent(cast, customer):
    from kefu.tickets.models import Ticket

    from .conftest import open_complaint

    assert customer.marketing_consent is False
    ticket = open_complaint(cast, customer)
    closed_at = datetime(2026, 11, 18, 15, 0, tzinfo=SHANGHAI)
    Ticket.objects.filter(pk=ticket.pk).update(
        status_category="closed", state="archived", closed_at=closed_at, assignee=cast.agent
    )
    after = rule(RuleKind.AFTER_CLOSE, days=7, type_codes=["complaint"])
    assert run_rule(rule=after, day=date(2026, 11, 24)).created == 0  # 6 days after
    assert run_rule(rule=after, day=WEDNESDAY).created == 1  # 7 days after
    task = tasks_of(after)[0]
    assert (task.ticket_id, task.reason, task.assignee) == (ticket.pk, "after_close", cast.agent)
    assert run_rule(rule=after, day=THURSDAY).created == 0  # same closing: same key


def test_periodic_care_follows_the_grade_interval(cast):
    a = make_customer(cast, "A客户", "13600000001", grade="A", marketing_consent=True)
    b = make_customer(cast, "B客户", "13600000002", grade="B", marketing_consent=True)
    c = make_customer(cast, "C客户", "13600000003", grade="C", marketing_consent=True)
    periodic = rule(RuleKind.PERIODIC)  # A 30, B 90, C 180 days
    start = date(2026, 1, 5)

    def runs(days_later: int) -> set[int]:
        day = start + timedelta(days=days_later)
        run_rule(rule=periodic, day=day)
        return {t.customer_id for t in CallbackTask.objects.filter(rule=periodic, due_on=day)}

    assert runs(0) == {a.pk, b.pk, c.pk}
    assert runs(10) == set()
    assert runs(30) == {a.pk}
    assert runs(60) == {a.pk}
    assert runs(90) == {a.pk, b.pk}
    assert runs(179) == {a.pk}
    assert runs(180) == {b.pk, c.pk}  # C half-yearly; A was called yesterday


def test_a_daily_limit_spreads_the_work_and_team_agents_take_turns(cast):
    from kefu.accounts.services import create_user
    from kefu.org.models import Staff

    second = create_user(actor=None, username="agent2", password="x" * 12, roles=["agent"])
    Staff.objects.create(user=second, employee_number="T900", name="二号", department=cast.service,
                         team=cast.call_center)  # fmt: skip
    for n in range(5):
        make_customer(cast, f"A{n}", f"1350000000{n}", grade="A", marketing_consent=True)
    periodic = rule(RuleKind.PERIODIC, daily_limit=3, team=cast.call_center,
                    assignee_strategy=AssigneeStrategy.TEAM)  # fmt: skip
    assert run_rule(rule=periodic, day=WEDNESDAY).created == 3
    assert run_rule(rule=periodic, day=THURSDAY).created == 2
    assignees = [t.assignee for t in CallbackTask.objects.filter(rule=periodic).order_by("id")]
    # Everyone of the call-center team who makes callbacks, in turn.
    assert {u.username for u in assignees if u is not None} >= {"agent", "agent2"}
    assert all(assignees[i] != assignees[i + 1] for i in range(len(assignees) - 1))


def test_the_owner_gets_the_task_before_the_team(cast):
    owned = make_customer(cast, "有经理", "13400000001", grade="A", marketing_consent=True,
                          owner=cast.supervisor)  # fmt: skip
    unowned = make_customer(cast, "无经理", "13400000002", grade="A", marketing_consent=True)
    periodic = rule(RuleKind.PERIODIC)  # owner strategy, no team
    run_rule(rule=periodic, day=WEDNESDAY)
    by_customer = {t.customer_id: t.assignee for t in tasks_of(periodic)}
    assert by_customer == {owned.pk: cast.supervisor, unowned.pk: None}


def test_stored_items_about_to_expire_are_grouped_per_customer(cast, customer):
    for name, days in (("轩尼诗", 3), ("芝华士", 5), ("远期", 40)):
        StoredItem.objects.create(customer=customer, name=name, stored_on=date(2026, 1, 1),
                                  expires_on=WEDNESDAY + timedelta(days=days))  # fmt: skip
    stored = rule(RuleKind.STORED_ITEM, days=7)
    assert run_rule(rule=stored, day=WEDNESDAY).created == 1
    task = tasks_of(stored)[0]
    assert "轩尼诗" in task.note
    assert "芝华士" in task.note
    assert "远期" not in task.note
    # The open task holds the customer: the next day adds nothing.
    assert run_rule(rule=stored, day=THURSDAY).created == 0


def test_member_day_today_or_tomorrow_for_current_members_only(cast):
    today = make_customer(cast, "今天", "13300000001", member_number="M1", member_day=25,
                          marketing_consent=True)  # fmt: skip
    tomorrow = make_customer(cast, "明天", "13300000002", member_number="M2", member_day=26,
                             marketing_consent=True)  # fmt: skip
    make_customer(cast, "后天", "13300000003", member_number="M3", member_day=27,
                  marketing_consent=True)  # fmt: skip
    make_customer(cast, "过期", "13300000004", member_number="M4", member_day=25,
                  member_expires_on=date(2026, 1, 1), marketing_consent=True)  # fmt: skip
    members = rule(RuleKind.MEMBER_DAY, days=2)
    run_rule(rule=members, day=WEDNESDAY)
    assert {t.customer for t in tasks_of(members)} == {today, tomorrow}


def test_dormant_customers_have_no_recent_work_order_or_callback(cast):
    from .conftest import open_complaint

    quiet = make_customer(cast, "沉睡", "13200000001", marketing_consent=True)
    busy = make_customer(cast, "活跃", "13200000002", marketing_consent=True)
    Customer.objects.update(created_at=datetime(2025, 1, 1, tzinfo=SHANGHAI))
    open_complaint(cast, busy)
    dormant = rule(RuleKind.DORMANT, days=90)
    run_rule(rule=dormant, day=date.today())
    assert [t.customer for t in tasks_of(dormant)] == [quiet]


def test_inactive_rules_and_the_ticket_rule_create_nothing(cast):
    make_customer(cast, "A", "13100000001", grade="A", marketing_consent=True)
    rule(RuleKind.PERIODIC, is_active=False)
    rule(RuleKind.TICKET)
    assert all(not r.ran for r in run_rules(day=WEDNESDAY)) or not CallbackTask.objects.exists()
    assert CallbackTask.objects.count() == 0


def test_the_command_runs_the_rules_for_a_date(cast, capsys):
    make_customer(cast, "生日", "13000000001", birthday=date(1990, 11, 26), marketing_consent=True)
    birthdays = rule(RuleKind.BIRTHDAY, days=7, weekdays=[2, 3])
    call_command("callbacks", "run-rules", "--date", "2026-11-25")
    call_command("callbacks", "run-rules", "--date", "2026-11-25")
    out = capsys.readouterr().out
    first, second = out.strip().split("\n2026-11-25: 1 tasks created\n")
    assert first == "birthday: created 1, already there 0"
    assert second.startswith("birthday: created 0")
    assert len(tasks_of(birthdays)) == 1


def test_the_daily_job_runs_todays_rules(cast):
    from kefu.callbacks.days import local_today
    from kefu.callbacks.tasks import run_todays_rules

    make_customer(cast, "A", "13100000009", grade="A", marketing_consent=True)
    rule(RuleKind.PERIODIC)
    assert run_todays_rules() == 1
    assert run_todays_rules() == 0
    assert CallbackTask.objects.get().due_on == local_today()

"""Grades (客户等级): manual overrides with reasons and history, rules, the recompute."""

from decimal import Decimal

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.customers.models import Customer, GradeChange, GradeRule
from kefu.customers.services import (
    clear_grade_override,
    override_grade,
    recompute_grades,
    update_grade_rules,
)
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401


def test_a_manual_override_needs_a_reason_and_writes_nothing_without_one(cast):
    customer = CustomerFactory.create(grade="C")
    with pytest.raises(ValidationFailed) as caught:
        override_grade(actor=cast.manager, customer=customer, grade="A", reason="  ")
    assert list(caught.value.fields) == ["reason"]
    customer.refresh_from_db()
    assert (customer.grade, customer.grade_is_manual) == ("C", False)
    assert not GradeChange.objects.exists()


def test_an_agent_may_not_override_a_grade(cast):
    with pytest.raises(NotPermitted):
        override_grade(
            actor=cast.agent, customer=CustomerFactory.create(), grade="A", reason="老板的朋友"
        )


def test_a_manual_override_is_kept_in_the_history_with_its_reason_and_actor(cast):
    customer = CustomerFactory.create(grade="C")
    updated = override_grade(actor=cast.manager, customer=customer, grade="A", reason="董事长亲友")
    assert (updated.grade, updated.grade_is_manual) == ("A", True)
    change = GradeChange.objects.get(customer=customer)
    assert (change.from_grade, change.to_grade, change.is_manual) == ("C", "A", True)
    assert (change.reason, change.actor) == ("董事长亲友", cast.manager)
    entry = AuditEntry.objects.get(object_id=str(customer.pk), action="update")
    assert entry.reason == "董事长亲友"
    assert entry.changes["grade"] == ["C", "A"]


def test_an_unknown_grade_is_refused(cast):
    with pytest.raises(ValidationFailed) as caught:
        override_grade(actor=cast.manager, customer=CustomerFactory.create(), grade="S", reason="x")
    assert list(caught.value.fields) == ["grade"]


def test_clearing_an_override_hands_the_grade_back_to_the_rules(cast):
    customer = CustomerFactory.create(grade="C", spend_12m=Decimal("4000"), visits_12m=5)
    override_grade(actor=cast.manager, customer=customer, grade="A", reason="试用")
    cleared = clear_grade_override(actor=cast.manager, customer=customer, reason="试用结束")
    assert (cleared.grade, cleared.grade_is_manual) == ("B", False)
    history = list(
        GradeChange.objects.filter(customer=customer)
        .order_by("id")
        .values_list("to_grade", "is_manual", "reason")
    )
    assert history == [("A", True, "试用"), ("B", False, "试用结束")]


def test_recompute_changes_computed_grades_and_skips_manual_overrides(cast):
    rising = CustomerFactory.create(grade="C", spend_12m=Decimal("20000"), visits_12m=20)
    steady = CustomerFactory.create(grade="B", spend_12m=Decimal("3000"), visits_12m=4)
    locked = CustomerFactory.create(
        grade="C", grade_is_manual=True, spend_12m=Decimal("20000"), visits_12m=20
    )
    merged_away = CustomerFactory.create(
        grade="C", is_active=False, spend_12m=Decimal("20000"), visits_12m=20
    )
    assert recompute_grades() == 1
    grades = dict(Customer.objects.values_list("pk", "grade"))
    assert grades == {rising.pk: "A", steady.pk: "B", locked.pk: "C", merged_away.pk: "C"}
    change = GradeChange.objects.get()
    assert (change.customer_id, change.from_grade, change.to_grade) == (rising.pk, "C", "A")
    assert AuditEntry.objects.filter(action="update", changes__changed=1).count() == 1


def test_recompute_with_nothing_to_change_writes_nothing(cast):
    CustomerFactory.create(grade="C")
    assert recompute_grades() == 0
    assert not AuditEntry.objects.filter(object_type="customers.customer").exists()
    assert not GradeChange.objects.exists()


def test_new_rules_are_saved_audited_and_used_by_the_next_recompute(cast):
    customer = CustomerFactory.create(grade="C", spend_12m=Decimal("1000"), visits_12m=2)
    update_grade_rules(actor=cast.manager, thresholds={"B": (Decimal("800"), 2)})
    rule = GradeRule.objects.get(grade="B")
    assert (rule.min_spend_12m, rule.min_visits_12m) == (Decimal("800"), 2)
    entry = AuditEntry.objects.get(object_type="customers.graderule")
    assert entry.changes == {"B": [["3000.00", 4], ["800", 2]]}
    assert recompute_grades() == 1
    customer.refresh_from_db()
    assert customer.grade == "B"


def test_rules_where_a_lower_grade_asks_for_more_are_refused(cast):
    with pytest.raises(ValidationFailed) as caught:
        update_grade_rules(actor=cast.manager, thresholds={"B": (Decimal("20000"), 4)})
    assert set(caught.value.fields) == {"A", "B"}
    assert GradeRule.objects.get(grade="B").min_spend_12m == Decimal("3000")


def test_an_agent_may_not_change_the_rules(cast):
    with pytest.raises(NotPermitted):
        update_grade_rules(actor=cast.agent, thresholds={"B": (Decimal("1"), 1)})

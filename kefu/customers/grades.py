"""Customer grades (客户等级): applying the grade rules, manual overrides with a reason, the
rules themselves and the nightly recompute. Re-exported by ``kefu.customers.services``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record
from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.customers import grading
from kefu.customers.auditing import customer_snapshot, require_permission
from kefu.customers.grading import Threshold
from kefu.customers.models import Customer, GradeChange, GradeRule

RECOMPUTE_CHUNK = 500


def grade_thresholds() -> list[Threshold]:
    """The configured grade rules as plain thresholds."""
    return [
        Threshold(grade=r.grade, min_spend=r.min_spend_12m, min_visits=r.min_visits_12m)
        for r in GradeRule.objects.all()
    ]


def computed_grade(customer: Customer, thresholds: list[Threshold]) -> str:
    return grading.compute_grade(
        spend=Decimal(customer.spend_12m), visits=customer.visits_12m, thresholds=thresholds
    )


def change_grade(
    *,
    customer: Customer,
    to_grade: str,
    actor: Any,
    is_manual: bool,
    reason: str,
    at: datetime,
    from_grade: str | None = None,
) -> GradeChange:
    """Set ``customer.grade`` (the caller saves the customer) and append its history row.

    ``from_grade`` defaults to the customer's current grade; "" for a new customer.
    """
    change = GradeChange.objects.create(
        customer=customer,
        from_grade=customer.grade if from_grade is None else from_grade,
        to_grade=to_grade,
        is_manual=is_manual,
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        at=at,
    )
    customer.grade = to_grade
    return change


def apply_grade_rules(
    *, customer: Customer, actor: Any, at: datetime, thresholds: list[Threshold] | None = None
) -> GradeChange | None:
    """Recompute a saved customer's grade unless it is set by hand; history row on change."""
    if customer.grade_is_manual:
        return None
    grade = computed_grade(customer, grade_thresholds() if thresholds is None else thresholds)
    if grade == customer.grade:
        return None
    return change_grade(
        customer=customer, to_grade=grade, actor=actor, is_manual=False, reason="", at=at
    )


def _reason_and_grade_errors(reason: str, grade: str | None = None) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if grade is not None and grade not in grading.GRADES:
        errors["grade"] = [_("Choose grade A, B or C.")]
    if not (reason or "").strip():
        errors["reason"] = [_("Give a reason.")]
    return errors


def override_grade(*, actor: Any, customer: Customer, grade: str, reason: str) -> Customer:
    """Set the grade by hand (人工调整等级); the rules leave it alone until the override is
    cleared. The reason is kept in the grade history."""
    return _set_grade(actor=actor, customer=customer, grade=grade, reason=reason)


def clear_grade_override(*, actor: Any, customer: Customer, reason: str) -> Customer:
    """Hand the grade back to the rules; the history keeps the override and this step."""
    return _set_grade(actor=actor, customer=customer, grade=None, reason=reason)


def _set_grade(*, actor: Any, customer: Customer, grade: str | None, reason: str) -> Customer:
    """Override the grade with ``grade``, or (None) give it back to the rules; audited."""
    require_permission(actor, "customers.override_grade")
    errors = _reason_and_grade_errors(reason, grade)
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), fields=errors)
    is_manual = grade is not None
    with transaction.atomic():
        fresh = Customer.objects.select_for_update().get(pk=customer.pk)
        before = customer_snapshot(fresh, with_tags=False)
        at = now()
        change_grade(
            customer=fresh,
            to_grade=grade if grade is not None else computed_grade(fresh, grade_thresholds()),
            actor=actor,
            is_manual=is_manual,
            # As before: the history keeps an override's reason as given, a clearing's stripped.
            reason=reason if is_manual else reason.strip(),
            at=at,
        )
        fresh.grade_is_manual = is_manual
        fresh.updated_at = at
        fresh.save(update_fields=["grade", "grade_is_manual", "updated_at"])
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=fresh,
            changes=diff(before, customer_snapshot(fresh, with_tags=False)),
            reason=reason.strip(),
        )
    return fresh


def _problem_message(problem: str) -> str:
    if problem == grading.UNKNOWN_GRADE:
        return _("Unknown grade.")
    if problem == grading.NEGATIVE:
        return _("Thresholds cannot be negative.")
    return _("A higher grade cannot need less spend or fewer visits than a lower one.")


def update_grade_rules(*, actor: Any, thresholds: Mapping[str, tuple[Decimal, int]]) -> None:
    """Change the spend/visit thresholds of some or all grades (field errors keyed by grade).

    Grades follow at the next recompute, which is queued as soon as the change is saved.
    """
    require_permission(actor, "customers.change_graderule")
    given: dict[str, tuple[Decimal, int]] = {}
    errors: dict[str, list[str]] = {}
    for grade, pair in thresholds.items():
        try:
            spend, visits = pair
            given[grade] = (Decimal(str(spend)), int(visits))
        except (TypeError, ValueError, InvalidOperation):
            errors[grade] = [_("Enter an amount and a number of visits.")]
    with transaction.atomic():
        rules = {rule.grade: rule for rule in GradeRule.objects.select_for_update()}
        current = {g: (r.min_spend_12m, r.min_visits_12m) for g, r in rules.items()}
        for grade, problem in grading.threshold_problems({**current, **given}).items():
            errors.setdefault(grade, []).append(_problem_message(problem))
        if errors:
            raise ValidationFailed(_("Check the highlighted fields."), fields=errors)
        changes: dict[str, list[Any]] = {}
        for grade, (spend, visits) in given.items():
            old = current.get(grade)
            if old == (spend, visits):
                continue
            GradeRule.objects.update_or_create(
                grade=grade, defaults={"min_spend_12m": spend, "min_visits_12m": visits}
            )
            changes[grade] = [list(old) if old else None, [spend, visits]]
        if not changes:
            return
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            object_type=GradeRule._meta.label_lower,
            object_repr=str(_("Grade rules")),
            changes=changes,
        )
        transaction.on_commit(_queue_recompute)


def _queue_recompute() -> None:
    from kefu.customers.tasks import recompute_grades_soon

    recompute_grades_soon()


def recompute_grades(*, actor: Any = None) -> int:
    """Apply the grade rules to every active customer whose grade is not set by hand.

    Returns how many grades changed; each change gets a history row, the run one audit row.
    """
    thresholds = grade_thresholds()
    at = now()
    with transaction.atomic():
        rows = (
            Customer.objects.filter(is_active=True, grade_is_manual=False)
            .order_by()
            .values_list("pk", "grade", "spend_12m", "visits_12m")
        )
        moves: dict[str, list[int]] = {grade: [] for grade in grading.GRADES}
        history: list[GradeChange] = []
        for pk, grade, spend, visits in rows.iterator(chunk_size=5000):
            new = grading.compute_grade(spend=spend, visits=visits, thresholds=thresholds)
            if new != grade:
                moves[new].append(pk)
                history.append(
                    GradeChange(customer_id=pk, from_grade=grade, to_grade=new, reason="", at=at)
                )
        for grade, ids in moves.items():
            for start in range(0, len(ids), RECOMPUTE_CHUNK):
                Customer.objects.filter(pk__in=ids[start : start + RECOMPUTE_CHUNK]).update(
                    grade=grade, updated_at=at
                )
        GradeChange.objects.bulk_create(history, batch_size=RECOMPUTE_CHUNK)
        if history:
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                object_type=Customer._meta.label_lower,
                object_repr=str(_("Grade recompute")),
                changes={"changed": len(history), "to": {g: len(i) for g, i in moves.items()}},
            )
    return len(history)

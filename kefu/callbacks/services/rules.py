"""Keeping the care rules (维护回访规则) and the daily targets (每日目标)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.accounts.roles import ROLE_CODES
from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.callbacks.choices import AssigneeStrategy, RuleKind
from kefu.callbacks.models import CallbackRule, CallbackTarget
from kefu.core import clock
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.tickets.models import TicketType

RULE_FIELDS = (
    "name",
    "kind",
    "is_active",
    "days",
    "type_codes",
    "interval_a_days",
    "interval_b_days",
    "interval_c_days",
    "weekdays",
    "assignee_strategy",
    "team",
    "daily_limit",
    "note",
)
MAX_DAYS = 366


def _checked_rule(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {name: data[name] for name in RULE_FIELDS if name in data}
    errors: dict[str, list[str]] = {}
    values["name"] = str(values.get("name") or "").strip()
    if not values["name"]:
        errors["name"] = [_("Give the rule a name.")]
    if values.get("kind") not in RuleKind.values:
        errors["kind"] = [_("Choose the kind of rule.")]
    for name in ("days", "interval_a_days", "interval_b_days", "interval_c_days"):
        value = values.get(name, 0)
        if not isinstance(value, int) or not 0 <= value <= MAX_DAYS:
            errors[name] = [_("Enter a number of days from 0 to 366.")]
    if values.get("kind") in (RuleKind.BIRTHDAY, RuleKind.MEMBER_DAY) and not values.get("days"):
        errors["days"] = [_("Cover at least one day.")]
    weekdays = sorted({int(d) for d in values.get("weekdays") or []})
    if any(not 0 <= d <= 6 for d in weekdays):
        errors["weekdays"] = [_("Choose days of the week.")]
    values["weekdays"] = weekdays
    codes = sorted({str(c) for c in values.get("type_codes") or []})
    known = set(TicketType.objects.filter(code__in=codes).values_list("code", flat=True))
    if set(codes) - known:
        errors["type_codes"] = [_("Choose existing work order types.")]
    values["type_codes"] = codes
    strategy = values.get("assignee_strategy", AssigneeStrategy.OWNER)
    if strategy not in AssigneeStrategy.values:
        errors["assignee_strategy"] = [_("Choose how tasks are assigned.")]
    if strategy == AssigneeStrategy.TEAM and values.get("team") is None:
        errors["team"] = [_("Choose the team whose agents take turns.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return values


def save_rule(
    *, actor: Any, data: Mapping[str, Any], rule: CallbackRule | None = None
) -> CallbackRule:
    """Create or change a care rule (保存回访规则)."""
    perm = "callbacks.change_callbackrule" if rule else "callbacks.add_callbackrule"
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm):
        raise NotPermitted(_("You may not change callback rules."))
    values = _checked_rule(data)
    with transaction.atomic():
        target = rule or CallbackRule()
        before = snapshot(target, RULE_FIELDS) if rule else {}
        for name, value in values.items():
            setattr(target, name, value)
        target.updated_at = clock.now()
        target.updated_by = actor
        target.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE if rule else AuditAction.CREATE,
            obj=target,
            changes=diff(before, snapshot(target, RULE_FIELDS)),
        )
    return target


def set_target(
    *,
    actor: Any,
    callbacks_per_day: int,
    new_customers_per_day: int,
    user: Any = None,
    role: str = "",
) -> CallbackTarget:
    """Set the daily target of a person or of a role (设置每日目标)."""
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(
        "callbacks.change_callbacktarget"
    ):
        raise NotPermitted(_("You may not change daily targets."))
    errors: dict[str, list[str]] = {}
    if (user is None) == (not role) or (role and role not in ROLE_CODES):
        errors["user"] = [_("Choose either a person or a role.")]
    for name, value in (
        ("callbacks_per_day", callbacks_per_day),
        ("new_customers_per_day", new_customers_per_day),
    ):
        if not 0 <= value <= 1000:
            errors[name] = [_("Enter a number from 0 to 1,000.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    fields = ("callbacks_per_day", "new_customers_per_day")
    with transaction.atomic():
        lookup = {"user": user} if user is not None else {"role": role}
        target = CallbackTarget.objects.select_for_update().filter(**lookup).first()
        before = snapshot(target, fields) if target else {}
        target = target or CallbackTarget(**lookup)
        target.callbacks_per_day = callbacks_per_day
        target.new_customers_per_day = new_customers_per_day
        target.updated_at = clock.now()
        target.updated_by = actor
        target.save()
        record(
            actor=actor,
            action=AuditAction.UPDATE if before else AuditAction.CREATE,
            obj=target,
            changes=diff(before, snapshot(target, fields)),
        )
    return target

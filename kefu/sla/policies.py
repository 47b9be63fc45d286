"""Writing SLA policies (服务时限标准维护): create and change, validated and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.sla.models import BusinessCalendar, SlaPolicy

# Roles an escalation may climb to, in their usual order.
ESCALATION_ROLES = ("supervisor", "manager", "senior_manager")
PRIORITIES = ("urgent", "high", "medium", "low")
GRADES = ("A", "B", "C", "D")
FIELDS = (
    "name", "ticket_type", "priority", "customer_grade", "calendar", "first_response_minutes",
    "resolve_minutes", "warn_percent", "escalate_every_minutes", "escalation_chain", "is_active",
)  # fmt: skip


def _checked(data: dict[str, Any]) -> dict[str, Any]:
    errors: dict[str, list[str]] = {}
    name = str(data.get("name", "")).strip()
    if not name:
        errors["name"] = [_("Enter a name.")]
    if data.get("priority") and data["priority"] not in PRIORITIES:
        errors["priority"] = [_("Choose a priority.")]
    if data.get("customer_grade") and data["customer_grade"] not in GRADES:
        errors["customer_grade"] = [_("Choose a customer grade.")]
    first, resolve = data.get("first_response_minutes"), data.get("resolve_minutes")
    for key, value in (("first_response_minutes", first), ("resolve_minutes", resolve)):
        if not isinstance(value, int) or value < 1 or value > 60 * 24 * 90:
            errors[key] = [_("Enter a number of minutes between 1 and 129,600 (90 days).")]
    ordered = isinstance(first, int) and isinstance(resolve, int) and resolve >= first
    if (
        not errors.get("resolve_minutes")
        and not errors.get("first_response_minutes")
        and not (ordered)
    ):
        errors["resolve_minutes"] = [_("Resolution cannot come before the first response.")]
    warn = data.get("warn_percent", 80)
    if not isinstance(warn, int) or not 1 <= warn <= 99:
        errors["warn_percent"] = [_("Enter a percentage between 1 and 99.")]
    every = data.get("escalate_every_minutes", 60)
    if not isinstance(every, int) or every < 1:
        errors["escalate_every_minutes"] = [_("Enter a number of minutes of at least 1.")]
    chain = list(data.get("escalation_chain") or [])
    if any(level not in ESCALATION_ROLES for level in chain) or len(set(chain)) != len(chain):
        errors["escalation_chain"] = [_("Choose each escalation level once.")]
    calendar = data.get("calendar")
    if calendar is not None and not isinstance(calendar, BusinessCalendar):
        errors["calendar"] = [_("Choose a business calendar.")]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return {**data, "name": name, "escalation_chain": chain}


def save_policy(*, actor: Any, policy: SlaPolicy | None, data: dict[str, Any]) -> SlaPolicy:
    """Create (``policy=None``) or change an SLA policy (保存服务时限标准). Work orders opened
    earlier keep the deadlines they were given; the new targets apply to new work orders."""
    perm = "sla.add_slapolicy" if policy is None else "sla.change_slapolicy"
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(perm):
        raise NotPermitted(_("You may not change SLA policies."))
    clean = _checked(data)
    with transaction.atomic():
        target = policy or SlaPolicy()
        before = {key: str(getattr(target, key, "")) for key in FIELDS} if policy else {}
        for key in FIELDS:
            if key in clean:
                setattr(target, key, clean[key])
        target.save()
        after = {key: str(getattr(target, key, "")) for key in FIELDS}
        changes = {
            key: [before.get(key), value]
            for key, value in after.items()
            if before.get(key) != value
        }
        record(
            actor=actor,
            action=AuditAction.CREATE if policy is None else AuditAction.UPDATE,
            obj=target,
            changes=changes,
        )
    return target

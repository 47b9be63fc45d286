"""Writes of reports (报表写操作): KPI targets and stored reports, the only writers.

``generate_report`` keeps one report per kind and period: the periodic job run twice finds the
report there and writes nothing; a manager or supervisor generating it again refreshes the
snapshot in place. Every written report is announced to the managers (console and email,
after the commit) with a link to it.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.notify.services import notify
from kefu.reports.builders import build_document
from kefu.reports.choices import Direction, ReportKind
from kefu.reports.figures import kpi_labels
from kefu.reports.models import KpiTarget, Report
from kefu.reports.periods import Period

GENERATE_PERMISSION = "reports.generate_report"
TARGET_PERMISSION = "reports.change_kpitarget"
NOTICE_ROLE = "manager"
NOTICE_KIND = "report"


def _require(actor: Any, permission: str, message: str) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(permission):
        raise NotPermitted(message)


def set_target(*, actor: Any, code: str, target: object, direction: str) -> KpiTarget:
    """Set a KPI's target (设置考核目标) and which way is better; audited."""
    _require(actor, TARGET_PERMISSION, _("You may not set KPI targets."))
    errors: dict[str, list[str]] = {}
    if code not in kpi_labels():
        errors["code"] = [_("Choose a KPI.")]
    try:
        value = Decimal(str(target).strip())
        if not value.is_finite() or abs(value) >= Decimal("1e10"):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["target"] = [_("Enter the target as a number.")]
        value = Decimal(0)
    if direction not in Direction.values:
        errors["direction"] = [_("Choose whether higher or lower is better.")]
    if errors:
        raise ValidationFailed(_("The target was not saved."), fields=errors)
    with transaction.atomic():
        existing = KpiTarget.objects.select_for_update().filter(code=code).first()
        before = (
            {"target": str(existing.target), "direction": existing.direction} if existing else {}
        )
        row, _created = KpiTarget.objects.update_or_create(
            code=code,
            defaults={
                "target": value.quantize(Decimal("0.01")),
                "direction": direction,
                "updated_at": now(),
                "updated_by": actor,
            },
        )
        after = {"target": str(row.target), "direction": row.direction}
        record(
            actor=actor,
            action=AuditAction.UPDATE if existing else AuditAction.CREATE,
            obj=row,
            changes={name: [before.get(name), new] for name, new in after.items()},
        )
    return row


def _managers() -> list[Any]:
    users = get_user_model().objects.filter(groups__name=NOTICE_ROLE, is_active=True)
    return list(users.order_by("pk"))


def _announce(report: Report) -> None:
    document = report.data
    with translation.override("zh-hans"):
        subject = _("Report ready: %(title)s") % {"title": document.get("title", "")}
        body = _("%(title)s (%(period)s) was generated. Open it in Kefu:") % {
            "title": document.get("title", ""),
            "period": document.get("period_label", ""),
        }
    notify(
        _managers(),
        kind=NOTICE_KIND,
        subject=subject,
        body=body,
        link=reverse("reports:detail", args=[report.pk]),
    )


def generate_report(*, actor: Any, kind: str, period: Period) -> tuple[Report, bool]:
    """Generate a report (生成报表) of a kind over a period; returns it and whether it was
    written. ``actor`` None is the periodic job: an existing report is left as it is. A
    manager or supervisor refreshes an existing one in place."""
    if actor is not None:
        _require(actor, GENERATE_PERMISSION, _("You may not generate reports."))
    if kind not in ReportKind.values:
        message = _("Choose a kind of report.")
        raise ValidationFailed(message, fields={"kind": [message]})
    if period.end <= period.start:
        raise ValidationFailed(_("The period is empty."))
    key = {"kind": kind, "period_start": period.start, "period_end": period.end}
    if actor is None and Report.objects.filter(**key).exists():
        return Report.objects.get(**key), False
    document = build_document(kind=kind, period=period)
    at = now()
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(**key).first()
        if report is None:
            try:
                with transaction.atomic():
                    report = Report.objects.create(
                        **key, generated_at=at, generated_by=actor, data=document
                    )
            except IntegrityError:  # another worker wrote it meanwhile
                return Report.objects.get(**key), False
            action = AuditAction.CREATE
        elif actor is None:
            return report, False
        else:
            report.generated_at, report.generated_by, report.data = at, actor, document
            report.save(update_fields=["generated_at", "generated_by", "data"])
            action = AuditAction.UPDATE
        record(
            actor=actor if actor is not None else "reports.job",
            action=action,
            obj=report,
            changes={"generated_at": [None, at.isoformat()]},
        )
        _announce(report)
    return report, True


def generate_due_reports(*, kind: str, period: Period) -> bool:
    """The periodic job's step: the report of the period unless it exists already."""
    _report, written = generate_report(actor=None, kind=kind, period=period)
    return written

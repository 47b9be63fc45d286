"""Business calendars (工作日历): working periods per weekday and the special days of a year."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.sla.choices import DayKind, DaySource, Weekday
from kefu.sla.querysets import BusinessCalendarQuerySet, CalendarDayQuerySet


def default_time_zone() -> str:
    return str(settings.TIME_ZONE)


class BusinessCalendar(models.Model):
    """Business calendar (工作日历): when the clock of a deadline runs."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=100)
    time_zone = models.CharField(_("time zone"), max_length=64, default=default_time_zone)
    is_24x7 = models.BooleanField(
        _("24×7"), default=False, help_text=_("Works around the clock, holidays included.")
    )

    objects = BusinessCalendarQuerySet.as_manager()

    class Meta:
        verbose_name = _("business calendar")
        verbose_name_plural = _("business calendars")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WorkingPeriod(models.Model):
    """Working period (工作时段): e.g. Monday 09:00–12:00; an end of 00:00 means midnight."""

    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("business calendar"),
        on_delete=models.CASCADE,
        related_name="periods",
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))

    class Meta:
        verbose_name = _("working period")
        verbose_name_plural = _("working periods")
        ordering = ["calendar", "weekday", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")) | models.Q(ends_at=time(0)),
                name="sla_period_ends_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__lte=6), name="sla_period_weekday_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.starts_at:%H:%M}–{self.ends_at:%H:%M}"


class CalendarDay(models.Model):
    """Special day (特殊日期): a statutory holiday or an adjusted working day (调休)."""

    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("business calendar"),
        on_delete=models.CASCADE,
        related_name="days",
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=20, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=100, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=DaySource.choices)

    objects = CalendarDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        ordering = ["calendar", "date"]
        constraints = [
            models.UniqueConstraint(fields=["calendar", "date"], name="sla_one_entry_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}".strip()


def default_escalation_chain() -> list[str]:
    return ["supervisor", "manager", "senior_manager"]


class SlaPolicy(models.Model):
    """SLA policy (服务时限标准): response and resolution targets for some work orders.

    Applies to a work order type × priority × customer grade (blank = any; the most specific
    policy wins, see ``kefu.sla.matching``). Targets are working minutes on the calendar
    (none = around the clock). A warning goes out at ``warn_percent`` of the time; once a
    deadline passes it escalates along ``escalation_chain`` (role codes), one level every
    ``escalate_every_minutes``.
    """

    name = models.CharField(_("name"), max_length=100)
    ticket_type = models.CharField(_("work order type"), max_length=50, blank=True)
    priority = models.CharField(_("priority"), max_length=10, blank=True)
    customer_grade = models.CharField(_("customer grade"), max_length=1, blank=True)
    calendar = models.ForeignKey(
        BusinessCalendar,
        verbose_name=_("calendar"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="policies",
        help_text=_("Empty: the clock runs around the clock."),
    )
    first_response_minutes = models.PositiveIntegerField(_("first response within (minutes)"))
    resolve_minutes = models.PositiveIntegerField(_("resolve within (minutes)"))
    warn_percent = models.PositiveSmallIntegerField(_("warn at (percent of the time)"), default=80)
    escalate_every_minutes = models.PositiveIntegerField(
        _("escalate again every (minutes)"), default=60
    )
    escalation_chain = models.JSONField(_("escalation chain"), default=default_escalation_chain)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("SLA policy")
        verbose_name_plural = _("SLA policies")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name

"""Departments, teams, positions and staff (部门、班组、岗位、员工)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.org.choices import DepartmentKind, StaffStatus
from kefu.org.querysets import (
    DepartmentQuerySet,
    PositionQuerySet,
    StaffQuerySet,
    TeamQuerySet,
)


class Department(models.Model):
    """Department (部门): a node of the tree; internal, or an external partner company."""

    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=DepartmentKind.choices, default=DepartmentKind.INTERNAL
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    obligations = models.TextField(
        _("service obligations"),
        blank=True,
        help_text=_("For partners: e.g. act on a forwarded complaint within 8 hours."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = DepartmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_partner(self) -> bool:
        return self.kind == DepartmentKind.PARTNER


class Team(models.Model):
    """Team (班组): a group inside a department (呼叫中心组, 前厅组, 投诉处理组 …)."""

    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("name"), max_length=100)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    leader = models.ForeignKey(
        "Staff",
        verbose_name=_("team leader"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = TeamQuerySet.as_manager()

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["department__name", "name"]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """Position (岗位) with its job description (岗位说明书)."""

    title = models.CharField(_("position title"), max_length=100)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="positions"
    )
    superior = models.ForeignKey(
        "self",
        verbose_name=_("superior position"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="subordinates",
    )
    headcount_quota = models.PositiveIntegerField(_("headcount quota"), default=1)
    purpose = models.TextField(_("purpose of the position"), blank=True)
    duties = models.TextField(_("duties"), blank=True)
    qualifications = models.TextField(_("qualifications"), blank=True)
    kpis = models.TextField(_("assessment KPIs"), blank=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["department__name", "title"]

    def __str__(self) -> str:
        return self.title


class Staff(models.Model):
    """Staff member (员工): a person with an employee number (工号), position and team."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    employee_number = models.CharField(_("employee number"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    department = models.ForeignKey(
        Department, verbose_name=_("department"), on_delete=models.PROTECT, related_name="staff"
    )
    team = models.ForeignKey(
        Team,
        verbose_name=_("team"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    skills = models.JSONField(_("skills"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StaffStatus.choices, default=StaffStatus.ACTIVE
    )
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    objects = StaffQuerySet.as_manager()

    class Meta:
        verbose_name = _("staff member")
        verbose_name_plural = _("staff")
        ordering = ["employee_number"]

    def __str__(self) -> str:
        return f"{self.name} ({self.employee_number})"

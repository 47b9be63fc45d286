"""Choices of the organisation (组织枚举)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    INTERNAL = "internal", _("Internal department")
    PARTNER = "partner", _("External partner")


class StaffStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ON_LEAVE = "on_leave", _("On leave")
    LEFT = "left", _("Left")

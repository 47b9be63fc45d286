"""Choices of the deadlines app (时限枚举)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("Holiday")
    WORKDAY = "workday", _("Adjusted working day")


class DaySource(models.TextChoices):
    OFFICIAL = "official", _("Official (chinese-calendar)")
    PROVISIONAL = "provisional", _("Provisional (python-holidays)")
    MANUAL = "manual", _("Entered by hand")

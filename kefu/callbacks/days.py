"""Local days (本地日期): today and a day's bounds in the site's time zone, from the clock."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kefu.core import clock


def local_today() -> dt.date:
    """Today in the site's time zone (Asia/Shanghai by default), from the pinned clock."""
    return timezone.localdate(clock.now())


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """Start of ``day`` and start of the next day, as aware local times."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    return start, timezone.make_aware(dt.datetime.combine(day + dt.timedelta(days=1), dt.time()))

"""Background jobs of the KPIs (考核指标后台任务): keep the daily rollups up to date.

Every 10 minutes yesterday and today are recounted (late events of the day before, such as a
breach found after midnight, land there); every night at 02:30 the last 40 days are recounted,
so a complaint resolved or a callback done weeks later reaches the day it is attributed to.
Each run replaces whole days in one transaction: running twice changes nothing.
"""

from __future__ import annotations

import datetime as dt

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from kefu.core.clock import today
from kefu.kpis.rollup import rollup_days

SETTLE_DAYS = 40


def roll_up_recent(days_back: int = 1) -> int:
    """Recount the rollups from ``days_back`` days ago to today (汇总近日数据)."""
    end = today() + dt.timedelta(days=1)
    with lock_task("kpis.rollup"):
        return rollup_days(end - dt.timedelta(days=days_back + 1), end)


def roll_up_settle() -> int:
    """Recount the last ``SETTLE_DAYS`` days (夜间重算)."""
    return roll_up_recent(SETTLE_DAYS)


rollup_recent = db_periodic_task(crontab(minute="*/10"), name="kpis.rollup_recent")(roll_up_recent)
rollup_settle = db_periodic_task(crontab(minute="30", hour="2"), name="kpis.rollup_settle")(
    roll_up_settle
)

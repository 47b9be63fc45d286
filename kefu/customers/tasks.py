"""Background jobs of the customer archive (客户后台任务): large imports and grade recompute."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kefu.customers import grades
from kefu.customers.importing import run_import_job


def local_crontab(**fields: str) -> Callable[[dt.datetime], bool]:
    """``huey.crontab`` read in the site's time zone (settings.TIME_ZONE).

    Huey passes the scheduler's clock, naive UTC when HUEY["utc"] is on; a bare crontab
    would then fire "03:00" at 03:00 UTC, which is 11:00 in Shanghai.
    """
    matches = crontab(**fields)

    def validate(at: dt.datetime) -> bool:
        if settings.HUEY.get("utc", True):
            local = at.replace(tzinfo=dt.UTC).astimezone(ZoneInfo(settings.TIME_ZONE))
            at = local.replace(tzinfo=None)
        return bool(matches(at))

    return validate


def import_file(job_id: int) -> None:
    """Check and import an uploaded customer file (``ImportJob``)."""
    run_import_job(job_id)


def recompute_all_grades() -> int:
    """Apply the grade rules to every customer whose grade is not set by hand."""
    return grades.recompute_grades(actor=None)


# Calling a task enqueues it; ``.call_local(...)`` runs it here.
run_import = db_task(name="customers.run_import")(import_file)
recompute_grades = db_periodic_task(
    local_crontab(minute="0", hour="3"), name="customers.recompute_grades"
)(recompute_all_grades)
recompute_grades_soon = db_task(name="customers.recompute_grades_soon")(recompute_all_grades)

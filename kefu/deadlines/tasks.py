"""Background jobs of deadlines (时限后台任务): the watcher runs every minute."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kefu.deadlines.watcher import watch


def watch_deadlines() -> int:
    """Send the warnings and escalations that are due (时限预警与升级)."""
    return watch()


check_deadlines = db_periodic_task(crontab(minute="*"), name="deadlines.watch")(watch_deadlines)

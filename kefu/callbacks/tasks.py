"""Background jobs of callbacks and care (回访后台任务): the daily run of the care rules."""

from __future__ import annotations

from huey.contrib.djhuey import db_periodic_task

from kefu.callbacks.days import local_today
from kefu.callbacks.services import run_rules
from kefu.customers.tasks import local_crontab


def run_todays_rules() -> int:
    """Run every active care rule for today (local time); returns the tasks created."""
    return sum(run.created for run in run_rules(day=local_today()))


# Early in the morning (06:10 local time), before the first shift opens the workbench.
run_care_rules = db_periodic_task(
    local_crontab(minute="10", hour="6"), name="callbacks.run_care_rules"
)(run_todays_rules)

"""Background jobs of messaging (消息后台任务): send queued deliveries, every minute too."""

from __future__ import annotations

import datetime as dt

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from kefu.core.clock import now
from kefu.messaging import ratelimit
from kefu.messaging.sending import dispatch, fail_stuck


def send_due(channel: str | None = None) -> int:
    """Send the due deliveries of ``channel`` (or all channels)."""
    return dispatch(channel)


def minute_sweep() -> int:
    """Every minute: fail stuck sends, forget old windows, send what is due."""
    fail_stuck()
    ratelimit.prune(now() - dt.timedelta(days=1))
    return dispatch()


# Calling a task enqueues it; ``.call_local(...)`` runs it here.
send_queued = db_task(name="messaging.send_queued")(send_due)
sweep = db_periodic_task(crontab(minute="*"), name="messaging.sweep")(minute_sweep)

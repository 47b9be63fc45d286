"""Background jobs of notifications (通知后台任务): retry emails that are still pending."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from kefu.notify.services import send_pending_emails

send_emails = db_periodic_task(crontab(minute="*/5"), name="notify.send_emails")(
    send_pending_emails
)

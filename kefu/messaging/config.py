"""Settings of messaging (消息发送的设置), read from Django settings, then the environment.

KEFU_SMS_BACKEND       "log" (default: the message is written to the log) or "http"
KEFU_SMS_URL           the HTTP gateway's URL; it receives POST JSON {"to", "text"}
KEFU_SMS_TOKEN         sent as "Authorization: Bearer <token>" when set
KEFU_SMS_PER_MINUTE    at most this many SMS handed to the gateway per minute (default 60)
KEFU_EMAIL_PER_MINUTE  at most this many emails handed to the SMTP server per minute (default 60)
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings

DEFAULT_PER_MINUTE = 60


def setting(name: str, default: Any = "") -> Any:
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name, default)
    return value


def per_minute(channel: str) -> int:
    """The channel's per-minute limit (at least 1)."""
    raw = setting(f"KEFU_{channel.upper()}_PER_MINUTE", DEFAULT_PER_MINUTE)
    try:
        return max(1, int(raw))
    except (TypeError, ValueError):
        return DEFAULT_PER_MINUTE


def sms_backend() -> str:
    return str(setting("KEFU_SMS_BACKEND", "log") or "log").strip().lower()

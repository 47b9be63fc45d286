"""Template context (通知数): the signed-in user's unread notification count for the shell."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kefu.notify.models import Notification


def unread_notifications(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": Notification.objects.visible_to(user).unread().count()}

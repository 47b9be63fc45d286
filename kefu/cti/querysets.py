"""Reads of phone calls (通话查询): data scope, screen pop candidates."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db import models

from kefu.cti.lifecycle import LIVE, CallState

if TYPE_CHECKING:
    from kefu.cti.models import Call  # noqa: F401


class CallQuerySet(models.QuerySet["Call"]):
    def visible_to(self, user: Any) -> CallQuerySet:
        """Data scope (数据范围): supervisors and managers (``view_all_calls``) see every call;
        an agent their own calls and the unassigned ones still ringing; everyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm("cti.view_call"):
            return self.none()
        if user.has_perm("cti.view_all_calls"):
            return self
        return self.filter(self._unassigned_ringing() | models.Q(agent=user))

    @staticmethod
    def _unassigned_ringing() -> models.Q:
        return models.Q(agent__isnull=True, state=CallState.RINGING.value)

    def live_for(self, user: Any, *, since: dt.datetime) -> CallQuerySet:
        """Calls to pop up for ``user`` (弹屏): ringing or answered at their extension, or
        ringing unassigned (a queue call), with activity since ``since``; newest first."""
        mine = models.Q(agent=user, state__in=[s.value for s in LIVE])
        return self.filter(mine | self._unassigned_ringing(), last_event_at__gte=since).order_by(
            "-started_at", "-id"
        )

    def just_ended_for(self, user: Any, *, since: dt.datetime) -> CallQuerySet:
        """The user's calls that ended since ``since`` and opened no work order yet."""
        return self.filter(
            agent=user,
            state__in=[CallState.ENDED.value, CallState.MISSED.value],
            ticket__isnull=True,
            last_event_at__gte=since,
        ).order_by("-last_event_at", "-id")

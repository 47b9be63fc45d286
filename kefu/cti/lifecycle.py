"""Call lifecycle (通话状态): a call's state and talk time from its event times. Pure.

Events may arrive late, twice or out of order (ended before answered): the state is derived
from which times are known, never from the order they came in, so any order ends the same.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum


class CallState(StrEnum):
    """Call state (通话状态)."""

    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"
    MISSED = "missed"


class CallEvent(StrEnum):
    """Call event (通话事件) reported by the CTI system."""

    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"


# Calls a screen pop shows as live; ended and missed ones are over.
LIVE: frozenset[CallState] = frozenset({CallState.RINGING, CallState.ANSWERED})


def state_of(*, answered_at: dt.datetime | None, ended_at: dt.datetime | None) -> CallState:
    """Ended (or missed, if never answered) once it ended; answered once answered; else ringing."""
    if ended_at is not None:
        return CallState.ENDED if answered_at is not None else CallState.MISSED
    if answered_at is not None:
        return CallState.ANSWERED
    return CallState.RINGING


def talk_seconds(*, answered_at: dt.datetime | None, ended_at: dt.datetime | None) -> int | None:
    """Talk time (通话时长) in whole seconds from answer to end; None until both are known or
    when the times contradict each other (an end before the answer)."""
    if answered_at is None or ended_at is None or ended_at < answered_at:
        return None
    return int((ended_at - answered_at).total_seconds())


def first_time(*times: dt.datetime | None) -> dt.datetime | None:
    """The earliest known time: when the call started as far as the events tell."""
    known = [t for t in times if t is not None]
    return min(known) if known else None


def last_time(*times: dt.datetime | None) -> dt.datetime | None:
    """The latest known time: the call's last activity."""
    known = [t for t in times if t is not None]
    return max(known) if known else None

"""Choices of phone calls (通话枚举): call states and the work order types a call may open."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.cti.lifecycle import CallState


class State(models.TextChoices):
    """Call state (通话状态) as model choices; values are ``CallState``'s."""

    RINGING = CallState.RINGING.value, _("Ringing")
    ANSWERED = CallState.ANSWERED.value, _("Answered")
    ENDED = CallState.ENDED.value, _("Ended")
    MISSED = CallState.MISSED.value, _("Missed")


# Work order types a call turns into with one click (咨询 / 投诉 / 报修).
TICKET_TYPES: tuple[str, ...] = ("consultation", "complaint", "repair")

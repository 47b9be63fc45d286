"""Phone calls API (来电接口) at /api/v1/cti: the CTI/PBX webhook.

``POST /api/v1/cti/calls`` takes one event of one call (ringing, answered, ended). The caller
is the CTI system account: ``cti.add_call`` granted to the account itself (``kefu cti_account``);
an administrator's implicit superuser permissions do not count (403). A retried delivery
returns the same call and changes nothing (``changed`` is false).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from pydantic import StringConstraints, field_validator

from kefu.core.api import WRITE_ERRORS
from kefu.core.masking import mask_phone
from kefu.cti.models import Call
from kefu.cti.services import may_report_calls, record_call_event

router = Router()

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)]


class CallIn(Schema):
    call_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=64)]
    event: Literal["ringing", "answered", "ended"]
    caller: Text = Field(description="The caller's number, any usual format (+86 138 …).")
    extension: Text | None = Field(None, description="The agent's extension (or send callee).")
    callee: Text | None = Field(None, description="Same as extension.")
    at: datetime | None = Field(None, description="When it happened (ISO 8601); default now.")
    recording_url: Annotated[str, StringConstraints(max_length=500)] | None = None

    @field_validator("at")
    @classmethod
    def _representable_in_utc(cls, value: datetime | None) -> datetime | None:
        """A moment is stored in UTC: one that falls outside year 1–9999 there is refused."""
        if value is not None and value.tzinfo is not None:
            try:
                value.astimezone(UTC)
            except OverflowError:
                raise ValueError(_("Enter a valid date and time.")) from None
        return value


class CallOut(Schema):
    call_id: str
    state: str
    caller: str = Field(description="Masked (138****5678).")
    extension: str
    agent: str | None
    customer_id: int | None = Field(description="Set when exactly one customer has the number.")
    ringing_at: datetime | None
    answered_at: datetime | None
    ended_at: datetime | None
    duration_seconds: int | None
    recording_url: str
    ticket: str | None = Field(description="Number of the work order opened from the call.")
    changed: bool = Field(description="False when this delivery changed nothing (a retry).")


def call_out(call: Call, *, changed: bool) -> dict[str, Any]:
    return {
        "call_id": call.call_id,
        "state": call.state,
        "caller": mask_phone(call.caller),
        "extension": call.extension,
        "agent": call.agent.get_username() if call.agent else None,
        "customer_id": call.customer_id,
        "ringing_at": call.ringing_at,
        "answered_at": call.answered_at,
        "ended_at": call.ended_at,
        "duration_seconds": call.duration_seconds,
        "recording_url": call.recording_url,
        "ticket": call.ticket.number if call.ticket else None,
        "changed": changed,
    }


@router.post("/calls", response={200: CallOut, **WRITE_ERRORS}, summary="Report a call event")
def report_call(request: HttpRequest, payload: CallIn) -> dict[str, Any]:
    if not may_report_calls(request.user):
        raise PermissionDenied("cti.add_call")
    recorded = record_call_event(
        actor=request.user,
        call_id=payload.call_id,
        event=payload.event,
        caller=payload.caller,
        extension=payload.extension or payload.callee or "",
        at=payload.at,
        recording_url=payload.recording_url or "",
    )
    return call_out(recorded.call, changed=recorded.changed)

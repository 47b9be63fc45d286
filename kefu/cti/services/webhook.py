"""Recording a CTI event (记录来电事件): ringing, answered or ended, for one call id.

Idempotent per (call id, event): a retried delivery finds the event's time already stored and
changes nothing. Events are accepted in any order; the state follows from the known times
(``kefu.cti.lifecycle``). The caller is matched to a customer by normalised phone among all
active customers (the CTI account sees no customer itself); several matches choose none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.core.clock import now
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.core.masking import mask_phone
from kefu.core.phones import InvalidPhone, last4, normalize_phone
from kefu.cti import lifecycle
from kefu.cti.lifecycle import CallEvent
from kefu.cti.models import AgentExtension, Call
from kefu.cti.services.extensions import may_report_calls
from kefu.customers.models import Customer

TIME_FIELDS: dict[CallEvent, str] = {
    CallEvent.RINGING: "ringing_at",
    CallEvent.ANSWERED: "answered_at",
    CallEvent.ENDED: "ended_at",
}
AUDITED = (
    "state",
    "extension",
    "agent",
    "customer",
    "ringing_at",
    "answered_at",
    "ended_at",
    "duration_seconds",
    "recording_url",
)
CALL_ID_MAX = Call._meta.get_field("call_id").max_length or 64
EXTENSION_MAX = Call._meta.get_field("extension").max_length or 20
URL_MAX = Call._meta.get_field("recording_url").max_length or 500


@dataclass(frozen=True)
class Recorded:
    """The call as stored after an event, and whether the event changed anything."""

    call: Call
    changed: bool


@dataclass(frozen=True)
class _Report:
    call_id: str
    event: CallEvent
    caller: str
    extension: str
    at: dt.datetime
    recording_url: str


def _clean(
    *,
    call_id: str,
    event: str,
    caller: str,
    extension: str,
    at: dt.datetime | None,
    recording_url: str,
) -> _Report:
    errors: dict[str, list[str]] = {}
    call_id = (call_id or "").strip()
    if not call_id:
        errors["call_id"] = [_("This field is required.")]
    elif len(call_id) > CALL_ID_MAX:
        errors["call_id"] = [_("The text is too long.")]
    if event not in CallEvent.__members__.values():
        errors["event"] = [_("Choose one of the allowed values.")]
    normalized = ""
    try:
        normalized = normalize_phone(caller)
    except InvalidPhone:
        errors["caller"] = [_("Enter a valid phone number.")]
    else:
        if not normalized:
            errors["caller"] = [_("This field is required.")]
    extension = (extension or "").strip()
    if len(extension) > EXTENSION_MAX:
        errors["extension"] = [_("The text is too long.")]
    recording_url = (recording_url or "").strip()
    if recording_url:
        try:
            URLValidator(schemes=["http", "https"])(recording_url)
        except ValidationError:
            errors["recording_url"] = [_("Enter a valid web address.")]
        if len(recording_url) > URL_MAX:
            errors["recording_url"] = [_("The text is too long.")]
    if errors:
        raise ValidationFailed(_("Some fields are invalid."), fields=errors)
    moment = at or now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    moment = moment.astimezone(dt.UTC)  # stored and answered in UTC, whatever zone came in
    return _Report(call_id, CallEvent(event), normalized, extension, moment, recording_url)


def _agent_at(extension: str) -> Any:
    found = AgentExtension.objects.select_related("user").filter(extension=extension).first()
    return found.user if found is not None and found.user.is_active else None


def _matched_customer(phone: str) -> Customer | None:
    """The one active customer with this phone; None when there is none or several."""
    matches = list(Customer.objects.active().filter(phone=phone).order_by("id")[:2])
    return matches[0] if len(matches) == 1 else None


def _restate(call: Call) -> None:
    times = (call.ringing_at, call.answered_at, call.ended_at)
    call.state = lifecycle.state_of(answered_at=call.answered_at, ended_at=call.ended_at).value
    call.duration_seconds = lifecycle.talk_seconds(
        answered_at=call.answered_at, ended_at=call.ended_at
    )
    started, last = lifecycle.first_time(*times), lifecycle.last_time(*times)
    # One event time is always set here: the one just applied.
    assert started is not None
    assert last is not None
    call.started_at, call.last_event_at = started, last


def _apply(call: Call, report: _Report) -> None:
    """Put the event on the call (in memory): its time, extension, agent and recording."""
    setattr(call, TIME_FIELDS[report.event], report.at)
    # The extension that answers is the call's agent; before that, the first one named.
    if report.extension and (report.event == CallEvent.ANSWERED or not call.extension):
        call.extension = report.extension
        call.agent = _agent_at(report.extension)
    if report.recording_url and not call.recording_url:
        call.recording_url = report.recording_url
    if call.customer_id is None:
        call.customer = _matched_customer(call.caller)
    _restate(call)


def _audited(call: Call) -> dict[str, Any]:
    values = snapshot(call, AUDITED)
    values["caller"] = mask_phone(call.caller)
    return values


def _create(actor: Any, report: _Report) -> Call:
    call = Call(call_id=report.call_id, caller=report.caller, caller_last4=last4(report.caller))
    _apply(call, report)
    call.save()
    record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=call,
        changes={**diff({}, _audited(call)), "event": [None, report.event.value]},
    )
    return call


def _update(actor: Any, call: Call, report: _Report) -> Recorded:
    if getattr(call, TIME_FIELDS[report.event]) is not None:
        return Recorded(call, changed=False)  # a retried delivery: nothing changes
    before = _audited(call)
    _apply(call, report)
    call.save()
    record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=call,
        changes={**diff(before, _audited(call)), "event": [None, report.event.value]},
    )
    return Recorded(call, changed=True)


def record_call_event(
    *,
    actor: Any,
    call_id: str,
    event: str,
    caller: str,
    extension: str = "",
    at: dt.datetime | None = None,
    recording_url: str = "",
) -> Recorded:
    """Record one CTI event (记录来电事件) of the call ``call_id``; see the module docstring."""
    if not may_report_calls(actor):
        raise NotPermitted(_("You may not report phone calls."))
    report = _clean(
        call_id=call_id,
        event=event,
        caller=caller,
        extension=extension,
        at=at,
        recording_url=recording_url,
    )
    with transaction.atomic():
        call = Call.objects.select_for_update().filter(call_id=report.call_id).first()
        if call is None:
            try:
                with transaction.atomic():
                    return Recorded(_create(actor, report), changed=True)
            except IntegrityError:  # the same call id arrived at the same moment
                call = Call.objects.select_for_update().get(call_id=report.call_id)
        return _update(actor, call, report)

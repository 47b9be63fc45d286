"""Campaign services (活动服务): the only writers of templates and campaigns.

A campaign is edited while it is a draft; "send" fixes its segment (the customers up to the
newest one at that moment), moves it draft → sending by a conditional UPDATE (a second click
does nothing) and queues the run; the run (``run_campaign``, a Huey job) calls
``messaging.send_message`` once per customer with the key ``campaign:<id>:<customer>``, so a
resumed or repeated run never writes a second message.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.campaigns.choices import CampaignPurpose, CampaignStatus, MemberStatus
from kefu.campaigns.models import Campaign, MessageTemplate
from kefu.campaigns.personalize import personalize
from kefu.campaigns.rendering import unknown_variables
from kefu.campaigns.segments import Segment, customers_in
from kefu.core.clock import now, today
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.customers.choices import Grade
from kefu.customers.models import Tag
from kefu.messaging.choices import Channel
from kefu.messaging.services import send_message

TEMPLATE_FIELDS = ("name", "channel", "subject", "body", "is_active")
CAMPAIGN_FIELDS = (
    "name",
    "template",
    "channel",
    "purpose",
    "grades",
    "birthday_month",
    "member_status",
)
RUN_CHUNK = 200


def _require(actor: Any, perm: str) -> None:
    if actor is None or not actor.has_perm(perm):
        raise NotPermitted(_("You may not do this."))


# --- templates ---------------------------------------------------------------------------------


def _clean_template(data: Mapping[str, Any], *, current: MessageTemplate | None) -> dict[str, Any]:
    fields: dict[str, list[str]] = {}
    name = str(data.get("name", "")).strip()
    channel = str(data.get("channel", ""))
    subject = str(data.get("subject", "")).strip()
    body = str(data.get("body", "")).strip()
    taken = MessageTemplate.objects.filter(name=name)
    if current is not None:
        taken = taken.exclude(pk=current.pk)
    if not name:
        fields["name"] = [str(_("Give the template a name."))]
    elif taken.exists():
        fields["name"] = [str(_("Another template has this name."))]
    if channel not in Channel.values:
        fields["channel"] = [str(_("Unknown channel."))]
    if channel == Channel.EMAIL and not subject:
        fields["subject"] = [str(_("An email needs a subject."))]
    if not body:
        fields["body"] = [str(_("The message is empty."))]
    for key, text in (("subject", subject), ("body", body)):
        unknown = unknown_variables(text)
        if unknown:
            names = ", ".join("{" + u + "}" for u in unknown)
            fields.setdefault(key, []).append(
                str(_("Unknown variables: %(names)s.") % {"names": names})
            )
    if fields:
        raise ValidationFailed(_("The template cannot be saved."), fields=fields)
    return {
        "name": name,
        "channel": channel,
        "subject": subject[:200],
        "body": body,
        "is_active": bool(data.get("is_active", True)),
    }


def create_template(*, actor: Any, data: Mapping[str, Any]) -> MessageTemplate:
    """Create a message template (新建消息模板)."""
    _require(actor, "campaigns.add_messagetemplate")
    values = _clean_template(data, current=None)
    with transaction.atomic():
        at = now()
        template = MessageTemplate.objects.create(
            **values, created_at=at, updated_at=at, created_by=actor
        )
        record(actor=actor, action=AuditAction.CREATE, obj=template, changes=values)
    return template


def update_template(
    *, actor: Any, template: MessageTemplate, data: Mapping[str, Any]
) -> MessageTemplate:
    """Change a message template (修改消息模板); campaigns already sent keep their messages."""
    _require(actor, "campaigns.change_messagetemplate")
    values = _clean_template(data, current=template)
    with transaction.atomic():
        before = snapshot(template, TEMPLATE_FIELDS)
        for key, value in values.items():
            setattr(template, key, value)
        template.updated_at = now()
        template.save()
        changes = diff(before, snapshot(template, TEMPLATE_FIELDS))
        if changes:
            record(actor=actor, action=AuditAction.UPDATE, obj=template, changes=changes)
    return template


# --- campaigns ---------------------------------------------------------------------------------


def _clean_campaign(data: Mapping[str, Any]) -> tuple[dict[str, Any], list[Tag]]:
    fields: dict[str, list[str]] = {}
    name = str(data.get("name", "")).strip()
    template = data.get("template")
    purpose = str(data.get("purpose", CampaignPurpose.MARKETING))
    grades = sorted({str(g) for g in data.get("grades") or []})
    tags = list(data.get("tags") or [])
    month = data.get("birthday_month") or None
    member_status = str(data.get("member_status") or "")
    if not name:
        fields["name"] = [str(_("Give the campaign a name."))]
    if not isinstance(template, MessageTemplate):
        fields["template"] = [str(_("Choose a template."))]
    elif not template.is_active:
        fields["template"] = [str(_("This template is no longer in use."))]
    if purpose not in CampaignPurpose.values:
        fields["purpose"] = [str(_("Unknown purpose."))]
    if any(g not in Grade.values for g in grades):
        fields["grades"] = [str(_("Unknown grade."))]
    if any(not isinstance(t, Tag) for t in tags):
        fields["tags"] = [str(_("Unknown tag."))]
    if month is not None and (not isinstance(month, int) or not 1 <= month <= 12):
        fields["birthday_month"] = [str(_("A month is 1 to 12."))]
    if member_status not in MemberStatus.values:
        fields["member_status"] = [str(_("Unknown member status."))]
    if fields:
        raise ValidationFailed(_("The campaign cannot be saved."), fields=fields)
    assert isinstance(template, MessageTemplate)
    values = {
        "name": name[:100],
        "template": template,
        "channel": template.channel,
        "purpose": purpose,
        "grades": grades,
        "birthday_month": month,
        "member_status": member_status,
    }
    return values, tags


def create_campaign(*, actor: Any, data: Mapping[str, Any]) -> Campaign:
    """Create a campaign (新建活动) as a draft."""
    _require(actor, "campaigns.add_campaign")
    values, tags = _clean_campaign(data)
    with transaction.atomic():
        campaign = Campaign.objects.create(**values, created_at=now(), created_by=actor)
        campaign.tags.set(tags)
        changes = snapshot(campaign, CAMPAIGN_FIELDS) | {"tags": [t.name for t in tags]}
        record(actor=actor, action=AuditAction.CREATE, obj=campaign, changes=changes)
    return campaign


def update_campaign(*, actor: Any, campaign: Campaign, data: Mapping[str, Any]) -> Campaign:
    """Change a draft campaign (修改活动); once sending it is fixed."""
    _require(actor, "campaigns.change_campaign")
    values, tags = _clean_campaign(data)
    with transaction.atomic():
        locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
        if locked.status != CampaignStatus.DRAFT:
            raise Conflict(_("This campaign has been sent and cannot be changed."))
        before = snapshot(locked, CAMPAIGN_FIELDS) | {
            "tags": sorted(locked.tags.values_list("name", flat=True))
        }
        for key, value in values.items():
            setattr(locked, key, value)
        locked.save()
        locked.tags.set(tags)
        after = snapshot(locked, CAMPAIGN_FIELDS) | {"tags": sorted(t.name for t in tags)}
        changes = diff(before, after)
        if changes:
            record(actor=actor, action=AuditAction.UPDATE, obj=locked, changes=changes)
    return locked


def segment_of(campaign: Campaign) -> Segment:
    return Segment(
        grades=tuple(campaign.grades or ()),
        tag_ids=tuple(campaign.tags.values_list("pk", flat=True)),
        birthday_month=campaign.birthday_month,
        member_status=campaign.member_status,
    )


def start_campaign(*, actor: Any, campaign: Campaign) -> Campaign:
    """Send a campaign (发送活动): fix its segment, draft → sending, queue the run."""
    _require(actor, "campaigns.send_campaign")
    with transaction.atomic():
        rows = customers_in(segment_of(campaign), today=today())
        newest = rows.aggregate(newest=Max("pk"))["newest"] or 0
        count = rows.count()
        started = Campaign.objects.filter(pk=campaign.pk, status=CampaignStatus.DRAFT).update(
            status=CampaignStatus.SENDING,
            started_at=now(),
            started_by=actor,
            recipient_count=count,
            max_customer_id=newest,
        )
        if not started:
            raise Conflict(_("This campaign has already been sent."))
        campaign.refresh_from_db()
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=campaign,
            changes={"status": [CampaignStatus.DRAFT, CampaignStatus.SENDING], "customers": count},
        )
        transaction.on_commit(partial(_enqueue_run, campaign.pk))
    return campaign


def _enqueue_run(campaign_id: int) -> None:
    from kefu.campaigns.tasks import run_soon

    run_soon(campaign_id)


def run_campaign(campaign_id: int, *, chunk: int = RUN_CHUNK) -> int:
    """Write the campaign's messages (活动发送), a chunk of customers per transaction, from
    where the last run stopped. Returns how many customers this run processed."""
    done = 0
    while True:
        campaign = (
            Campaign.objects.select_related("template", "started_by")
            .filter(pk=campaign_id, status=CampaignStatus.SENDING)
            .first()
        )
        if campaign is None:
            return done
        start = campaign.last_customer_id
        customers = list(
            customers_in(segment_of(campaign), today=today())
            .filter(pk__gt=start, pk__lte=campaign.max_customer_id)
            .order_by("pk")[:chunk]
        )
        if not customers:
            Campaign.objects.filter(pk=campaign_id, status=CampaignStatus.SENDING).update(
                status=CampaignStatus.DONE, finished_at=now()
            )
            return done
        template = campaign.template
        with transaction.atomic():
            for customer in customers:
                send_message(
                    customer=customer,
                    channel=campaign.channel,
                    subject=personalize(template.subject, customer),
                    body=personalize(template.body, customer),
                    purpose=campaign.purpose,
                    actor=campaign.started_by,
                    campaign_key=campaign.key,
                    dedupe_key=campaign.dedupe_key(customer.pk),
                )
            advanced = Campaign.objects.filter(pk=campaign_id, last_customer_id=start).update(
                last_customer_id=customers[-1].pk,
                processed_count=F("processed_count") + len(customers),
            )
        if advanced:
            done += len(customers)

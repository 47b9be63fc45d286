"""Models of campaigns (营销与关怀活动): message templates and campaigns with their segment."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.campaigns.choices import CampaignPurpose, CampaignStatus, MemberStatus
from kefu.campaigns.querysets import CampaignQuerySet, MessageTemplateQuerySet
from kefu.messaging.choices import Channel


class MessageTemplate(models.Model):
    """Message template (消息模板): subject and body with variables such as ``{name}``."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MessageTemplateQuerySet.as_manager()

    class Meta:
        verbose_name = _("message template")
        verbose_name_plural = _("message templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """Campaign (营销/关怀活动): one template sent to a segment of customers, once each."""

    name = models.CharField(_("name"), max_length=100)
    template = models.ForeignKey(
        MessageTemplate,
        verbose_name=_("template"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    purpose = models.CharField(
        _("purpose"),
        max_length=20,
        choices=CampaignPurpose.choices,
        default=CampaignPurpose.MARKETING,
    )
    # The segment (客户分群): every condition given must hold; an empty one picks everyone.
    grades = models.JSONField(_("grades"), default=list, blank=True)
    tags = models.ManyToManyField(
        "customers.Tag", verbose_name=_("tags"), blank=True, related_name="+"
    )
    birthday_month = models.PositiveSmallIntegerField(_("birthday month"), null=True, blank=True)
    member_status = models.CharField(
        _("member status"),
        max_length=20,
        choices=MemberStatus.choices,
        default=MemberStatus.ANY,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    recipient_count = models.PositiveIntegerField(_("customers in the segment"), default=0)
    processed_count = models.PositiveIntegerField(_("customers processed"), default=0)
    last_customer_id = models.PositiveBigIntegerField(_("last customer processed"), default=0)
    # The segment is fixed when sending starts: customers created later are not added.
    max_customer_id = models.PositiveBigIntegerField(_("last customer in the segment"), default=0)
    created_at = models.DateTimeField(_("created at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-id"]
        permissions = [("send_campaign", _("Can send campaigns"))]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(birthday_month__isnull=True)
                | models.Q(birthday_month__gte=1, birthday_month__lte=12),
                name="campaign_birthday_month_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The campaign key on its deliveries."""
        return f"campaign:{self.pk}"

    def dedupe_key(self, customer_id: int) -> str:
        return f"campaign:{self.pk}:{customer_id}"

    @property
    def is_draft(self) -> bool:
        return self.status == CampaignStatus.DRAFT

    @property
    def percent(self) -> int:
        if self.status == CampaignStatus.DONE:
            return 100
        if not self.recipient_count:
            return 0
        return min(99, self.processed_count * 100 // self.recipient_count)

"""Models of surveys (满意度调查): templates and questions, campaigns, invitations with a
signed link, responses and their answers."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.surveys.choices import (
    CampaignStatus,
    InvitationStatus,
    QuestionKind,
    SegmentKind,
    SurveyChannel,
)
from kefu.surveys.querysets import SurveyInvitationQuerySet, SurveyResponseQuerySet
from kefu.tickets.choices import Satisfaction


class SurveyTemplate(models.Model):
    """Survey template (调查问卷模板): the questions one survey asks."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    intro = models.TextField(_("introduction"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("survey template")
        verbose_name_plural = _("survey templates")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class SurveyQuestion(models.Model):
    """Survey question (调查题目); at most one per template is the overall satisfaction, the
    one the satisfaction rate counts."""

    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("template"), on_delete=models.CASCADE,
        related_name="questions",
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.CharField(_("question"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    options = models.JSONField(_("options"), default=list, blank=True)
    is_required = models.BooleanField(_("required"), default=True)
    is_overall = models.BooleanField(_("overall satisfaction"), default=False)

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["template", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["template"],
                condition=models.Q(is_overall=True),
                name="surveys_one_overall_question",
            )
        ]

    def __str__(self) -> str:
        return self.text


class SurveyCampaign(models.Model):
    """Survey campaign (满意度调查活动): one template sent to a segment of customers."""

    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("template"), on_delete=models.PROTECT,
        related_name="campaigns",
    )  # fmt: skip
    name = models.CharField(_("name"), max_length=100)
    segment = models.CharField(_("segment"), max_length=20, choices=SegmentKind.choices)
    closed_from = models.DateField(_("closed from"), null=True, blank=True)
    closed_to = models.DateField(_("closed to"), null=True, blank=True)
    ticket_types = models.ManyToManyField(
        "tickets.TicketType", verbose_name=_("work order types"), blank=True, related_name="+"
    )
    grades = models.JSONField(_("grades"), default=list, blank=True)
    channel = models.CharField(_("sending channel"), max_length=10, choices=SurveyChannel.choices)
    valid_days = models.PositiveSmallIntegerField(_("link valid for (days)"), default=14)
    status = models.CharField(
        _("status"), max_length=10, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("survey campaign")
        verbose_name_plural = _("survey campaigns")
        ordering = ["-id"]

    def __str__(self) -> str:
        return self.name


class SurveyInvitation(models.Model):
    """Survey invitation (调查邀请): one customer asked once, by a campaign or for one work
    order, through a signed link that expires."""

    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        SurveyCampaign, verbose_name=_("campaign"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="invitations",
    )  # fmt: skip
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT,
        related_name="survey_invitations",
    )  # fmt: skip
    ticket = models.ForeignKey(
        "tickets.Ticket", verbose_name=_("work order"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="survey_invitations",
    )  # fmt: skip
    channel = models.CharField(_("sending channel"), max_length=10, choices=SurveyChannel.choices)
    nonce = models.CharField(_("nonce"), max_length=40, unique=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("created at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"))
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    answered_at = models.DateTimeField(_("responded at"), null=True, blank=True)

    objects = SurveyInvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "customer"],
                condition=models.Q(campaign__isnull=False),
                name="surveys_one_invitation_per_campaign_customer",
            )
        ]
        indexes = [models.Index(fields=["ticket", "-id"], name="surveys_invitation_ticket_idx")]

    def __str__(self) -> str:
        return f"{self.template} → {self.customer}"


class SurveyResponse(models.Model):
    """Survey response (调查答卷): the answers of one invitation, given once."""

    invitation = models.OneToOneField(
        SurveyInvitation, verbose_name=_("invitation"), on_delete=models.PROTECT,
        related_name="response",
    )  # fmt: skip
    template = models.ForeignKey(
        SurveyTemplate, verbose_name=_("template"), on_delete=models.PROTECT, related_name="+"
    )
    campaign = models.ForeignKey(
        SurveyCampaign, verbose_name=_("campaign"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="responses",
    )  # fmt: skip
    customer = models.ForeignKey(
        "customers.Customer", verbose_name=_("customer"), on_delete=models.PROTECT,
        related_name="survey_responses",
    )  # fmt: skip
    ticket = models.ForeignKey(
        "tickets.Ticket", verbose_name=_("work order"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="survey_responses",
    )  # fmt: skip
    level = models.CharField(
        _("overall satisfaction"), max_length=20, choices=Satisfaction.choices, blank=True
    )
    satisfaction_record = models.OneToOneField(
        "tickets.SatisfactionRecord", verbose_name=_("satisfaction record"), null=True,
        blank=True, on_delete=models.PROTECT, related_name="survey_response",
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)

    objects = SurveyResponseQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        ordering = ["-submitted_at", "-id"]

    def __str__(self) -> str:
        return f"{self.template} {self.submitted_at:%Y-%m-%d}"


class SurveyAnswer(models.Model):
    """Survey answer (答题): the answer to one question of a response."""

    response = models.ForeignKey(
        SurveyResponse, verbose_name=_("response"), on_delete=models.CASCADE,
        related_name="answers",
    )  # fmt: skip
    question = models.ForeignKey(
        SurveyQuestion, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )
    value = models.TextField(_("answer"), blank=True)

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        ordering = ["response", "question__order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="surveys_one_answer_per_question"
            )
        ]

    def __str__(self) -> str:
        return self.value[:50]

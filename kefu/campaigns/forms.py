"""Forms of campaigns (活动表单): templates, campaigns with their segment, log filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.campaigns.choices import CampaignPurpose, MemberStatus
from kefu.campaigns.models import Campaign, MessageTemplate
from kefu.campaigns.rendering import VARIABLES
from kefu.customers.choices import Grade
from kefu.customers.models import Tag
from kefu.messaging.choices import Channel, DeliveryStatus, SkipReason

MONTHS = [("", _("Any month"))] + [(str(m), str(m)) for m in range(1, 13)]
VARIABLE_HELP = " ".join("{" + v + "}" for v in VARIABLES)


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    channel = forms.ChoiceField(label=_("Channel"), choices=Channel.choices)
    subject = forms.CharField(
        label=_("Subject"), max_length=200, required=False, help_text=_("Email only.")
    )
    body = forms.CharField(
        label=_("Body"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Variables: %(names)s") % {"names": VARIABLE_HELP},
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    @classmethod
    def for_template(cls, template: MessageTemplate) -> TemplateForm:
        return cls(
            initial={
                "name": template.name,
                "channel": template.channel,
                "subject": template.subject,
                "body": template.body,
                "is_active": template.is_active,
            }
        )


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    template = forms.ModelChoiceField(
        label=_("Template"), queryset=MessageTemplate.objects.active()
    )
    purpose = forms.ChoiceField(label=_("Purpose"), choices=CampaignPurpose.choices)
    grades = forms.MultipleChoiceField(
        label=_("Grades"),
        choices=Grade.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every grade."),
    )
    tags = forms.ModelMultipleChoiceField(
        label=_("Tags"),
        queryset=Tag.objects.all(),
        required=False,
        help_text=_("Customers with any of the chosen tags; none chosen: everyone."),
    )
    birthday_month = forms.TypedChoiceField(
        label=_("Birthday month"), choices=MONTHS, required=False, coerce=int, empty_value=None
    )
    member_status = forms.ChoiceField(
        label=_("Member status"), choices=MemberStatus.choices, required=False
    )

    @classmethod
    def for_campaign(cls, campaign: Campaign) -> CampaignForm:
        return cls(
            initial={
                "name": campaign.name,
                "template": campaign.template_id,
                "purpose": campaign.purpose,
                "grades": campaign.grades,
                "tags": list(campaign.tags.all()),
                "birthday_month": campaign.birthday_month or "",
                "member_status": campaign.member_status,
            }
        )

    def data_for_service(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data["tags"] = list(data.get("tags") or [])
        return data


class DeliveryFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All"))] + DeliveryStatus.choices, required=False
    )
    reason = forms.ChoiceField(
        label=_("Reason"), choices=[("", _("All"))] + SkipReason.choices, required=False
    )

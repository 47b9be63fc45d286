"""Forms of the survey pages (调查表单): templates, questions, campaigns, filters, sending."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.customers.choices import Grade
from kefu.surveys.choices import QuestionKind, SegmentKind, SurveyChannel
from kefu.surveys.models import SurveyCampaign, SurveyTemplate
from kefu.surveys.segments import Segment
from kefu.surveys.services import QuestionText
from kefu.tickets.choices import Satisfaction
from kefu.tickets.models import TicketType

DATE = forms.DateInput(attrs={"type": "date"})


class TemplateForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    intro = forms.CharField(
        label=_("Introduction"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to the customer above the questions."),
    )
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    options = forms.CharField(
        label=_("Options"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For a single-choice question: one option per line."),
    )
    is_required = forms.BooleanField(label=_("Required"), required=False, initial=True)
    is_overall = forms.BooleanField(
        label=_("Overall satisfaction"),
        required=False,
        help_text=_("Its answer is the satisfaction the satisfaction rate counts."),
    )
    order = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, initial=0)

    def question(self) -> QuestionText:
        data = self.cleaned_data
        return QuestionText(
            text=data["text"],
            kind=data["kind"],
            options=tuple(line for line in data["options"].splitlines() if line.strip()),
            is_required=data["is_required"],
            is_overall=data["is_overall"],
            order=data["order"] or 0,
        )


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    template = forms.ModelChoiceField(
        label=_("Survey template"), queryset=SurveyTemplate.objects.filter(is_active=True)
    )
    segment = forms.ChoiceField(
        label=_("Whom to ask"), choices=SegmentKind.choices, widget=forms.RadioSelect
    )
    closed_from = forms.DateField(label=_("Closed from"), required=False, widget=DATE)
    closed_to = forms.DateField(label=_("Closed to"), required=False, widget=DATE)
    ticket_types = forms.ModelMultipleChoiceField(
        label=_("Work order types"),
        queryset=TicketType.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None chosen: every type."),
    )
    grades = forms.MultipleChoiceField(
        label=_("Grades"), choices=Grade.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    channel = forms.ChoiceField(label=_("Send by"), choices=SurveyChannel.choices)
    valid_days = forms.IntegerField(
        label=_("Link valid for (days)"), min_value=1, max_value=90, initial=14
    )

    def built_segment(self) -> Segment:
        data = self.cleaned_data
        return Segment(
            kind=data["segment"],
            channel=data["channel"],
            closed_from=data.get("closed_from"),
            closed_to=data.get("closed_to"),
            ticket_type_ids=tuple(t.pk for t in data.get("ticket_types") or ()),
            grades=tuple(data.get("grades") or ()),
        )


class ResponseFilterForm(forms.Form):
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("To"), required=False, widget=DATE)
    level = forms.ChoiceField(
        label=_("Overall satisfaction"),
        required=False,
        choices=[("", _("Any satisfaction")), *Satisfaction.choices],
    )
    campaign = forms.ModelChoiceField(
        label=_("Campaign"),
        queryset=SurveyCampaign.objects.all(),
        required=False,
        empty_label=_("Any campaign"),
    )
    ticket = forms.CharField(label=_("Work order number"), required=False, max_length=32)


class SendSurveyForm(forms.Form):
    channel = forms.ChoiceField(label=_("Send by"), choices=SurveyChannel.choices)

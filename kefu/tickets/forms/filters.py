"""Queue filters (队列筛选): type, state, status, priority, channel, category; and the search
text, which the queue page answers from the search index (``kefu.tickets.search``)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kefu.core.widgets import FastSelect
from kefu.tickets.choices import Channel, Priority, Status
from kefu.tickets.forms.labels import pick, type_name
from kefu.tickets.models import TicketType, WorkflowVersion
from kefu.tickets.querysets import TicketQuerySet


def _state_choices(types: list[TicketType]) -> list[tuple[str, str]]:
    """Every state of the types' current workflows (each type's newest version), labelled in
    the active language. One statement: the definitions are parsed once per process
    (``WorkflowVersion.workflow``), so they are not read here."""
    newest: dict[int, WorkflowVersion] = {}
    versions = (
        WorkflowVersion.objects.filter(ticket_type__in=types)
        .defer("definition")
        .order_by("ticket_type_id", "-version")
    )
    for version in versions:
        newest.setdefault(version.ticket_type_id, version)
    seen: dict[str, str] = {}
    for ticket_type in types:
        if ticket_type.pk not in newest:
            continue
        for state in newest[ticket_type.pk].workflow().states:
            seen.setdefault(state.code, pick(state.label_zh, state.label_en))
    return sorted(seen.items(), key=lambda item: item[1])


class QueueFilterForm(forms.Form):
    type = forms.ChoiceField(label=_("Type"), required=False, widget=FastSelect)
    state = forms.ChoiceField(label=_("State"), required=False, widget=FastSelect)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All status categories")), *Status.choices],
        widget=FastSelect,
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        required=False,
        choices=[("", _("All priorities")), *Priority.choices],
        widget=FastSelect,
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        required=False,
        choices=[("", _("All channels")), *Channel.choices],
        widget=FastSelect,
    )
    category = forms.CharField(label=_("Category"), required=False, max_length=100)
    # The search text is not a filter: the queue page reads the search index with it.
    q = forms.CharField(label=_("Words or number"), required=False, max_length=100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        active = list(TicketType.objects.filter(is_active=True))
        types = [(t.code, type_name(t)) for t in active]
        type_field, state_field = self.fields["type"], self.fields["state"]
        assert isinstance(type_field, forms.ChoiceField)
        assert isinstance(state_field, forms.ChoiceField)
        type_field.choices = [("", _("All types")), *types]
        state_field.choices = [("", _("All states")), *_state_choices(active)]
        for field in self.fields.values():
            field.widget.attrs.setdefault("aria-label", str(field.label))

    def apply(self, qs: TicketQuerySet) -> TicketQuerySet:
        """Narrow the queue by the valid filters; an invalid one is ignored, not an error."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        if data.get("type"):
            qs = qs.filter(ticket_type__code=data["type"])
        if data.get("state"):
            qs = qs.filter(state=data["state"])
        if data.get("status"):
            qs = qs.filter(status_category=data["status"])
        if data.get("priority"):
            qs = qs.filter(priority=data["priority"])
        if data.get("channel"):
            qs = qs.filter(channel=data["channel"])
        if data.get("category"):
            qs = qs.filter(category=data["category"].strip())
        return qs

    @property
    def is_filtered(self) -> bool:
        data = getattr(self, "cleaned_data", {})
        return any(data.get(name) for name in self.fields)

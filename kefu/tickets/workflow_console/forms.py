"""Workflow editor forms (流程编辑表单): the JSON definition, and a new type's details."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# What the "new type" editor starts from: the smallest workflow that passes the checks.
STARTER: dict[str, Any] = {
    "label_zh": "",
    "label_en": "",
    "states": [
        {"code": "received", "label_zh": "已受理", "label_en": "Received",
         "category": "new", "is_initial": True},
        {"code": "handling", "label_zh": "处理中", "label_en": "Handling", "category": "open"},
        {"code": "closed", "label_zh": "已关闭", "label_en": "Closed",
         "category": "closed", "is_final": True},
    ],
    "transitions": [
        {"code": "accept", "label_zh": "受理", "label_en": "Accept", "sources": ["received"],
         "target": "handling", "permission": "tickets.reply_ticket"},
        {"code": "close", "label_zh": "答复客户并关闭", "label_en": "Answer and close",
         "sources": ["handling"], "target": "closed", "permission": "tickets.reply_ticket",
         "required_fields": ["reply"]},
    ],
}  # fmt: skip


def as_json(definition: object) -> str:
    """A definition as the editor shows it: indented JSON with Chinese as typed."""
    return json.dumps(definition, ensure_ascii=False, indent=2)


class DefinitionForm(forms.Form):
    definition = forms.CharField(
        label=gettext_lazy("Workflow definition (JSON)"),
        widget=forms.Textarea(attrs={"rows": 30, "cols": 100, "spellcheck": "false"}),
        help_text=gettext_lazy(
            "The type code and the version number are set on publishing; the rest is yours."
        ),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def clean_definition(self) -> dict[str, Any]:
        text = str(self.cleaned_data["definition"])
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("This is not valid JSON (line %(line)s, column %(column)s): %(error)s")
                % {"line": exc.lineno, "column": exc.colno, "error": exc.msg}
            ) from None
        if not isinstance(data, dict):
            raise forms.ValidationError(_("The definition must be a JSON object."))
        return data


class TicketTypeForm(DefinitionForm):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=50,
        help_text=gettext_lazy("Lowercase letters, digits and underscores, e.g. booking."),
    )
    name_zh = forms.CharField(label=gettext_lazy("Chinese name"), max_length=50)
    name_en = forms.CharField(label=gettext_lazy("English name"), max_length=50)
    number_prefix = forms.CharField(
        label=gettext_lazy("Number prefix"),
        max_length=8,
        help_text=gettext_lazy("2 to 6 capital letters, e.g. YY gives YY20261123-0001."),
    )

    field_order = ["code", "name_zh", "name_en", "number_prefix", "definition"]

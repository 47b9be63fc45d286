"""Forms of the addressee's steps (处理步骤表单): one text input per field the step requires.

Fields are not required here: the workflow engine refuses a missing field with its own
message (请填写“原因分析”。), which the page shows on the field.
"""

from __future__ import annotations

from typing import Any

from django import forms

from kefu.liaison.presenters import field_label, step_label
from kefu.tickets.workflow import Transition


class StepForm(forms.Form):
    """The form of one workflow step, with the state the user saw."""

    expected_state = forms.CharField(widget=forms.HiddenInput, max_length=50)

    def __init__(self, transition: Transition, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.transition = transition
        self.label = step_label(transition)
        for name in transition.required_fields:
            self.fields[name] = forms.CharField(
                label=field_label(name),
                required=False,
                max_length=4000,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def step_fields(self) -> dict[str, object]:
        """The step's form values as the workflow service takes them."""
        return {
            name: self.cleaned_data.get(name, "").strip()
            for name in self.transition.required_fields
        }

"""Custom field definitions page (自定义字段): list, add, edit."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kefu.core.errors import DomainError
from kefu.customers.choices import CustomFieldType
from kefu.customers.fields import create_custom_field, update_custom_field
from kefu.customers.models import CustomField
from kefu.customers.views.common import AuthedRequest, errors_to_form


class CustomFieldForm(forms.Form):
    key = forms.CharField(
        label=gettext_lazy("Key"),
        max_length=50,
        help_text=gettext_lazy("Lowercase letters, digits and underscores; cannot change later."),
    )
    label = forms.CharField(label=gettext_lazy("Label"), max_length=100)
    field_type = forms.ChoiceField(label=gettext_lazy("Type"), choices=CustomFieldType.choices)
    choices = forms.CharField(
        label=gettext_lazy("Choices"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("For a choice field: one choice per line."),
    )
    is_required = forms.BooleanField(label=gettext_lazy("Required"), required=False)
    position = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, initial=0)

    def choice_list(self) -> list[str]:
        return str(self.cleaned_data.get("choices") or "").splitlines()


@login_required
@permission_required("customers.view_customer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def field_list(request: AuthedRequest) -> HttpResponse:
    can_add = request.user.has_perm("customers.add_customfield")
    form = CustomFieldForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                create_custom_field(
                    actor=request.user,
                    key=form.cleaned_data["key"],
                    label=form.cleaned_data["label"],
                    field_type=form.cleaned_data["field_type"],
                    choices=form.choice_list(),
                    is_required=form.cleaned_data["is_required"],
                    position=form.cleaned_data["position"],
                )
            except DomainError as exc:
                errors_to_form(form, exc)
            else:
                messages.success(request, _("The custom field was added."))
                return redirect("customers:fields")
    return render(
        request,
        "customers/fields.html",
        {
            "fields": CustomField.objects.all(),
            "form": form if can_add else None,
            "can_change": request.user.has_perm("customers.change_customfield"),
        },
    )


@login_required
@permission_required("customers.change_customfield", raise_exception=True)
@require_http_methods(["GET", "POST"])
def field_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    field = get_object_or_404(CustomField, pk=pk)
    initial = {
        "key": field.key,
        "label": field.label,
        "field_type": field.field_type,
        "choices": "\n".join(field.choices),
        "is_required": field.is_required,
        "position": field.position,
    }
    form = CustomFieldForm(request.POST or None, initial=initial)
    form.fields["key"].disabled = True
    if request.method == "POST" and form.is_valid():
        try:
            update_custom_field(
                actor=request.user,
                field=field,
                label=form.cleaned_data["label"],
                field_type=form.cleaned_data["field_type"],
                choices=form.choice_list(),
                is_required=form.cleaned_data["is_required"],
                position=form.cleaned_data["position"],
            )
        except DomainError as exc:
            errors_to_form(form, exc)
        else:
            messages.success(request, _("The custom field was saved."))
            return redirect("customers:fields")
    return render(request, "customers/field_edit.html", {"form": form, "field": field})

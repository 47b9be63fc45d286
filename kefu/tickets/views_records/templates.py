"""Standard replies management page (标准回复语管理): list, add, edit; supervisors and managers."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from kefu.customers.views.common import AuthedRequest, submitted
from kefu.tickets.models import ReplyTemplate
from kefu.tickets.replytext import VARIABLES
from kefu.tickets.services.records import create_reply_template, update_reply_template


class ReplyTemplateForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=50,
        help_text=gettext_lazy("Lowercase letters, digits, hyphens and underscores."),
    )
    title = forms.CharField(label=gettext_lazy("Template title"), max_length=100)
    body = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=format_lazy(
            "{} {}", gettext_lazy("Variables:"), "、".join(f"{{{name}}}" for name in VARIABLES)
        ),
    )
    position = forms.IntegerField(label=gettext_lazy("Order"), min_value=0, initial=0)
    is_active = forms.BooleanField(label=gettext_lazy("In use"), required=False, initial=True)


@login_required
@permission_required("tickets.change_replytemplate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def template_list(request: AuthedRequest) -> HttpResponse:
    can_add = request.user.has_perm("tickets.add_replytemplate")
    form = ReplyTemplateForm(request.POST or None)
    if (
        request.method == "POST"
        and can_add
        and submitted(
            request,
            form,
            lambda: create_reply_template(actor=request.user, **form.cleaned_data),
            success=_("The reply template was added."),
        )
    ):
        return redirect("ticket_records:templates")
    return render(
        request,
        "tickets/records/templates.html",
        {"templates": ReplyTemplate.objects.all(), "form": form if can_add else None},
    )


@login_required
@permission_required("tickets.change_replytemplate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(ReplyTemplate, pk=pk)
    initial = {
        "code": template.code,
        "title": template.title,
        "body": template.body,
        "position": template.position,
        "is_active": template.is_active,
    }
    form = ReplyTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and submitted(
        request,
        form,
        lambda: update_reply_template(actor=request.user, template=template, **form.cleaned_data),
        success=_("The reply template was saved."),
    ):
        return redirect("ticket_records:templates")
    return render(
        request, "tickets/records/template_edit.html", {"form": form, "template": template}
    )

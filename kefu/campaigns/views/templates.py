"""Message template pages (消息模板页面): list, create, edit."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kefu.campaigns.forms import TemplateForm
from kefu.campaigns.models import MessageTemplate
from kefu.campaigns.services import create_template, update_template
from kefu.customers.views.common import AuthedRequest, submitted


@login_required
@permission_required("campaigns.view_messagetemplate", raise_exception=True)
@require_GET
def template_list(request: AuthedRequest) -> HttpResponse:
    templates = MessageTemplate.objects.visible_to(request.user)
    return render(
        request,
        "campaigns/template_list.html",
        {
            "templates": templates,
            "can_add": request.user.has_perm("campaigns.add_messagetemplate"),
            "can_change": request.user.has_perm("campaigns.change_messagetemplate"),
        },
    )


@login_required
@permission_required("campaigns.add_messagetemplate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def template_create(request: AuthedRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and submitted(
        request,
        form,
        lambda: create_template(actor=request.user, data=form.cleaned_data),
        success=_("The template was saved."),
    ):
        return redirect("campaigns:templates")
    return render(request, "campaigns/template_form.html", {"form": form, "template": None})


@login_required
@permission_required("campaigns.change_messagetemplate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def template_edit(request: AuthedRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(MessageTemplate.objects.visible_to(request.user), pk=pk)
    if request.method == "POST":
        form = TemplateForm(request.POST)
        if submitted(
            request,
            form,
            lambda: update_template(actor=request.user, template=template, data=form.cleaned_data),
            success=_("The template was saved."),
        ):
            return redirect("campaigns:templates")
    else:
        form = TemplateForm.for_template(template)
    return render(request, "campaigns/template_form.html", {"form": form, "template": template})

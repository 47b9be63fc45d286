"""Survey templates in the console (调查问卷模板): list, create, edit with its questions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kefu.core.errors import DomainError
from kefu.customers.views.common import AuthedRequest, raise_for_access, submitted
from kefu.surveys.forms import QuestionForm, TemplateForm
from kefu.surveys.models import SurveyQuestion, SurveyTemplate
from kefu.surveys.services import create_template, delete_question, save_question, update_template


@login_required
@permission_required("surveys.view_surveytemplate", raise_exception=True)
@require_GET
def template_list(request: AuthedRequest) -> HttpResponse:
    templates = SurveyTemplate.objects.prefetch_related("questions").order_by("name", "id")
    return render(
        request,
        "surveys/templates.html",
        {
            "templates": templates,
            "can_add": request.user.has_perm("surveys.add_surveytemplate"),
        },
    )


@login_required
@permission_required("surveys.add_surveytemplate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def template_create(request: AuthedRequest) -> HttpResponse:
    form = TemplateForm(request.POST or None)
    created: list[SurveyTemplate] = []
    if request.method == "POST" and submitted(
        request,
        form,
        lambda: created.append(create_template(actor=request.user, **form.cleaned_data)),
        success=_("Survey template created. Now add its questions."),
    ):
        return redirect("surveys:template", pk=created[0].pk)
    return render(request, "surveys/template_form.html", {"form": form, "template": None})


@login_required
@permission_required("surveys.view_surveytemplate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def template_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    """The template with its questions; managers edit both here."""
    template = get_object_or_404(SurveyTemplate, pk=pk)
    can_change = request.user.has_perm("surveys.change_surveytemplate")
    initial = {"name": template.name, "intro": template.intro, "is_active": template.is_active}
    form = TemplateForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_change:
            raise PermissionDenied
        if submitted(
            request,
            form,
            lambda: update_template(actor=request.user, template=template, **form.cleaned_data),
            success=_("Survey template saved."),
        ):
            return redirect("surveys:template", pk=template.pk)
    next_order = (template.questions.count() + 1) * 10
    return render(
        request,
        "surveys/template_form.html",
        {
            "template": template,
            "form": form,
            "questions": template.questions.order_by("order", "id"),
            "question_form": QuestionForm(initial={"order": next_order, "is_required": True}),
            "can_change": can_change,
        },
    )


@login_required
@permission_required("surveys.change_surveytemplate", raise_exception=True)
@require_http_methods(["GET", "POST"])
def question_edit(request: AuthedRequest, pk: int, question_id: int | None = None) -> HttpResponse:
    """Add a question (question_id None) or change one."""
    template = get_object_or_404(SurveyTemplate, pk=pk)
    question = (
        get_object_or_404(SurveyQuestion, pk=question_id, template=template)
        if question_id
        else None
    )
    initial = {}
    if question is not None:
        initial = {
            "text": question.text,
            "kind": question.kind,
            "options": "\n".join(question.options),
            "is_required": question.is_required,
            "is_overall": question.is_overall,
            "order": question.order,
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST" and submitted(
        request,
        form,
        lambda: save_question(
            actor=request.user, template=template, data=form.question(), question=question
        ),
        success=_("Question saved."),
    ):
        return redirect("surveys:template", pk=template.pk)
    return render(
        request,
        "surveys/question_form.html",
        {"template": template, "question": question, "form": form},
    )


@login_required
@permission_required("surveys.change_surveytemplate", raise_exception=True)
@require_POST
def question_delete(request: AuthedRequest, pk: int, question_id: int) -> HttpResponse:
    question = get_object_or_404(SurveyQuestion, pk=question_id, template_id=pk)
    try:
        delete_question(actor=request.user, question=question)
    except DomainError as exc:
        raise_for_access(exc)
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Question removed."))
    return redirect("surveys:template", pk=pk)

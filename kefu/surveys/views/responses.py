"""Survey responses in the console (调查答卷): the filtered list and one response."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from kefu.core.cursor import BadCursor
from kefu.core.paging import keyset_page
from kefu.customers.presenters import masked_phone
from kefu.customers.views.common import AuthedRequest
from kefu.surveys.choices import QuestionKind
from kefu.surveys.filters import ResponseFilters, filtered
from kefu.surveys.forms import ResponseFilterForm
from kefu.surveys.models import SurveyQuestion, SurveyResponse
from kefu.tickets.choices import Satisfaction

PAGE_SIZE = 25


def answer_label(question: SurveyQuestion, value: str) -> str:
    """An answer as the customer saw it (a satisfaction level by its label)."""
    if question.kind == QuestionKind.SATISFACTION and value in Satisfaction.values:
        return str(Satisfaction(value).label)
    return value


def _filters(form: ResponseFilterForm) -> ResponseFilters:
    if not form.is_valid():
        return ResponseFilters()
    data = form.cleaned_data
    return ResponseFilters(
        date_from=data["date_from"],
        date_to=data["date_to"],
        level=data["level"],
        campaign_id=data["campaign"].pk if data["campaign"] else None,
        ticket_number=data["ticket"],
    )


@login_required
@permission_required("surveys.view_surveyresponse", raise_exception=True)
@require_GET
def response_list(request: AuthedRequest) -> HttpResponse:
    form = ResponseFilterForm(request.GET)
    qs = filtered(SurveyResponse.objects.visible_to(request.user), _filters(form))
    qs = qs.select_related("customer", "ticket", "template", "campaign")
    cursor = request.GET.get("cursor") or None
    try:
        page = keyset_page(qs, cursor=cursor, limit=PAGE_SIZE, order="-submitted_at")
    except BadCursor:
        cursor = None
        page = keyset_page(qs, cursor=None, limit=PAGE_SIZE, order="-submitted_at")
    query = request.GET.copy()
    query.pop("cursor", None)
    first_url = f"?{query.urlencode()}" if cursor else None
    next_url = None
    if page.next_cursor:
        query["cursor"] = page.next_cursor
        next_url = f"?{query.urlencode()}"
    user = request.user
    return render(
        request,
        "surveys/responses.html",
        {
            "form": form,
            "responses": page.items,
            "next_url": next_url,
            "first_url": first_url,
            "can_templates": user.has_perm("surveys.view_surveytemplate"),
            "can_campaigns": user.has_perm("surveys.view_surveycampaign"),
        },
    )


@login_required
@permission_required("surveys.view_surveyresponse", raise_exception=True)
@require_GET
def response_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    response = get_object_or_404(
        SurveyResponse.objects.visible_to(request.user).select_related(
            "customer", "ticket", "template", "campaign", "invitation", "invitation__created_by"
        ),
        pk=pk,
    )
    answers = [
        {"question": a.question, "text": answer_label(a.question, a.value)}
        for a in response.answers.select_related("question").order_by("question__order", "id")
    ]
    return render(
        request,
        "surveys/response.html",
        {
            "response": response,
            "answers": answers,
            "phone": masked_phone(response.customer),
        },
    )

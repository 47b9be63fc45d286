"""The public survey page (客户填写调查页) at /surveys/s/<token>/: no login, mobile first.

Always in the site's language (zh-Hans), never the console: a standalone template with one
static stylesheet (the CSP forbids inline style and script). The customer's phone is never on
the page; a work order survey shows its number and title only. Not cached, not indexed, and the
link (a secret) is not sent on as a referrer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods

from kefu.core.errors import Conflict, ValidationFailed
from kefu.surveys.choices import QuestionKind
from kefu.surveys.models import SurveyInvitation, SurveyQuestion
from kefu.surveys.services import LinkState, look_up, mark_opened, submit_response
from kefu.surveys.services.answering import field_name, questions_of
from kefu.tickets.choices import Satisfaction

STATUS = {LinkState.INVALID: 404, LinkState.EXPIRED: 410, LinkState.ANSWERED: 200}


def _private(response: HttpResponse) -> HttpResponse:
    patch_cache_control(response, no_store=True, private=True)
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def _rows(
    questions: list[SurveyQuestion], given: Mapping[str, str], errors: Mapping[str, list[str]]
) -> list[dict[str, Any]]:
    rows = []
    for question in questions:
        name = field_name(question)
        value = given.get(name, "")
        if question.kind == QuestionKind.SATISFACTION:
            choices = list(Satisfaction.choices)
        elif question.kind == QuestionKind.CHOICE:
            choices = [(option, option) for option in question.options]
        else:
            choices = []
        rows.append(
            {
                "question": question,
                "name": name,
                "value": value,
                "errors": errors.get(name, []),
                "choices": [
                    {"value": v, "label": label, "checked": v == value, "id": f"{name}-{i}"}
                    for i, (v, label) in enumerate(choices)
                ],
            }
        )
    return rows


def _page(
    request: HttpRequest,
    invitation: SurveyInvitation,
    *,
    given: Mapping[str, str] | None = None,
    errors: Mapping[str, list[str]] | None = None,
    status: int = 200,
) -> HttpResponse:
    ticket = invitation.ticket
    context = {
        "invitation": invitation,
        "template": invitation.template,
        "ticket_number": ticket.number if ticket else "",
        "ticket_title": ticket.title if ticket else "",
        "rows": _rows(questions_of(invitation), given or {}, errors or {}),
        "has_errors": bool(errors),
    }
    return render(request, "surveys/public/form.html", context, status=status)


def _message(request: HttpRequest, state: LinkState) -> HttpResponse:
    return render(
        request, "surveys/public/message.html", {"state": state.value}, status=STATUS[state]
    )


@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """Open the survey of a link, or record its answers."""
    with translation.override(settings.LANGUAGE_CODE):
        return _private(_answer(request, token))


def _answer(request: HttpRequest, token: str) -> HttpResponse:
    opened = look_up(token)
    invitation = opened.invitation
    if opened.state != LinkState.OPEN or invitation is None:
        return _message(request, opened.state)
    if request.method == "GET":
        mark_opened(invitation)
        return _page(request, invitation)
    given = {k: str(request.POST.get(k, "")) for k in request.POST if k.startswith("q")}
    try:
        response = submit_response(invitation=invitation, given=given)
    except ValidationFailed as exc:
        return _page(request, invitation, given=given, errors=exc.fields, status=422)
    except Conflict:
        return _message(request, LinkState.EXPIRED)
    if response is None:
        return _message(request, LinkState.ANSWERED)
    return render(request, "surveys/public/message.html", {"state": "thanks"})

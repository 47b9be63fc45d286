"""Services of surveys (调查服务): the only writers."""

from kefu.surveys.services.answering import LinkState, look_up, mark_opened, submit_response
from kefu.surveys.services.campaigns import create_campaign, preview_count, send_campaign
from kefu.surveys.services.invitations import create_and_send, invite_for_ticket
from kefu.surveys.services.templates import (
    QuestionText,
    create_template,
    delete_question,
    save_question,
    update_template,
)

__all__ = [
    "LinkState",
    "QuestionText",
    "create_and_send",
    "create_campaign",
    "create_template",
    "delete_question",
    "invite_for_ticket",
    "look_up",
    "mark_opened",
    "preview_count",
    "save_question",
    "send_campaign",
    "submit_response",
    "update_template",
]

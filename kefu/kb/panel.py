"""The knowledge panel of the work order page (工单知识面板): suggested articles for the
work order's title and description, and the answers already given from the knowledge base."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kefu.kb.markup import first_line
from kefu.kb.models import Article, KnowledgeAnswer
from kefu.tickets.models import Ticket

PANEL_SUGGESTIONS = 5
PANEL_ANSWERS = 20


def ticket_panel(ticket: Ticket, user: Any) -> Mapping[str, Any] | None:
    """Context of ``kb/_ticket_panel.html``; None (panel hidden) without ``kb.view_article``."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm("kb.view_article"):
        return None
    found = (
        Article.objects.visible_to(user)
        .select_related("current_version")
        .suggest(f"{ticket.title}\n{ticket.description}", limit=PANEL_SUGGESTIONS)
    )
    answers = (
        KnowledgeAnswer.objects.filter(ticket=ticket)
        .select_related("version", "answered_by")
        .order_by("-at", "-id")[:PANEL_ANSWERS]
    )
    return {
        "ticket": ticket,
        "kb_suggestions": [
            {
                "article": a,
                "summary": first_line(a.current_version.body) if a.current_version else "",
            }
            for a in found
        ],
        "kb_answers": list(answers),
        "kb_can_answer": user.has_perm("kb.add_knowledgeanswer"),
    }

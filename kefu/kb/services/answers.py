"""Answering from the knowledge base (知识库解答): noted on the work order's history."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import NotFound, NotPermitted
from kefu.kb.models import Article, KnowledgeAnswer
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket
from kefu.tickets.services.events import append_event


def record_answer(*, actor: Any, ticket: Ticket, article: Article) -> KnowledgeAnswer:
    """Record that ``ticket`` was answered with ``article``'s published version (用知识库解答):
    the answer row, a ``knowledge`` event in the work order's history and an audit entry.

    The actor must see the work order and the published article (else 404).
    """
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(
        "kb.add_knowledgeanswer"
    ):
        raise NotPermitted(_("You may not record answers from the knowledge base."))
    if not Ticket.objects.visible_to(actor).filter(pk=ticket.pk).exists():
        raise NotFound(_("Work order not found."))
    readable = Article.objects.visible_to(actor).published().select_related("current_version")
    found = readable.filter(pk=article.pk).first()
    if found is None or found.current_version is None:
        raise NotFound(_("Article not found."))
    version = found.current_version
    with transaction.atomic():
        at = now()
        answer = KnowledgeAnswer.objects.create(
            ticket=ticket, article=found, version=version, answered_by=actor, at=at
        )
        append_event(
            ticket=ticket,
            actor=actor,
            at=at,
            kind=EventKind.KNOWLEDGE,
            data={"article": found.pk, "title": version.title, "version": version.number},
        )
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=answer,
            object_repr=f"{ticket.number} ← {version.title}",
            changes={
                "ticket": [None, ticket.number],
                "article": [None, found.pk],
                "version": [None, version.number],
            },
        )
    return answer

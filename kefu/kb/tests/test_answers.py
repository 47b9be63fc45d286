"""Answered from the knowledge base: the answer, the work order event, the audit entry."""

from __future__ import annotations

import pytest

from kefu.accounts.models import User
from kefu.audit.models import AuditEntry
from kefu.core.errors import NotFound, NotPermitted
from kefu.kb.models import KnowledgeAnswer
from kefu.kb.panel import ticket_panel
from kefu.kb.services import edit_article, publish_article, record_answer
from kefu.kb.services.articles import ArticleText
from kefu.kb.tests.conftest import write
from kefu.tickets.models import TicketEvent
from kefu.tickets.panels import panels_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def leak(cast):
    return write(cast, "漏水报修怎么办", "先关闭总水阀，再报修。")


def handler_who_may_answer(cast):
    """The 工程部 handler, granted the answer capability: sees only work sent to 工程部."""
    from django.contrib.auth.models import Permission

    cast.handler.user_permissions.add(Permission.objects.get(codename="add_knowledgeanswer"))
    return User.objects.get(pk=cast.handler.pk)


def test_an_answer_is_written_in_the_work_orders_history(cast, ticket, leak):
    answer = record_answer(actor=cast.agent, ticket=ticket, article=leak)
    assert (answer.version.number, answer.answered_by) == (1, cast.agent)
    event = TicketEvent.objects.filter(ticket=ticket, kind="knowledge").get()
    assert event.actor == cast.agent
    assert event.data == {"article": leak.pk, "title": "漏水报修怎么办", "version": 1}
    audit = AuditEntry.objects.get(object_type="kb.knowledgeanswer", object_id=str(answer.pk))
    assert audit.changes["ticket"] == [None, ticket.number]


def test_the_answer_keeps_the_version_that_was_published_then(cast, ticket, leak):
    first = record_answer(actor=cast.agent, ticket=ticket, article=leak)
    edit_article(
        actor=cast.supervisor, article=leak, text=ArticleText(title="漏水了", body="新正文")
    )
    publish_article(actor=cast.manager, article=leak)
    second = record_answer(actor=cast.agent, ticket=ticket, article=leak)
    assert (first.version.number, second.version.number) == (1, 2)
    titles = [e.data["title"] for e in TicketEvent.objects.filter(kind="knowledge")]
    assert titles == ["漏水报修怎么办", "漏水了"]


def test_a_work_order_out_of_scope_is_not_found_and_nothing_is_written(cast, ticket, leak):
    handler = handler_who_may_answer(cast)
    with pytest.raises(NotFound, match="Work order not found"):
        record_answer(actor=handler, ticket=ticket, article=leak)
    assert not KnowledgeAnswer.objects.exists()
    assert not TicketEvent.objects.filter(kind="knowledge").exists()


def test_a_draft_or_an_unreadable_article_is_not_found(cast, ticket):
    draft = write(cast, "草稿", publish=False)
    with pytest.raises(NotFound, match="Article not found"):
        record_answer(actor=cast.agent, ticket=ticket, article=draft)
    assert not KnowledgeAnswer.objects.exists()


def test_roles_without_the_capability_may_not_record_answers(cast, ticket, leak):
    for role in ("qa", "auditor", "partner"):
        with pytest.raises(NotPermitted):
            record_answer(actor=cast.by_role(role), ticket=ticket, article=leak)
    assert not KnowledgeAnswer.objects.exists()


def test_the_panel_suggests_articles_for_the_work_orders_text_and_lists_answers(cast, ticket, leak):
    write(cast, "停车收费标准", "每小时5元。")
    record_answer(actor=cast.agent, ticket=ticket, article=leak)
    context = ticket_panel(ticket, cast.agent)
    assert context is not None
    assert [row["article"].title for row in context["kb_suggestions"]] == ["漏水报修怎么办"]
    assert [a.article_id for a in context["kb_answers"]] == [leak.pk]
    assert context["kb_can_answer"] is True


def test_the_panel_is_registered_on_the_work_order_page(cast, ticket, leak):
    keys = [p["key"] for p in panels_for(ticket, cast.agent)]
    assert "knowledge" in keys


def test_the_panel_shows_partner_users_only_public_articles(cast, ticket):
    write(cast, "漏水责任划分", "漏水责任。", visibility="internal")
    write(cast, "漏水报修怎么办", "漏水报修。", visibility="public")
    context = ticket_panel(ticket, cast.partner)
    assert context is not None
    assert [r["article"].title for r in context["kb_suggestions"]] == ["漏水报修怎么办"]
    assert context["kb_can_answer"] is False

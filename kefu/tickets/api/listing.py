"""Work order list pages of the API (工单列表分页): newest first, a queue, or a search."""

from __future__ import annotations

from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.core.paging import Page, keyset_page
from kefu.tickets.api.schemas import TicketFilters
from kefu.tickets.models import Ticket
from kefu.tickets.querysets import TicketQuerySet
from kefu.tickets.search import is_number, search_page, search_terms
from kefu.tickets.views.queues import BY_KEY, by_deadline, queues_for


def filtered_page(actor: User, qs: TicketQuerySet, filters: TicketFilters) -> Page[Ticket]:
    """Newest first by default; a queue sorts by next deadline; a search walks its index."""
    if filters.queue is not None:
        queue = BY_KEY[filters.queue.value]
        if queue not in queues_for(actor):
            message = _("This queue is not offered to you.")
            raise ValidationFailed(message, fields={"queue": [message]})
        qs = queue.narrow(qs, actor, now())
    text = filters.q.strip()
    if text:
        if not is_number(text) and not search_terms(text):
            message = _("Search for at least two Chinese characters, a word or a number.")
            raise ValidationFailed(message, fields={"q": [message]})
        return search_page(qs, text, cursor=filters.cursor, limit=filters.limit)
    if filters.queue is not None:
        return by_deadline(qs, cursor=filters.cursor, limit=filters.limit)
    return keyset_page(qs, cursor=filters.cursor, limit=filters.limit)

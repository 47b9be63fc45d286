"""Records around a work order (工单附属记录): the writers of comments, attachments, links,
merges, tags and standard replies, each in its own module; imported from here."""

from kefu.tickets.services.records_attachments import add_attachment
from kefu.tickets.services.records_comments import add_comment
from kefu.tickets.services.records_links import link_tickets, merge_ticket
from kefu.tickets.services.records_tags import set_tags
from kefu.tickets.services.records_templates import (
    create_reply_template,
    render_reply_template,
    update_reply_template,
)

__all__ = [
    "add_attachment",
    "add_comment",
    "create_reply_template",
    "link_tickets",
    "merge_ticket",
    "render_reply_template",
    "set_tags",
    "update_reply_template",
]

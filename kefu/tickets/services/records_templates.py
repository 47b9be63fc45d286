"""Standard replies (标准回复语): keeping the templates and filling one in for a work order.

Filling is safe by construction (``kefu.tickets.replytext.fill``): only a bare
``{variable}`` of the known list is replaced, so a hostile template such as
``{0.__class__}`` or ``{customer_name.__init__}`` comes out exactly as written.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kefu.audit.choices import AuditAction
from kefu.audit.services import diff, record, snapshot
from kefu.core.errors import NotFound, ValidationFailed
from kefu.tickets.models import ReplyTemplate, Ticket
from kefu.tickets.replytext import VARIABLES, fill, unknown_names
from kefu.tickets.services.records_common import require, visible_ticket

FIELDS = ("code", "title", "body", "is_active", "position")


def template_values(ticket: Ticket, actor: Any) -> dict[str, str | None]:
    """The variables of a work order for its replies; an unknown value leaves ``{name}``."""
    due = ticket.next_due_at
    return {
        "customer_name": ticket.customer.name,
        "number": ticket.number,
        "title": ticket.title,
        "agent_name": str(actor),
        "due": timezone.localtime(due).strftime("%Y-%m-%d %H:%M") if due else None,
        "type_name": ticket.ticket_type.name_zh,
    }


def render_reply_template(*, actor: Any, template: ReplyTemplate, ticket: Ticket) -> str:
    """The template's text filled in for the work order (填充标准回复语). Writes nothing."""
    require(actor, "tickets.view_replytemplate", _("You may not use reply templates."))
    if not template.is_active:
        raise NotFound(_("Reply template not found."))
    current = visible_ticket(actor, ticket)
    return fill(template.body, template_values(current, actor))


def _validated(
    *, code: str, title: str, body: str, instance: ReplyTemplate | None
) -> dict[str, str]:
    errors: dict[str, list[str]] = {}
    others = ReplyTemplate.objects.all()
    if instance is not None:
        others = others.exclude(pk=instance.pk)
    code = code.strip()
    if not code or slugify(code) != code:
        errors["code"] = [_("Use lowercase letters, digits, hyphens and underscores.")]
    elif others.filter(code=code).exists():
        errors["code"] = [_("A reply template with this code exists.")]
    if not title.strip():
        errors["title"] = [_("Enter a title.")]
    if not body.strip():
        errors["body"] = [_("Enter the text.")]
    unknown = unknown_names(body)
    if unknown:
        errors["body"] = [
            _("Unknown variables: %(names)s. Available: %(available)s.")
            % {
                "names": "、".join(f"{{{name}}}" for name in unknown),
                "available": "、".join(f"{{{name}}}" for name in VARIABLES),
            }
        ]
    if errors:
        raise ValidationFailed(_("Please correct the marked fields."), fields=errors)
    return {"code": code, "title": title.strip(), "body": body.strip()}


def create_reply_template(
    *, actor: Any, code: str, title: str, body: str, is_active: bool = True, position: int = 0
) -> ReplyTemplate:
    """Add a standard reply (新增标准回复语)."""
    require(actor, "tickets.add_replytemplate", _("You may not manage reply templates."))
    clean = _validated(code=code, title=title, body=body, instance=None)
    with transaction.atomic():
        template = ReplyTemplate.objects.create(**clean, is_active=is_active, position=position)
        record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=template,
            changes=diff({}, snapshot(template, FIELDS)),
        )
    return template


def update_reply_template(
    *,
    actor: Any,
    template: ReplyTemplate,
    code: str,
    title: str,
    body: str,
    is_active: bool,
    position: int,
) -> ReplyTemplate:
    """Change a standard reply (修改标准回复语)."""
    require(actor, "tickets.change_replytemplate", _("You may not manage reply templates."))
    clean = _validated(code=code, title=title, body=body, instance=template)
    with transaction.atomic():
        current = ReplyTemplate.objects.select_for_update().get(pk=template.pk)
        before = snapshot(current, FIELDS)
        for name, value in {**clean, "is_active": is_active, "position": position}.items():
            setattr(current, name, value)
        current.save()
        changes = diff(before, snapshot(current, FIELDS))
        if changes:
            record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
    return current

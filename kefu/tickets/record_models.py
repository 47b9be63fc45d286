"""Records around a work order (工单附属记录): attachments, comments, reply templates, links, tags.

Imported at the end of ``kefu.tickets.models`` so that they belong to the tickets app. Comments
and attachments are append-only: a reply sent to a customer is never edited or deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.core.appendonly import AppendOnlyModel
from kefu.tickets.record_choices import LinkKind
from kefu.tickets.record_querysets import TicketAttachmentQuerySet, TicketCommentQuerySet


class TicketComment(AppendOnlyModel):
    """Comment (工单留言): a reply to the customer (客户回复) or an internal note (内部备注)."""

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    body = models.TextField(_("text"))
    is_internal = models.BooleanField(_("internal note"), default=False)

    objects = TicketCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["ticket", "id"]
        indexes = [models.Index(fields=["ticket", "id"], name="tickets_comment_ticket_idx")]
        permissions = [
            ("view_internal_record", _("Can see internal notes and internal attachments")),
            ("write_note", _("Can write internal notes on work orders")),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.body[:30]}"


class TicketAttachment(AppendOnlyModel):
    """Attachment (附件): an image or PDF of a work order, stored under the data directory."""

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    stored_path = models.CharField(
        _("stored path"), max_length=255, help_text=_("Relative to the data directory.")
    )
    is_internal = models.BooleanField(_("internal"), default=False)

    objects = TicketAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["ticket", "id"]
        indexes = [models.Index(fields=["ticket", "id"], name="tickets_attachment_ticket_idx")]
        permissions = [("attach_file", _("Can attach files to work orders"))]

    def __str__(self) -> str:
        return self.original_name


class ReplyTemplate(models.Model):
    """Standard reply (标准回复语, 规范服务用语): a text with variables like ``{customer_name}``."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    title = models.CharField(_("template title"), max_length=100)
    body = models.TextField(_("text"))
    is_active = models.BooleanField(_("in use"), default=True)
    position = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.title


class TicketLink(models.Model):
    """Link between work orders (关联工单): the first is related to, a duplicate of, or caused
    by the second."""

    from_ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="links_out",
    )
    to_ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("linked work order"),
        on_delete=models.PROTECT,
        related_name="links_in",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LinkKind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"))

    class Meta:
        verbose_name = _("work order link")
        verbose_name_plural = _("work order links")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["from_ticket", "to_ticket"], name="tickets_link_unique_pair"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_ticket=models.F("to_ticket")),
                name="tickets_link_not_self",
            ),
        ]
        permissions = [
            ("merge_ticket", _("Can merge work orders")),
            ("merge_across_customers", _("Can merge work orders of different customers")),
        ]

    def __str__(self) -> str:
        return f"{self.from_ticket_id} {self.kind} {self.to_ticket_id}"


class TicketTag(models.Model):
    """Tag of a work order (工单标签): a free label, for filtering queues and reports."""

    ticket = models.ForeignKey(
        "tickets.Ticket",
        verbose_name=_("work order"),
        on_delete=models.PROTECT,
        related_name="tags",
    )
    name = models.CharField(_("tag"), max_length=30)

    class Meta:
        verbose_name = _("work order tag")
        verbose_name_plural = _("work order tags")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["ticket", "name"], name="tickets_tag_unique")
        ]
        indexes = [models.Index(fields=["name", "ticket"], name="tickets_tag_name_idx")]

    def __str__(self) -> str:
        return self.name

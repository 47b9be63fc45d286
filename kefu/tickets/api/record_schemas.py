"""Schemas of the work order records API (工单附属记录接口数据): comments, attachments, links,
merges, tags and standard replies. Input refuses unknown fields."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from ninja import Field, Schema
from pydantic import ConfigDict, StringConstraints

from kefu.tickets.choices import Status
from kefu.tickets.record_choices import LinkKind

Body = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=10_000)]
Number = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
TagName = Annotated[str, StringConstraints(max_length=100)]


class CommentOut(Schema):
    id: int
    at: datetime
    author: str | None = Field(description="Display name of the author.")
    body: str
    is_internal: bool = Field(
        description="An internal note (内部备注); otherwise a reply to the customer."
    )


class CommentIn(Schema):
    model_config = ConfigDict(extra="forbid")

    body: Body
    is_internal: bool = Field(
        False, description="True for an internal note; false for a reply to the customer."
    )


class AttachmentOut(Schema):
    id: int
    at: datetime
    name: str = Field(description="The file name as uploaded.")
    content_type: str = Field(description="Detected from the content, not from the name.")
    size: int
    sha256: str
    is_internal: bool
    uploaded_by: str | None
    download_url: str


class LinkedTicketOut(Schema):
    number: str
    title: str
    status_category: Status


class LinkOut(Schema):
    id: int
    kind: LinkKind = Field(description="Read from ``from`` to ``to``.")
    from_number: str
    to_number: str
    at: datetime


class LinksOut(Schema):
    links: list[LinkOut] = Field(description="Links from or to this work order.")
    merged_into: LinkedTicketOut | None
    merged_from: list[LinkedTicketOut] = Field(description="Work orders merged into this one.")


class LinkIn(Schema):
    model_config = ConfigDict(extra="forbid")

    number: Number = Field(description="The other work order's number.")
    kind: LinkKind = LinkKind.RELATED


class MergeIn(Schema):
    model_config = ConfigDict(extra="forbid")

    into: Number = Field(description="Number of the work order that carries on.")
    across_customers: bool = Field(
        False,
        description="Confirm a merge of two customers' work orders "
        "(needs tickets.merge_across_customers).",
    )


class MergeOut(Schema):
    number: str
    merged_into: str
    state: str = Field(description="Kept as it was; the status category says closed.")
    status_category: Status
    closed_at: datetime | None


class TagsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    tags: list[TagName] = Field(description="The full set of tags; replaces the old one.")


class TagsOut(Schema):
    tags: list[str]


class ReplyTemplateOut(Schema):
    code: str
    title: str
    body: str = Field(description="With variables such as {customer_name}, {number}, {due}.")


class RenderedReplyOut(Schema):
    code: str
    title: str
    text: str = Field(description="Filled in for the work order; unknown variables kept as is.")

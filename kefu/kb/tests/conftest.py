"""Fixtures of the knowledge base tests: writing and publishing articles, a work order."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import translation

from kefu.conftest import Cast
from kefu.customers.models import Customer
from kefu.customers.services import create_customer
from kefu.kb.models import Article
from kefu.kb.services import ArticleText, create_article, publish_article
from kefu.tickets.models import Ticket
from kefu.tickets.services import create_ticket


@pytest.fixture(autouse=True)
def in_english() -> Iterator[None]:
    """Service messages are asserted in English (pages and the API pick their own language)."""
    with translation.override("en"):
        yield


def write(
    cast: Cast,
    title: str,
    body: str = "正文。",
    *,
    visibility: str = "public",
    tags: tuple[str, ...] = (),
    publish: bool = True,
    **extra: Any,
) -> Article:
    """An article written by the supervisor and (unless told) published by the manager."""
    article = create_article(
        actor=cast.supervisor,
        text=ArticleText(title=title, body=body, visibility=visibility, tags=tags, **extra),
    )
    if publish:
        article = publish_article(actor=cast.manager, article=article)
    return article


@pytest.fixture
def customer(cast: Cast) -> Customer:
    return create_customer(actor=cast.agent, data={"name": "李娜", "phone": "13900139000"})


def open_ticket(cast: Cast, customer: Customer, **extra: Any) -> Ticket:
    return create_ticket(
        actor=cast.agent,
        type_code=extra.pop("type_code", "consultation"),
        customer=customer,
        channel="phone",
        title=extra.pop("title", "厨房漏水怎么办"),
        **extra,
    )


@pytest.fixture
def ticket(cast: Cast, customer: Customer) -> Ticket:
    return open_ticket(cast, customer, description="楼上渗水到我家厨房，天花板一直在滴水。")

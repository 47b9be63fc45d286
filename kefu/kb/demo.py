"""Demo knowledge base (演示知识库): categories and published articles, made once.

``ensure_demo_articles(actor)`` is idempotent: a category or an article whose title exists is
left alone. The actor needs ``kb.add_article`` and ``kb.publish_article`` (a manager).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from kefu.kb.demo_articles import ARTICLES, CATEGORIES
from kefu.kb.models import Article, ArticleCategory
from kefu.kb.services import ArticleText, create_article, publish_article


def ensure_demo_categories() -> dict[str, ArticleCategory]:
    made: dict[str, ArticleCategory] = {}
    for order, (name, parent_name) in enumerate(CATEGORIES):
        parent = made[parent_name] if parent_name else None
        made[name], _created = ArticleCategory.objects.get_or_create(
            name=name, parent=parent, defaults={"order": order}
        )
    return made


def ensure_demo_articles(actor: Any) -> int:
    """Create and publish the demo articles that do not exist yet; returns how many."""
    created = 0
    with transaction.atomic():
        categories = ensure_demo_categories()
        existing = set(Article.objects.values_list("title", flat=True))
        for category, visibility, tags, title, body in ARTICLES:
            if title in existing:
                continue
            article = create_article(
                actor=actor,
                text=ArticleText(
                    title=title,
                    body=body,
                    category=categories[category],
                    tags=tags,
                    visibility=visibility,
                    change_note="演示数据",
                ),
            )
            publish_article(actor=actor, article=article)
            created += 1
    return created

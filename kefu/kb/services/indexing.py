"""Search index upkeep (检索索引维护): the token rows of one published article."""

from __future__ import annotations

from kefu.core.tokens import document_tokens
from kefu.kb.models import Article, ArticleToken, ArticleVersion


def index_article(article: Article, version: ArticleVersion) -> int:
    """Replace the article's tokens by those of ``version`` (title, body and tag names).
    Call inside the publishing transaction. Returns the number of tokens written."""
    unindex_article(article)
    in_title = document_tokens(version.title)
    tag_text = " ".join(article.tags.values_list("name", flat=True))
    everything = in_title | document_tokens(f"{version.body}\n{tag_text}")
    ArticleToken.objects.bulk_create(
        [
            ArticleToken(
                article=article,
                token=token,
                in_title=token in in_title,
                published_at=article.published_at or version.at,
            )
            for token in sorted(everything)
        ],
        batch_size=500,
    )
    return len(everything)


def unindex_article(article: Article) -> None:
    ArticleToken.objects.filter(article=article).delete()

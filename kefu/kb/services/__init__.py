"""Writes of the knowledge base (知识库写操作): the only code that changes articles.

``create_article`` and ``edit_article`` add an immutable version; ``publish_article`` points the
article at a version and rewrites its search tokens; ``archive_article`` takes it out of reading
and search; ``record_answer`` notes on a work order that it was answered from an article. Each
runs in one transaction with an audit entry.
"""

from kefu.kb.services.answers import record_answer
from kefu.kb.services.articles import (
    ArticleText,
    archive_article,
    create_article,
    edit_article,
    publish_article,
)

__all__ = [
    "ArticleText",
    "archive_article",
    "create_article",
    "edit_article",
    "publish_article",
    "record_answer",
]

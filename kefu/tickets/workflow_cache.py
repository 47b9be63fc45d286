"""Parsed workflows per process (流程定义缓存): a published version is parsed once.

A workflow version is immutable once published, so each process keeps the parsed workflow of
every version it met, keyed by the row (primary key and publication time). Any save or delete
of a version in this process forgets them all (a test database reuses primary keys after a
rollback; a new version is always a new save). Workflows are frozen data, safe to share
between requests and threads.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.db.models.signals import post_delete, post_save

from kefu.tickets.workflow import Workflow, from_dict

if TYPE_CHECKING:
    from kefu.tickets.models import WorkflowVersion

__all__ = ["Workflow", "forget", "parsed"]
# Versions kept at most: published versions are few (a handful per type); past this the cache
# starts again rather than growing without bound.
LIMIT = 512
_parsed: dict[tuple[int, dt.datetime | None], Workflow] = {}


def forget(*_args: Any, **_kwargs: Any) -> None:
    """Forget every parsed workflow (connected to the saves and deletes of versions)."""
    _parsed.clear()


def parsed(version: WorkflowVersion) -> Workflow:
    """The version's definition as a workflow of the pure engine, parsed once per process."""
    if version.pk is None or "published_at" in version.get_deferred_fields():
        return from_dict(version.definition)  # unsaved, or read without its key: not kept
    key = (version.pk, version.published_at)
    workflow = _parsed.get(key)
    if workflow is None:
        workflow = from_dict(version.definition)
        if len(_parsed) >= LIMIT:
            _parsed.clear()
        _parsed[key] = workflow
    return workflow


for _signal in (post_save, post_delete):  # a lazy reference: the model imports this module
    _signal.connect(
        forget, sender="tickets.WorkflowVersion", weak=False, dispatch_uid="workflow_cache"
    )

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

__all__ = ["Workflow", "forget", "known", "parsed"]
# Versions kept at most: published versions are few (a handful per type); past this the cache
# starts again rather than growing without bound.
LIMIT = 512
_parsed: dict[tuple[int, dt.datetime], Workflow] = {}


def forget(*_args: Any, **_kwargs: Any) -> None:
    """Forget every parsed workflow (connected to the saves and deletes of versions)."""
    _parsed.clear()


def _key(version: WorkflowVersion) -> tuple[int, dt.datetime] | None:
    """The cache key of a saved version read with its publication time, else ``None``."""
    if version.pk is None or "published_at" in version.get_deferred_fields():
        return None
    if version.published_at is None:
        return None
    return (version.pk, version.published_at)


def known(version: WorkflowVersion) -> Workflow | None:
    """The parsed workflow of a published version met before in this process, if any (the
    version may be loaded without its definition)."""
    key = _key(version)
    return None if key is None else _parsed.get(key)


def parsed(version: WorkflowVersion) -> Workflow:
    """The version's definition as a workflow of the pure engine, parsed once per process."""
    key = _key(version)
    if key is None:
        return from_dict(version.definition)  # unsaved, a draft, or read without its key
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

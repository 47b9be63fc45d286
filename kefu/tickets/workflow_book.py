"""Workflows of a page of work orders (工单流程簿): definitions read in one query, parsed once.

Lists select the work orders with ``defer("workflow_version__definition")`` (a definition is
several kilobytes of JSON: decoding it for each of 50 rows cost the queue page and the customer
page milliseconds) and ask the book, which reads the definitions of all the page's versions in
one query and parses each once. A published version already parsed in this process
(``kefu.tickets.workflow_cache``) is not read at all: pass the versions (loaded without their
definition) rather than their ids, so the book knows their publication time.
"""

from __future__ import annotations

from collections.abc import Iterable

from kefu.tickets import workflow_cache
from kefu.tickets.models import WorkflowVersion
from kefu.tickets.workflow import Workflow


class WorkflowBook:
    def __init__(self) -> None:
        self._parsed: dict[int, Workflow] = {}

    def load(self, versions: Iterable[WorkflowVersion | int]) -> WorkflowBook:
        """Parse these versions: from the process's cache when published and met before, the
        others' definitions read in one query."""
        missing: set[int] = set()
        for version in versions:
            pk = version if isinstance(version, int) else version.pk
            if pk in self._parsed:
                continue
            known = None if isinstance(version, int) else workflow_cache.known(version)
            if known is None:
                missing.add(pk)
            else:
                self._parsed[pk] = known
        if missing:
            rows = WorkflowVersion.objects.filter(pk__in=missing).only(
                "pk", "published_at", "definition"
            )
            for row in rows:
                self._parsed[row.pk] = workflow_cache.parsed(row)
        return self

    def __call__(self, version: WorkflowVersion | int) -> Workflow:
        pk = version if isinstance(version, int) else version.pk
        if pk not in self._parsed:
            self.load([pk])
        return self._parsed[pk]

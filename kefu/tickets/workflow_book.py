"""Workflows of a page of work orders (工单流程簿): definitions read in one query, parsed once.

Lists select the work orders with ``defer("workflow_version__definition")`` (a definition is
several kilobytes of JSON: decoding it for each of 50 rows cost the queue page and the customer
page milliseconds) and ask the book, which reads the definitions of all the page's versions in
one query and parses each once.
"""

from __future__ import annotations

from collections.abc import Iterable

from kefu.tickets.models import WorkflowVersion
from kefu.tickets.workflow import Workflow, from_dict


class WorkflowBook:
    def __init__(self) -> None:
        self._parsed: dict[int, Workflow] = {}

    def load(self, version_ids: Iterable[int]) -> WorkflowBook:
        """Read the definitions of these versions that are not parsed yet (one query)."""
        missing = set(version_ids) - self._parsed.keys()
        if missing:
            rows = WorkflowVersion.objects.filter(pk__in=missing).values_list("pk", "definition")
            for pk, definition in rows:
                self._parsed[pk] = from_dict(definition)
        return self

    def __call__(self, version: WorkflowVersion | int) -> Workflow:
        pk = version if isinstance(version, int) else version.pk
        if pk not in self._parsed:
            self.load([pk])
        return self._parsed[pk]

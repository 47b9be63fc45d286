"""The workflow book reads a page's definitions in one query and parses each version once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kefu.tickets.models import WorkflowVersion
from kefu.tickets.workflow_book import WorkflowBook

pytestmark = pytest.mark.django_db


def test_one_query_for_all_versions_then_none() -> None:
    versions = list(WorkflowVersion.objects.values_list("pk", flat=True))
    assert len(versions) >= 5  # the shipped types
    book = WorkflowBook()
    with CaptureQueriesContext(connection) as first:
        book.load([*versions, *versions])
    assert len(first.captured_queries) == 1
    with CaptureQueriesContext(connection) as again:
        workflows = [book(pk) for pk in versions]
        book.load(versions)
    assert again.captured_queries == []
    stored = WorkflowVersion.objects.get(pk=versions[0])
    assert workflows[0] == stored.workflow()
    assert book(stored) is workflows[0]

"""Rebuild the work order search index (重建工单检索索引) from the work orders.

kefu tickets_reindex

For upgrades from a release without the index (the migration that creates it also fills it),
after a restore from a copy made by other tools, or if the index is suspected stale. Runs in
one transaction: searches see the old index until it commits.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from kefu.tickets.search import reindex_all


class Command(BaseCommand):
    help = "Rebuild the work order search index from every work order."

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        with transaction.atomic():
            count = reindex_all()
        elapsed = time.monotonic() - started
        self.stdout.write(f"Indexed {count} work orders in {elapsed:.1f} s.")

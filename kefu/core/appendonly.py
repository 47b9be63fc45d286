"""Append-only records (只增记录): rows that are written once and never changed or deleted.

The audit log and the work-order event log use these; code paths that would change a row
(save of an existing row, delete, queryset update/delete/bulk_update) raise AppendOnlyError.
"""

from __future__ import annotations

from typing import Any, NoReturn, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


class AppendOnlyError(Exception):
    """An append-only record cannot be changed or deleted."""


class AppendOnlyQuerySet(models.QuerySet[M]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")

    def bulk_update(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self.model._meta.label} rows are append-only")


class AppendOnlyModel(models.Model):
    """Abstract base: a row may be inserted once, never saved again or deleted."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError(f"{self._meta.label} rows are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError(f"{self._meta.label} rows are append-only")

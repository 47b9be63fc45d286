"""Bulk inserts (批量写入): many rows into one table with ``executemany``.

``bulk_create`` on SQLite sends at most 999 parameters per statement (30 customers) and
builds a model instance per row; for a 100,000-row import that costs more than everything
else together. Values are adapted per column the way Django would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

from django.db import connection, models


class TableWriter:
    """Plain multi-row INSERTs into a model's table, with each column's value adapted for
    the database the way Django would (dates, decimals, JSON), missing values defaulted."""

    CHUNK = 5000

    def __init__(self, model: type[models.Model], attnames: Iterable[str] | None = None) -> None:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        if attnames is not None:
            wanted = set(attnames)
            fields = [f for f in fields if f.attname in wanted]
        self.fields = fields
        self.adapters = [_adapter(f) for f in fields]
        # get_default() gives "" for text that may be blank, None for nullable columns.
        self.defaults = {f.attname: f.get_default() for f in fields}
        ops = connection.ops
        columns = ", ".join(ops.quote_name(f.column or f.attname) for f in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        table = ops.quote_name(model._meta.db_table)
        # Only quoted names of this model's own table and columns; values are parameters.
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608

    def row(self, values: dict[str, Any]) -> tuple[Any, ...]:
        defaults = self.defaults
        return tuple(
            adapt(values[f.attname] if f.attname in values else defaults.get(f.attname))
            for f, adapt in zip(self.fields, self.adapters, strict=True)
        )

    def insert(self, cursor: Any, rows_values: Iterable[dict[str, Any]]) -> None:
        pending: list[tuple[Any, ...]] = []
        for values in rows_values:
            pending.append(self.row(values))
            if len(pending) >= self.CHUNK:
                cursor.executemany(self.sql, pending)
                pending = []
        if pending:
            cursor.executemany(self.sql, pending)


def _same(value: Any) -> Any:
    return value


def _adapter(model_field: models.Field[Any, Any]) -> Callable[[Any], Any]:
    """How a Python value of ``model_field`` is handed to the database driver."""
    ops = connection.ops
    if isinstance(model_field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(model_field, models.DateField):
        return ops.adapt_datefield_value
    if isinstance(model_field, models.DecimalField):
        digits, places = model_field.max_digits, model_field.decimal_places
        return lambda v: ops.adapt_decimalfield_value(v, digits, places)
    if isinstance(
        model_field,
        models.CharField
        | models.TextField
        | models.IntegerField
        | models.BooleanField
        | models.ForeignKey,
    ):
        return _same  # str, int, bool and None go to every driver as they are
    return partial(model_field.get_db_prep_save, connection=connection)

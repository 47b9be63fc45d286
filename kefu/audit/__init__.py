"""Audit log (审计日志): an append-only record of every write, reveal of personal data and export.

Rows are never updated or deleted: the model, its queryset and database triggers all refuse.
"""

"""JSON API shell (接口): Django Ninja at /api/v1/, bearer tokens, errors as structured JSON.

Routers live in the domain apps (``customers/api.py`` …); this package mounts them.
"""

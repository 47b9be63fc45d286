"""Service quality API."""

from ninja import Router

router = Router()

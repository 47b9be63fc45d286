"""Phone calls API."""

from ninja import Router

router = Router()

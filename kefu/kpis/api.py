"""KPIs API."""

from ninja import Router

router = Router()

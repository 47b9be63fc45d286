"""Work contact orders API."""

from ninja import Router

router = Router()

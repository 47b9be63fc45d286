"""Knowledge base API."""

from ninja import Router

router = Router()

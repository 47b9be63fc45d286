"""API router (接口)."""

from ninja import Router

router = Router()

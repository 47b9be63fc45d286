"""Reads of messaging (消息查询): who may see the delivery log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.messaging.models import Delivery  # noqa: F401


class DeliveryQuerySet(models.QuerySet["Delivery"]):
    def visible_to(self, user: Any) -> DeliveryQuerySet:
        """Service staff with the view capability see every delivery; everyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            "messaging.view_delivery"
        ):
            return self.none()
        return self

    def for_campaign(self, key: str) -> DeliveryQuerySet:
        return self.filter(campaign_key=key)

"""Reads of campaigns (活动查询): who may see campaigns and templates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import models

if TYPE_CHECKING:
    from kefu.campaigns.models import Campaign, MessageTemplate  # noqa: F401


class CampaignQuerySet(models.QuerySet["Campaign"]):
    def visible_to(self, user: Any) -> CampaignQuerySet:
        """Service staff with the view capability see every campaign; everyone else none."""
        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            "campaigns.view_campaign"
        ):
            return self.none()
        return self


class MessageTemplateQuerySet(models.QuerySet["MessageTemplate"]):
    def visible_to(self, user: Any) -> MessageTemplateQuerySet:
        if not getattr(user, "is_authenticated", False) or not user.has_perm(
            "campaigns.view_messagetemplate"
        ):
            return self.none()
        return self

    def active(self) -> MessageTemplateQuerySet:
        return self.filter(is_active=True)

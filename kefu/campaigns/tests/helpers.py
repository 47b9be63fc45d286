"""Test helpers of campaigns (活动测试数据)."""

from __future__ import annotations

from typing import Any

from kefu.campaigns.models import Campaign, MessageTemplate
from kefu.campaigns.services import create_campaign, create_template


def make_template(actor: Any, **data: Any) -> MessageTemplate:
    values = {
        "name": "会员日短信",
        "channel": "sms",
        "subject": "",
        "body": "{name}您好，本周五会员日全场八折。",
    }
    values.update(data)
    return create_template(actor=actor, data=values)


def make_campaign(actor: Any, template: MessageTemplate | None = None, **data: Any) -> Campaign:
    values: dict[str, Any] = {
        "name": "五月会员日",
        "template": template or make_template(actor),
        "purpose": "marketing",
    }
    values.update(data)
    return create_campaign(actor=actor, data=values)

"""Choices of work orders (工单枚举): status categories, channels, priorities, event kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.tickets.categories import StatusCategory


class Status(models.TextChoices):
    """Status category (状态大类) as model choices; values are ``StatusCategory``'s."""

    NEW = StatusCategory.NEW.value, _("New")
    OPEN = StatusCategory.OPEN.value, _("Open")
    WAITING_ON_CUSTOMER = StatusCategory.WAITING_ON_CUSTOMER.value, _("Waiting on customer")
    WAITING_ON_PARTNER = StatusCategory.WAITING_ON_PARTNER.value, _("Waiting on partner")
    RESOLVED = StatusCategory.RESOLVED.value, _("Resolved")
    CLOSED = StatusCategory.CLOSED.value, _("Closed")


class Channel(models.TextChoices):
    """Channel (受理渠道): how the work order came in."""

    PHONE = "phone", _("Phone call")
    WALK_IN = "walk_in", _("Walk-in")
    EMAIL = "email", _("Email")
    WEB = "web", _("Web or portal")
    CHAT = "chat", _("Online chat")
    SMS = "sms", _("SMS")
    WECHAT = "wechat", _("WeChat")
    SUGGESTION_BOX = "suggestion_box", _("Suggestion box")
    MYSTERY_SHOPPER = "mystery_shopper", _("Mystery shopper")
    API = "api", _("API")


class Priority(models.TextChoices):
    """Priority (优先级)."""

    URGENT = "urgent", _("Urgent")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class EventKind(models.TextChoices):
    """Work order event kind (工单事件类型)."""

    CREATED = "created", _("Created")
    TRANSITION = "transition", _("Transition")
    COMMENT = "comment", _("Reply to the customer")
    NOTE = "note", _("Internal note")
    ASSIGNMENT = "assignment", _("Assignment")
    ATTACHMENT = "attachment", _("Attachment")
    LINK = "link", _("Link")
    MERGE = "merge", _("Merge")
    TAGS = "tags", _("Tags")
    FIELDS = "fields", _("Fields changed")
    SATISFACTION = "satisfaction", _("Satisfaction recorded")
    CALLBACK = "callback", _("Callback")
    CONTACT_ORDER = "contact_order", _("Work contact order")
    DEADLINE = "deadline", _("Deadline")
    WARNING = "warning", _("Deadline warning")
    ESCALATION = "escalation", _("Escalation")
    KNOWLEDGE = "knowledge", _("Answered from the knowledge base")
    CALL = "call", _("Phone call")

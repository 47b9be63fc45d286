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


class Satisfaction(models.TextChoices):
    """Satisfaction (满意度): the five-point scale of seed 001 (非常满意 … 非常不满意)."""

    VERY_SATISFIED = "very_satisfied", _("Very satisfied")
    SATISFIED = "satisfied", _("Satisfied")
    NEUTRAL = "neutral", _("Neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
    VERY_DISSATISFIED = "very_dissatisfied", _("Very dissatisfied")


# Counted as satisfied by the satisfaction rate: (非常满意 + 满意) / surveyed.
SATISFIED_LEVELS = frozenset({Satisfaction.VERY_SATISFIED.value, Satisfaction.SATISFIED.value})


class CallbackOutcome(models.TextChoices):
    """Callback outcome (回访结果): only a reached customer completes the callback."""

    REACHED = "reached", _("Reached")
    NOT_REACHED = "not_reached", _("Not reached")
    REFUSED = "refused", _("Refused to talk")
    WRONG_NUMBER = "wrong_number", _("Wrong number")

"""Choices of the knowledge base (知识库枚举): visibility and status of an article."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Visibility (可见范围): internal articles are for service staff only."""

    INTERNAL = "internal", _("Internal")
    PUBLIC = "public", _("Public")


class ArticleStatus(models.TextChoices):
    """Article status (文章状态): only published articles are read and searched."""

    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")

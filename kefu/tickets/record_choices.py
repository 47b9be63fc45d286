"""Choices of the records around a work order (工单附属记录枚举): link kinds."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LinkKind(models.TextChoices):
    """Link kind (关联类型) between two work orders, read from the first to the second."""

    RELATED = "related", _("Related to")
    DUPLICATE = "duplicate", _("Duplicate of")
    CAUSED_BY = "caused_by", _("Caused by")

"""Audit actions (审计动作)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    CREATE = "create", _("Create")
    UPDATE = "update", _("Update")
    DELETE = "delete", _("Delete")
    REVEAL = "reveal", _("Reveal personal data")
    EXPORT = "export", _("Export")
    IMPORT = "import", _("Import")
    MERGE = "merge", _("Merge")
    LOGIN = "login", _("Log in")
    LOGIN_FAILED = "login_failed", _("Failed log in")
    LOGOUT = "logout", _("Log out")
    TOKEN = "token", _("API token")

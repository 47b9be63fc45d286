"""Users and API tokens (用户与接口令牌)."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from kefu.accounts.roles import ROLE_CODES, role


class User(AbstractUser):
    """User (用户): a login of a staff member, partner user or auditor."""

    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    failed_logins = models.PositiveIntegerField(_("failed logins"), default=0)
    locked_until = models.DateTimeField(_("locked until"), null=True, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")  # type: ignore[assignment]
        verbose_name_plural = _("users")  # type: ignore[assignment]

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def role_codes(self) -> list[str]:
        cached: list[str] | None = getattr(self, "_role_codes", None)
        if cached is None:
            names = set(self.groups.values_list("name", flat=True))
            cached = [code for code in ROLE_CODES if code in names]
            self._role_codes: list[str] | None = cached
        return cached

    def has_role(self, code: str) -> bool:
        return code in self.role_codes

    @property
    def role_labels(self) -> list[str]:
        return [str(role(code).label) for code in self.role_codes]


class ApiToken(models.Model):
    """API token (接口令牌): a bearer token; only its SHA-256 hash is stored."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=12, db_index=True)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

"""Login form (登录表单) with the lockout message."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("The username or password is wrong."),
        "locked": _("Too many failed attempts: this account is locked for %(minutes)s minutes."),
    }

    def clean(self) -> dict[str, object]:
        try:
            return super().clean()
        except forms.ValidationError:
            if self.request is not None and getattr(self.request, "kefu_locked", False):
                raise forms.ValidationError(
                    self.error_messages["locked"],
                    code="locked",
                    params={"minutes": settings.KEFU_LOGIN_LOCKOUT_MINUTES},
                ) from None
            raise

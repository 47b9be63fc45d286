"""Login with lockout (登录锁定): too many failures lock the account for a while."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from kefu.accounts import services
from kefu.accounts.models import User


class LockoutModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            User().set_password(password)  # same cost as a real check: no user enumeration
            return None
        if services.is_locked(user):
            if request is not None:
                request.kefu_locked = True  # type: ignore[attr-defined]
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            services.register_login_success(user=user)
            return user
        services.register_login_failure(user=user)
        if request is not None and services.is_locked(user):
            request.kefu_locked = True  # type: ignore[attr-defined]
        return None

"""Agent extensions (坐席分机) and the CTI system account's right to report calls."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Permission
from django.db import transaction
from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.errors import NotFound, NotPermitted, ValidationFailed
from kefu.cti.models import AgentExtension

EXTENSION_MAX = AgentExtension._meta.get_field("extension").max_length or 20


def _require_admin(actor: Any) -> None:
    if not getattr(actor, "is_authenticated", False) or not actor.has_perm(
        "cti.change_agentextension"
    ):
        raise NotPermitted(_("You may not manage phone extensions."))


def assign_extension(*, actor: Any, user: User, extension: str) -> AgentExtension:
    """Give ``user`` the phone extension (分配分机); an extension held by someone else moves."""
    _require_admin(actor)
    extension = (extension or "").strip()
    errors: dict[str, list[str]] = {}
    if not extension:
        errors["extension"] = [_("This field is required.")]
    elif len(extension) > EXTENSION_MAX:
        errors["extension"] = [_("The text is too long.")]
    if not user.is_active:
        errors["user"] = [_("Choose a valid user.")]
    if errors:
        raise ValidationFailed(_("Some fields are invalid."), fields=errors)
    with transaction.atomic():
        held = AgentExtension.objects.select_for_update().filter(extension=extension).first()
        if held is None:
            held = AgentExtension.objects.create(user=user, extension=extension)
            record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=held,
                changes={"extension": [None, extension], "user": [None, user.get_username()]},
            )
        elif held.user_id != user.pk:
            before = held.user.get_username()
            held.user = user
            held.save(update_fields=["user"])
            record(
                actor=actor,
                action=AuditAction.UPDATE,
                obj=held,
                changes={"user": [before, user.get_username()]},
            )
    return held


def remove_extension(*, actor: Any, extension_id: int) -> None:
    """Take a phone extension away (删除分机); calls already taken keep their agent."""
    _require_admin(actor)
    with transaction.atomic():
        held = AgentExtension.objects.select_for_update().filter(pk=extension_id).first()
        if held is None:
            raise NotFound(_("Extension not found."))
        record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=held,
            changes={"extension": [held.extension, None], "user": [held.user.get_username(), None]},
        )
        held.delete()


def may_report_calls(user: Any) -> bool:
    """Whether ``user`` is a CTI system account (来电上报账号): ``cti.add_call`` granted to the
    account itself by ``kefu cti_account``. A superuser's implicit permissions and roles do not
    count, so an administrator cannot post telephony events in the exchange's name."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return False
    return bool(
        user.user_permissions.filter(content_type__app_label="cti", codename="add_call").exists()
    )


def allow_call_reports(*, actor: Any, user: User) -> None:
    """Let a system account report calls (授权来电上报): the capability ``cti.add_call``,
    given to the account directly since no role holds it. A superuser is refused: the account
    that reports calls is a dedicated one, never an administrator's."""
    if user.is_superuser:
        raise ValidationFailed(
            _("An administrator cannot report phone calls: use a dedicated system account."),
            fields={"user": [_("Choose an account that is not an administrator.")]},
        )
    permission = Permission.objects.get(content_type__app_label="cti", codename="add_call")
    with transaction.atomic():
        if user.user_permissions.filter(pk=permission.pk).exists():
            return
        user.user_permissions.add(permission)
        record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=user,
            changes={"permissions": [None, "cti.add_call"]},
        )

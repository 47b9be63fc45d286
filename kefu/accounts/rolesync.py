"""Role sync (角色同步): create the role groups and give them the capabilities of ``roles.py``.

Called from data migrations with the historical app registry, so it must not import models.
"""

from __future__ import annotations

from typing import Any

from kefu.accounts.roles import ROLES


def sync_roles(apps: Any, schema_editor: Any = None, *, strict: bool = True) -> None:
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally created after migrate; a fresh database needs them now.
    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for r in ROLES:
        group, _created = group_model.objects.get_or_create(name=r.code)
        wanted = []
        for dotted in r.permissions:
            app_label, codename = dotted.split(".", 1)
            perm = permission_model.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is None:
                if strict:
                    raise LookupError(f"role {r.code}: permission {dotted} does not exist")
                continue
            wanted.append(perm)
        group.permissions.set(wanted)


def sync_roles_in_migration(apps: Any, schema_editor: Any) -> None:
    """For data migrations: an app whose models a later migration adds is skipped now and
    picked up by that app's own role migration (and by the post_migrate sync)."""
    sync_roles(apps, schema_editor, strict=False)


def sync_roles_after_migrate(sender: Any, apps: Any = None, **kwargs: Any) -> None:
    """post_migrate: keep the groups true to ``roles.py`` after every migrate or flush."""
    from django.apps import apps as global_apps

    sync_roles(apps or global_apps, strict=False)

"""Roles gain the work order capabilities (kefu/accounts/roles.py)."""

from django.db import migrations

from kefu.accounts.rolesync import sync_roles_in_migration


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_roles_calendars"), ("tickets", "0001_initial")]
    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]

"""Create the role groups of SPEC §1 with their capabilities (kefu/accounts/roles.py)."""

from django.db import migrations

from kefu.accounts.rolesync import sync_roles_in_migration


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("audit", "0002_append_only_triggers"),
        ("org", "0001_initial"),
        ("customers", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]

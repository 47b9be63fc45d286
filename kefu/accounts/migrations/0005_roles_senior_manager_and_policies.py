"""The senior manager role (高层经理, top of the escalation chain) and SLA policy capabilities."""

from django.db import migrations

from kefu.accounts.rolesync import sync_roles_in_migration


class Migration(migrations.Migration):
    dependencies = [("accounts", "0004_roles_tickets"), ("sla", "0002_slapolicy")]
    operations = [migrations.RunPython(sync_roles_in_migration, migrations.RunPython.noop)]

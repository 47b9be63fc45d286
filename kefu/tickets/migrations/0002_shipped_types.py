"""The five shipped work order types (预置工单类型), each with workflow version 1 from its preset.

The presets are pure (no Django), so a migration may read them; later preset changes ship as
new workflow versions, never as edits of version 1.
"""

from django.db import migrations

from kefu.tickets.shipped import ensure_shipped_types


def create_types(apps, schema_editor):
    ensure_shipped_types(apps)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0001_initial")]
    operations = [migrations.RunPython(create_types, migrations.RunPython.noop)]

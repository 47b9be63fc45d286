"""The shipped standard replies (预置标准回复语), from ``kefu.tickets.reply_presets``."""

from django.db import migrations

from kefu.tickets.reply_presets import ensure_shipped_reply_templates


def create_templates(apps, schema_editor):
    ensure_shipped_reply_templates(apps)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0004_records")]
    operations = [migrations.RunPython(create_templates, migrations.RunPython.noop)]

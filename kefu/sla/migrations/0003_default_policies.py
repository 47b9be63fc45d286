"""Shipped SLA policies (预置服务时限标准); see kefu/sla/shipped.py."""

from django.db import migrations

from kefu.sla.shipped import ensure_default_policies


def create(apps, schema_editor):
    ensure_default_policies(apps)


class Migration(migrations.Migration):
    dependencies = [("sla", "0002_slapolicy")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]

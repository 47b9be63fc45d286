"""Default grade thresholds (editable in the console): A ≥ ¥10,000 and 12 visits, B ≥ ¥3,000 and 4."""

from decimal import Decimal

from django.db import migrations

DEFAULTS = [("A", Decimal("10000"), 12), ("B", Decimal("3000"), 4), ("C", Decimal("0"), 0)]


def forwards(apps, schema_editor):
    rule = apps.get_model("customers", "GradeRule")
    for grade, spend, visits in DEFAULTS:
        rule.objects.get_or_create(
            grade=grade, defaults={"min_spend_12m": spend, "min_visits_12m": visits}
        )


class Migration(migrations.Migration):
    dependencies = [("customers", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

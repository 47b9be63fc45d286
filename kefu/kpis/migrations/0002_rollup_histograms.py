"""Minute histograms in the daily rollups (每日汇总的分钟直方图).

Rollups written before have no histograms, so their days would show no percentiles: they are
removed, and every period is counted live (the same figures, slower) until the rollups are
recounted — the periodic job does the last 40 days, ``kefu kpis rollup`` the whole history
(docs/operations.md).
"""

from typing import Any

from django.db import migrations, models


def forget_rollups(apps: Any, schema_editor: Any) -> None:
    apps.get_model("kpis", "DailyRollup").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("kpis", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="dailyrollup",
            name="histograms",
            field=models.JSONField(blank=True, default=dict, verbose_name="minute histograms"),
        ),
        migrations.RunPython(forget_rollups, migrations.RunPython.noop),
    ]

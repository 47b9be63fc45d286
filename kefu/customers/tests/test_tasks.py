"""Background jobs (后台任务): the nightly grade recompute runs at 03:00 local time."""

import datetime as dt
from decimal import Decimal

from huey.contrib.djhuey import HUEY

from kefu.customers.models import Customer
from kefu.customers.tasks import local_crontab, recompute_grades
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401


def test_three_in_the_morning_means_shanghai_time_when_huey_keeps_utc(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    settings.HUEY = {**settings.HUEY, "utc": True}
    at_three = local_crontab(minute="0", hour="3")
    assert at_three(dt.datetime(2026, 1, 1, 19, 0))  # 03:00 on 2 January in Shanghai
    assert not at_three(dt.datetime(2026, 1, 2, 3, 0))  # 11:00 in Shanghai


def test_the_nightly_recompute_is_registered_as_a_periodic_task():
    names = {task.name for task in HUEY._registry.periodic_tasks}
    assert "customers.recompute_grades" in names


def test_the_nightly_recompute_changes_grades(db):
    customer = CustomerFactory.create(grade="C", spend_12m=Decimal("20000"), visits_12m=20)
    assert recompute_grades.call_local() == 1
    assert Customer.objects.get(pk=customer.pk).grade == "A"

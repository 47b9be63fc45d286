"""The demo callbacks are made once."""

import pytest

from kefu.callbacks.demo import RULES, ensure_demo_callbacks
from kefu.callbacks.models import CallbackRule, CallbackTask

from .conftest import make_customer

pytestmark = pytest.mark.django_db


def test_demo_callbacks_are_idempotent(cast):
    for n in range(25):
        make_customer(cast, f"演示{n}", f"1360000{n:04d}")
    users = {"agent": cast.agent}
    assert ensure_demo_callbacks(users) == 20
    assert ensure_demo_callbacks(users) == 0
    assert CallbackRule.objects.count() == len(RULES)
    tasks = CallbackTask.objects.filter(assignee=cast.agent)
    assert tasks.count() == 20
    assert tasks.filter(status="done", done_by=cast.agent).count() == 3

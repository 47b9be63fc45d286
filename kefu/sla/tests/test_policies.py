"""SLA policies are edited in the console, validated and audited; new targets reach new work."""

from __future__ import annotations

import pytest
from django.utils import translation

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.deadlines.models import Deadline
from kefu.sla.models import SlaPolicy
from kefu.sla.policies import save_policy
from kefu.tickets.tests.conftest import customer, open_ticket  # noqa: F401

pytestmark = pytest.mark.django_db

VALID = {
    "name": "VIP 投诉",
    "ticket_type": "complaint",
    "priority": "",
    "customer_grade": "A",
    "calendar": None,
    "first_response_minutes": 10,
    "resolve_minutes": 120,
    "warn_percent": 50,
    "escalate_every_minutes": 30,
    "escalation_chain": ["manager", "senior_manager"],
    "is_active": True,
}


def test_a_more_specific_policy_reaches_new_work_orders(cast, customer):  # noqa: F811
    customer.grade = "A"
    customer.save(update_fields=["grade"])
    policy = save_policy(actor=cast.admin, policy=None, data=dict(VALID))
    ticket = open_ticket(cast, customer)
    first = Deadline.objects.get(ticket=ticket, kind="first_response")
    assert (first.policy, first.escalation_chain) == (policy, ["manager", "senior_manager"])
    assert first.due_at is not None
    assert (first.due_at - ticket.created_at).total_seconds() == 600
    assert AuditEntry.objects.filter(object_type="sla.slapolicy", action="create").exists()


def test_bad_targets_are_refused_in_chinese_and_nothing_is_saved(cast):
    bad = {**VALID, "first_response_minutes": 0, "resolve_minutes": 5, "warn_percent": 100,
           "escalation_chain": ["manager", "manager"], "priority": "soon"}  # fmt: skip
    before = SlaPolicy.objects.count()
    with translation.override("zh-hans"), pytest.raises(ValidationFailed) as refused:
        save_policy(actor=cast.admin, policy=None, data=bad)
    assert set(refused.value.fields) == {
        "first_response_minutes", "warn_percent", "escalation_chain", "priority",
    }  # fmt: skip
    assert refused.value.fields["escalation_chain"] == ["每个升级层级只能选择一次。"]
    reversed_targets = {**VALID, "first_response_minutes": 60, "resolve_minutes": 30}
    with pytest.raises(ValidationFailed) as order:
        save_policy(actor=cast.admin, policy=None, data=reversed_targets)
    assert set(order.value.fields) == {"resolve_minutes"}
    assert SlaPolicy.objects.count() == before


def test_only_admins_change_policies_and_agents_get_403_on_the_pages(cast, client):
    with pytest.raises(NotPermitted):
        save_policy(actor=cast.supervisor, policy=None, data=dict(VALID))
    policy = SlaPolicy.objects.get(name="投诉")
    client.force_login(cast.agent)
    assert client.get("/sla/policies/").status_code == 403
    client.force_login(cast.admin)
    page = client.get("/sla/policies/").content.decode()
    assert "紧急投诉" in page
    assert "默认时限" in page
    data = {**VALID, "name": "投诉（调整）", "ticket_type": "complaint", "customer_grade": "",
            "calendar": "", "first_response_minutes": "45", "resolve_minutes": "600",
            "warn_percent": "75", "escalate_every_minutes": "60", "is_active": "on",
            "escalation_chain": ["supervisor", "manager"]}  # fmt: skip
    response = client.post(f"/sla/policies/{policy.pk}/", data)
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.name, policy.first_response_minutes) == ("投诉（调整）", 45)
    assert policy.escalation_chain == ["supervisor", "manager"]
    refused = client.post(f"/sla/policies/{policy.pk}/", {**data, "resolve_minutes": "5"})
    assert refused.status_code == 200
    assert "解决时限不能早于首次响应时限。" in refused.content.decode()
    policy.refresh_from_db()
    assert policy.resolve_minutes == 600

"""Upgrading keeps every record: a database with data at the previous release's migrations is
migrated to head, and everything written before is still there, unchanged.

Two starting points: ``BASELINE``, the state at the end of the foundation work (commit c689c9e,
``None`` for apps that did not exist yet), and ``V0_1_0``, the first release. At each release,
add the previous tag's state (the last migration of each app) the same way.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BASELINE_NAME = "foundation (c689c9e)"
BASELINE: dict[str, str | None] = {
    "accounts": "0004_roles_tickets",
    "audit": "0002_append_only_triggers",
    "customers": "0002_default_grade_rules",
    "org": "0001_initial",
    "sla": "0001_initial",
    "tickets": "0002_shipped_types",
}
NEW_APPS = ("callbacks", "campaigns", "cti", "deadlines", "kb", "kpis", "liaison",
            "messaging", "notify", "quality", "reports", "surveys", "web")  # fmt: skip
AT = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def _targets() -> list[tuple[str, str | None]]:
    return [*BASELINE.items(), *((app, None) for app in NEW_APPS)]


def _migrate(targets: list[tuple[str, str | None]]) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return MigrationExecutor(connection)


def _write_old_data(apps: Any) -> dict[str, int]:
    """Records as the previous release wrote them, through its own models."""
    department = apps.get_model("org", "Department").objects.create(name="工程部", code="eng")
    user = apps.get_model("accounts", "User").objects.create(username="老坐席", is_active=True)
    customer = apps.get_model("customers", "Customer").objects.create(
        name="老客户", phone="13800138000", phone_last4="8000", created_at=AT, updated_at=AT
    )
    kind = apps.get_model("tickets", "TicketType").objects.get(code="complaint")
    version = apps.get_model("tickets", "WorkflowVersion").objects.get(ticket_type=kind, version=1)
    ticket = apps.get_model("tickets", "Ticket").objects.create(
        number="TS20261102-0001", ticket_type=kind, workflow_version=version,
        state="forwarded", status_category="waiting_on_partner", channel="phone",
        priority="high", category="服务态度", customer=customer, title="升级前的投诉",
        description="老数据", created_by=user, created_at=AT, updated_at=AT,
        first_response_at=AT, department=department,
    )  # fmt: skip
    apps.get_model("tickets", "TicketEvent").objects.create(
        ticket=ticket, at=AT, actor=user, kind="created", to_state="received",
        data={"channel": "phone"},
    )  # fmt: skip
    return {"department": department.pk, "user": user.pk, "customer": customer.pk,
            "ticket": ticket.pk}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_migrating_from_the_previous_release_keeps_every_record():
    old = _migrate(_targets())
    head = old.loader.graph.leaf_nodes()
    try:
        tables = connection.introspection.table_names()
        assert "deadlines_deadline" not in tables  # really at the previous release's schema
        assert "tickets_ticket" in tables
        baseline = [(app, name) for app, name in _targets() if name is not None]
        ids = _write_old_data(old.loader.project_state(baseline).apps)
    finally:
        _migrate(head)  # to head, data migrations included (and back for the next tests)

    from kefu.customers.models import Customer
    from kefu.org.models import Department
    from kefu.sla.models import SlaPolicy
    from kefu.tickets.models import Ticket, TicketEvent

    ticket = Ticket.objects.get(pk=ids["ticket"])
    assert (ticket.number, ticket.state, ticket.title, ticket.category) == (
        "TS20261102-0001", "forwarded", "升级前的投诉", "服务态度",
    )  # fmt: skip
    assert (ticket.created_at, ticket.first_response_at) == (AT, AT)
    assert ticket.department_id == ids["department"]
    assert ticket.merged_into_id is None  # new columns arrive empty
    assert ticket.next_due_at is None
    assert TicketEvent.objects.get(ticket=ticket).data == {"channel": "phone"}
    customer = Customer.objects.get(pk=ids["customer"])
    assert (customer.name, customer.phone) == ("老客户", "13800138000")
    assert Department.objects.get(pk=ids["department"]).name == "工程部"
    assert SlaPolicy.objects.filter(name="投诉").exists()  # shipped by a later data migration
    call_command("migrate", "--check", verbosity=0)  # nothing left unapplied


# v0.1.0 (tag at de0c3bd): the last migration of each app.
V0_1_0: dict[str, str] = {
    "accounts": "0005_roles_senior_manager_and_policies", "audit": "0002_append_only_triggers",
    "callbacks": "0003_due_on_index", "campaigns": "0001_initial", "cti": "0001_initial",
    "customers": "0002_default_grade_rules", "deadlines": "0003_kpi_indexes",
    "kb": "0001_initial", "kpis": "0001_initial", "liaison": "0002_kpi_indexes",
    "messaging": "0001_initial", "notify": "0001_initial", "org": "0002_position_title_label",
    "quality": "0001_initial", "reports": "0001_initial", "sla": "0003_default_policies",
    "surveys": "0001_initial", "tickets": "0007_scale_indexes_search", "web": "0001_initial",
}  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_migrating_from_v0_1_0_keeps_work_and_drops_rollups_without_histograms():
    old = _migrate(list(V0_1_0.items()))
    head = old.loader.graph.leaf_nodes()
    try:
        apps = old.loader.project_state(list(V0_1_0.items())).apps
        rollup = apps.get_model("kpis", "DailyRollup")
        assert "histograms" not in {f.name for f in rollup._meta.get_fields()}
        rollup.objects.create(day=AT.date(), dimension="all", key="", created=3, computed_at=AT)
        ids = _write_old_data(apps)
    finally:
        _migrate(head)

    from kefu.kpis.models import DailyRollup
    from kefu.tickets.models import Ticket

    assert Ticket.objects.get(pk=ids["ticket"]).title == "升级前的投诉"
    # Rollups without histograms would show no percentiles: they are removed, the periods are
    # counted live until `kefu kpis rollup` recounts them (CHANGELOG).
    assert not DailyRollup.objects.exists()
    call_command("migrate", "--check", verbosity=0)

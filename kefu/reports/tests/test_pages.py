"""Report console pages (报表页面): targets set by managers only, reports generated on demand
by leads, the list and the navigation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kefu.audit.models import AuditEntry
from kefu.reports.models import KpiTarget, Report
from kefu.reports.services import set_target

pytestmark = pytest.mark.django_db


def test_a_manager_sets_a_target_and_it_is_audited(client, cast):
    client.force_login(cast.manager)
    response = client.post(
        "/reports/targets/",
        {"code": "satisfaction_rate", "target": "92.5", "direction": "higher"},
    )
    assert response.status_code == 302
    target = KpiTarget.objects.get(code="satisfaction_rate")
    assert (target.target, target.direction, target.updated_by) == (
        Decimal("92.50"), "higher", cast.manager,
    )  # fmt: skip
    entry = AuditEntry.objects.get(object_type="reports.kpitarget")
    assert entry.changes["target"] == [None, "92.50"]
    client.post(
        "/reports/targets/", {"code": "satisfaction_rate", "target": "95", "direction": "higher"}
    )
    assert KpiTarget.objects.get(code="satisfaction_rate").target == Decimal("95.00")
    assert KpiTarget.objects.count() == 1


def test_supervisors_and_auditors_see_targets_but_cannot_set_them(client, cast):
    set_target(actor=cast.manager, code="backlog", target="20", direction="lower")
    for user in (cast.supervisor, cast.auditor):
        client.force_login(user)
        page = client.get("/reports/targets/")
        assert page.status_code == 200
        assert 'name="target"' not in page.content.decode()
        refused = client.post(
            "/reports/targets/", {"code": "backlog", "target": "1", "direction": "lower"}
        )
        assert refused.status_code == 403
    assert KpiTarget.objects.get(code="backlog").target == Decimal("20.00")


def test_a_target_that_is_not_a_number_or_for_no_kpi_is_refused_and_nothing_saved(cast):
    from kefu.core.errors import ValidationFailed

    with pytest.raises(ValidationFailed) as bad:
        set_target(actor=cast.manager, code="happiness", target="lots", direction="sideways")
    assert set(bad.value.fields) == {"code", "target", "direction"}
    assert not KpiTarget.objects.exists()
    assert not AuditEntry.objects.filter(object_type="reports.kpitarget").exists()


def test_a_supervisor_generates_a_report_from_the_list(client, cast, served_month):
    client.force_login(cast.supervisor)
    page = client.get("/reports/").content.decode()
    assert 'data-testid="generate-form"' in page
    response = client.post(
        "/reports/generate/", {"kind": "weekly_satisfaction", "day": "2026-11-04"}
    )
    report = Report.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/{report.pk}/"
    assert (report.period_start, report.period_end) == (dt.date(2026, 11, 2), dt.date(2026, 11, 9))
    assert report.generated_by == cast.supervisor
    listing = client.get("/reports/?kind=weekly_satisfaction").content.decode()
    assert f"/reports/{report.pk}/" in listing
    assert f"/reports/{report.pk}/" not in client.get("/reports/?kind=monthly").content.decode()


def test_auditors_read_reports_but_cannot_generate_them(client, cast):
    client.force_login(cast.auditor)
    assert 'data-testid="generate-form"' not in client.get("/reports/").content.decode()
    refused = client.post("/reports/generate/", {"kind": "monthly", "day": "2026-11-04"})
    assert refused.status_code == 403
    assert not Report.objects.exists()


def test_an_invalid_generation_request_says_why_and_writes_nothing(client, cast):
    client.force_login(cast.manager)
    response = client.post("/reports/generate/", {"kind": "yearly", "day": "x"}, follow=True)
    assert "未生成报表" in response.content.decode()
    assert not Report.objects.exists()


def test_the_navigation_offers_reports_to_leads_only(client, cast):
    client.force_login(cast.manager)
    assert 'href="/reports/"' in client.get("/").content.decode()
    client.force_login(cast.agent)
    assert 'href="/reports/"' not in client.get("/").content.decode()


def test_a_report_out_of_reach_or_missing_is_404_and_an_unknown_export_too(client, cast):
    client.force_login(cast.manager)
    assert client.get("/reports/999/").status_code == 404
    assert client.get("/reports/month/export.csv").status_code == 404
    assert client.get("/reports/today/nothing/").status_code == 404

"""Campaigns API: list, read with counts, send; refusals as the pages."""

from __future__ import annotations

import pytest

from kefu.campaigns.services import run_campaign
from kefu.campaigns.tests.helpers import make_campaign
from kefu.customers.tests.factories import CustomerFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kefu.messaging.tests.urls")]

URL = "/api/v1/campaigns"


@pytest.fixture
def api(client, cast):
    def call(role, method, path=""):
        headers = {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}
        return getattr(client, method)(URL + path, headers=headers)

    return call


def test_agent_lists_and_reads_campaigns_with_counts(api, cast):
    CustomerFactory.create(marketing_consent=True)
    CustomerFactory.create(marketing_consent=False)
    campaign = make_campaign(cast.supervisor)
    listed = api("agent", "get").json()
    assert [c["name"] for c in listed["items"]] == ["五月会员日"]
    assert listed["items"][0]["counts"] is None
    assert api("supervisor", "post", f"/{campaign.pk}/send").status_code == 202
    run_campaign(campaign.pk)
    body = api("agent", "get", f"/{campaign.pk}").json()
    assert body["status"] == "done"
    assert body["counts"] == {
        "queued": 1,
        "sending": 0,
        "sent": 0,
        "failed": 0,
        "skipped": 1,
        "total": 2,
    }


def test_agent_cannot_send_and_a_second_send_conflicts(api, cast):
    campaign = make_campaign(cast.supervisor)
    refused = api("agent", "post", f"/{campaign.pk}/send")
    assert refused.status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert api("manager", "post", f"/{campaign.pk}/send").status_code == 202
    again = api("manager", "post", f"/{campaign.pk}/send")
    assert again.status_code == 409
    assert again.json()["error"]["message"] == "This campaign has already been sent."


def test_partner_sees_no_campaigns(api, cast):
    campaign = make_campaign(cast.supervisor)
    assert api("partner", "get").status_code == 403
    assert api("partner", "get", f"/{campaign.pk}").status_code == 403

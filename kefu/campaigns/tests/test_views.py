"""Campaign pages: who sees and does what, the preview, the send and the delivery log."""

from __future__ import annotations

import pytest

from kefu.campaigns.models import Campaign, MessageTemplate
from kefu.campaigns.services import run_campaign
from kefu.campaigns.tests.helpers import make_campaign, make_template
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401
from kefu.messaging.models import Delivery

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kefu.messaging.tests.urls")]


@pytest.fixture
def as_role(client, cast):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"

    def login(role):
        client.force_login(cast.by_role(role))
        return client

    return login


@pytest.mark.parametrize("role", ["handler", "partner"])
def test_departments_and_partners_have_no_campaign_pages(as_role, cast, role):
    campaign = make_campaign(cast.supervisor)
    client = as_role(role)
    assert client.get("/campaigns/").status_code == 403
    assert client.get(f"/campaigns/{campaign.pk}/").status_code == 403


def test_anonymous_is_sent_to_login(client):
    response = client.get("/campaigns/")
    assert response.status_code == 302
    assert "/login" in response["Location"]


def test_agent_reads_campaigns_but_cannot_create_or_send(as_role, cast):
    CustomerFactory.create(marketing_consent=True)
    campaign = make_campaign(cast.supervisor)
    client = as_role("agent")
    page = client.get("/campaigns/")
    assert page.status_code == 200
    assert "五月会员日" in page.content.decode()
    assert 'data-testid="new-campaign"' not in page.content.decode()
    detail = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert 'data-testid="send-form"' not in detail
    assert client.get("/campaigns/new/").status_code == 403
    assert client.post(f"/campaigns/{campaign.pk}/send/").status_code == 403
    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert not Delivery.objects.exists()


def test_navigation_shows_campaigns_to_agents_only_among_these(as_role):
    assert 'href="/campaigns/"' in as_role("agent").get("/").content.decode()
    assert 'href="/campaigns/"' not in as_role("handler").get("/").content.decode()


def test_supervisor_writes_a_template_and_a_misspelt_variable_is_shown(as_role):
    client = as_role("supervisor")
    bad = client.post(
        "/campaigns/templates/new/", {"name": "生日", "channel": "sms", "body": "{nmae}生日快乐"}
    )
    assert bad.status_code == 200
    assert "Unknown variables: {nmae}." in bad.content.decode()
    assert not MessageTemplate.objects.exists()
    good = client.post(
        "/campaigns/templates/new/",
        {"name": "生日", "channel": "sms", "body": "{name}生日快乐", "is_active": "on"},
    )
    assert good.status_code == 302
    assert MessageTemplate.objects.get().body == "{name}生日快乐"


def test_preview_counts_the_segment_and_masks_phones(as_role, cast):
    CustomerFactory.create(name="甲", grade="A", phone="13800138000", marketing_consent=True)
    CustomerFactory.create(name="乙", grade="A", phone="13900139000", marketing_consent=False)
    CustomerFactory.create(name="丙", grade="B", phone="13700137000", marketing_consent=True)
    template = make_template(cast.supervisor)
    client = as_role("supervisor")
    response = client.post(
        "/campaigns/new/",
        {"name": "A 级关怀", "template": template.pk, "purpose": "care", "grades": ["A"]},
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == f"/campaigns/{campaign.pk}/"
    assert campaign.grades == ["A"]
    page = client.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "2 customers in the segment; 1 consented and can be reached" in page
    assert "138****8000" in page
    assert "13800138000" not in page
    assert "丙" not in page


def test_send_then_the_delivery_log_filters_by_status(as_role, cast):
    CustomerFactory.create(name="同意", phone="13800138000", marketing_consent=True)
    CustomerFactory.create(name="拒绝", phone="13900139000", marketing_consent=False)
    campaign = make_campaign(cast.supervisor)
    client = as_role("manager")
    response = client.post(f"/campaigns/{campaign.pk}/send/")
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.status == "sending"
    run_campaign(campaign.pk)
    again = client.post(f"/campaigns/{campaign.pk}/send/", follow=True)
    assert "This campaign has already been sent." in again.content.decode()
    log = as_role("agent").get(f"/campaigns/{campaign.pk}/deliveries/").content.decode()
    assert "2 messages: 0 sent, 1 queued, 0 failed, 1 skipped." in log
    assert "138****8000" in log
    assert "13800138000" not in log
    skipped = as_role("agent").get(f"/campaigns/{campaign.pk}/deliveries/?status=skipped")
    text = skipped.content.decode()
    assert "拒绝" in text
    assert "同意" not in text
    assert "No marketing consent" in text


def test_progress_box_polls_while_messages_are_queued(as_role, cast):
    CustomerFactory.create(marketing_consent=True)
    campaign = make_campaign(cast.supervisor)
    as_role("supervisor").post(f"/campaigns/{campaign.pk}/send/")
    run_campaign(campaign.pk)
    box = as_role("agent").get(f"/campaigns/{campaign.pk}/progress/").content.decode()
    assert 'hx-trigger="every 3s"' in box
    assert 'data-count="queued">1<' in box
    Delivery.objects.update(status="sent")
    box = as_role("agent").get(f"/campaigns/{campaign.pk}/progress/").content.decode()
    assert "hx-trigger" not in box
    assert 'data-count="sent">1<' in box


def test_a_sent_campaign_cannot_be_edited(as_role, cast):
    campaign = make_campaign(cast.supervisor)
    client = as_role("supervisor")
    client.post(f"/campaigns/{campaign.pk}/send/")
    response = client.post(
        f"/campaigns/{campaign.pk}/edit/",
        {"name": "改", "template": campaign.template_id, "purpose": "marketing"},
    )
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.name == "五月会员日"


def test_every_campaign_page_renders_in_chinese_for_a_supervisor(client, cast):
    CustomerFactory.create(marketing_consent=True)
    draft = make_campaign(cast.supervisor, name="草稿活动")
    sent = make_campaign(cast.supervisor, draft.template, name="已发活动")
    client.force_login(cast.supervisor)
    client.post(f"/campaigns/{sent.pk}/send/")
    run_campaign(sent.pk)
    pages = [
        "/campaigns/",
        "/campaigns/new/",
        "/campaigns/templates/",
        "/campaigns/templates/new/",
        f"/campaigns/templates/{draft.template_id}/edit/",
        f"/campaigns/{draft.pk}/",
        f"/campaigns/{draft.pk}/edit/",
        f"/campaigns/{sent.pk}/",
        f"/campaigns/{sent.pk}/progress/",
        f"/campaigns/{sent.pk}/deliveries/",
    ]
    for url in pages:
        response = client.get(url, headers={"Accept-Language": "zh-hans"})
        assert response.status_code == 200, url
    assert "发送记录" in client.get(f"/campaigns/{sent.pk}/").content.decode()
    assert "立即发送" in client.get(f"/campaigns/{draft.pk}/").content.decode()

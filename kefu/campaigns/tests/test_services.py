"""Campaign services: who may write, what a send writes, and that re-sends never duplicate."""

from __future__ import annotations

import pytest
from django.utils import translation
from huey.contrib.djhuey import HUEY

from kefu.audit.models import AuditEntry
from kefu.campaigns.models import Campaign, MessageTemplate
from kefu.campaigns.progress import status_counts
from kefu.campaigns.services import run_campaign, start_campaign, update_campaign
from kefu.campaigns.tests.helpers import make_campaign, make_template
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.customers.tests.factories import CustomerFactory
from kefu.messaging.models import Delivery

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kefu.messaging.tests.urls")]


def test_agent_cannot_create_templates_or_campaigns(cast):
    with pytest.raises(NotPermitted):
        make_template(cast.agent)
    template = make_template(cast.supervisor)
    with pytest.raises(NotPermitted):
        make_campaign(cast.agent, template)
    assert not Campaign.objects.exists()
    assert MessageTemplate.objects.count() == 1


def test_template_with_a_misspelt_variable_is_refused(cast):
    # The language is pinned: Django's default here is zh-hans, and a language left active by
    # an earlier test in the same worker must not decide the outcome.
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        make_template(cast.supervisor, body="{nmae}您好")
    assert refused.value.fields["body"] == ["Unknown variables: {nmae}."]
    assert not MessageTemplate.objects.exists()


def test_email_template_needs_a_subject(cast):
    with pytest.raises(ValidationFailed) as refused:
        make_template(cast.supervisor, channel="email", subject="")
    assert "subject" in refused.value.fields


def test_campaign_takes_the_channel_of_its_template_and_is_audited(cast):
    template = make_template(cast.supervisor, channel="email", subject="{name}的生日礼")
    campaign = make_campaign(cast.supervisor, template, grades=["A"], birthday_month=5)
    assert (campaign.channel, campaign.status, campaign.grades) == ("email", "draft", ["A"])
    entry = AuditEntry.objects.get(object_type="campaigns.campaign", object_id=str(campaign.pk))
    assert entry.changes["birthday_month"] == 5


def test_send_writes_one_personalised_message_per_customer_and_skips_without_consent(cast):
    yes = CustomerFactory.create(name="张三", grade="A", marketing_consent=True)
    no = CustomerFactory.create(name="李四", grade="A", marketing_consent=False)
    CustomerFactory.create(name="王五", grade="B", marketing_consent=True)  # not in the segment
    campaign = make_campaign(cast.supervisor, grades=["A"])
    start_campaign(actor=cast.supervisor, campaign=campaign)
    assert run_campaign(campaign.pk) == 2
    campaign.refresh_from_db()
    assert (campaign.status, campaign.recipient_count, campaign.processed_count) == ("done", 2, 2)
    sent = Delivery.objects.get(customer=yes)
    skipped = Delivery.objects.get(customer=no)
    assert sent.body.startswith("张三您好，本周五会员日全场八折。")
    assert "/m/u/" in sent.body
    assert (sent.status, sent.campaign_key, sent.dedupe_key) == (
        "queued",
        f"campaign:{campaign.pk}",
        f"campaign:{campaign.pk}:{yes.pk}",
    )
    assert (skipped.status, skipped.reason) == ("skipped", "no_consent")
    assert sent.created_by == cast.supervisor
    counts = status_counts(campaign)
    assert (counts["queued"], counts["skipped"], counts["total"]) == (1, 1, 2)


def test_a_repeated_run_never_duplicates_messages(cast):
    for _ in range(3):
        CustomerFactory.create(marketing_consent=True)
    campaign = make_campaign(cast.supervisor)
    start_campaign(actor=cast.supervisor, campaign=campaign)
    run_campaign(campaign.pk, chunk=2)
    # A worker crashed and the run starts over from the beginning.
    Campaign.objects.filter(pk=campaign.pk).update(status="sending", last_customer_id=0)
    run_campaign(campaign.pk, chunk=2)
    assert Delivery.objects.filter(campaign_key=campaign.key).count() == 3


def test_sending_twice_is_refused_and_a_sent_campaign_is_fixed(cast):
    campaign = make_campaign(cast.supervisor)
    start_campaign(actor=cast.supervisor, campaign=campaign)
    with pytest.raises(Conflict):
        start_campaign(actor=cast.manager, campaign=campaign)
    with pytest.raises(Conflict):
        update_campaign(
            actor=cast.supervisor,
            campaign=campaign,
            data={"name": "改名", "template": campaign.template, "purpose": "care"},
        )
    campaign.refresh_from_db()
    assert campaign.name == "五月会员日"


def test_agent_cannot_send_and_nothing_is_written(cast):
    CustomerFactory.create(marketing_consent=True)
    campaign = make_campaign(cast.supervisor)
    with pytest.raises(NotPermitted):
        start_campaign(actor=cast.agent, campaign=campaign)
    campaign.refresh_from_db()
    assert campaign.status == "draft"
    assert not Delivery.objects.exists()


def test_customers_added_after_the_send_started_are_not_included(cast):
    first = CustomerFactory.create(marketing_consent=True)
    campaign = make_campaign(cast.supervisor)
    start_campaign(actor=cast.supervisor, campaign=campaign)
    CustomerFactory.create(marketing_consent=True)
    run_campaign(campaign.pk)
    assert list(Delivery.objects.values_list("customer_id", flat=True)) == [first.pk]


def test_the_send_runs_after_commit_and_the_messages_go_out(
    cast, settings, django_capture_on_commit_callbacks
):
    settings.KEFU_SMS_BACKEND = "log"
    CustomerFactory.create(name="张三", marketing_consent=True)
    campaign = make_campaign(cast.manager)
    was = HUEY.immediate
    HUEY.immediate = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            start_campaign(actor=cast.manager, campaign=campaign)
    finally:
        HUEY.immediate = was
    campaign.refresh_from_db()
    assert campaign.status == "done"
    assert status_counts(campaign)["sent"] == 1

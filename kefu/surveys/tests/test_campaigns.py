"""Survey campaigns: the segment picks the right customers; sending goes through messaging once."""

from __future__ import annotations

import datetime as dt

import pytest

from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.customers.models import Customer
from kefu.messaging.models import Delivery
from kefu.surveys.links import survey_path
from kefu.surveys.models import SurveyCampaign, SurveyInvitation
from kefu.surveys.segments import Segment, segment_customers, targets
from kefu.surveys.services import create_campaign, preview_count, send_campaign
from kefu.surveys.tests.conftest import close, make_customer, open_ticket
from kefu.tickets.models import TicketType

pytestmark = pytest.mark.django_db

MAY_1, MAY_31 = dt.date(2026, 5, 1), dt.date(2026, 5, 31)


def closed_segment(*type_codes: str, channel: str = "sms") -> Segment:
    ids = tuple(TicketType.objects.filter(code__in=type_codes).values_list("pk", flat=True))
    return Segment(
        kind="closed_tickets", channel=channel, closed_from=MAY_1, closed_to=MAY_31,
        ticket_type_ids=ids,
    )  # fmt: skip


@pytest.fixture
def people(cast):
    """Customers whose work orders closed in and around May 2026."""
    made = {
        name: make_customer(cast, name, phone=phone, email=email)
        for name, phone, email in [
            ("五月投诉", "13900000001", "a@example.com"),
            ("五月咨询", "13900000002", ""),
            ("四月投诉", "13900000003", "c@example.com"),
            ("六月一日", "13900000004", "d@example.com"),
            ("无手机", "", "e@example.com"),
            ("未关闭", "13900000006", "f@example.com"),
            ("两单", "13900000007", "g@example.com"),
        ]
    }
    tickets = {}
    tickets["五月投诉"] = close(open_ticket(cast, made["五月投诉"], type_code="complaint"), MAY_1)
    tickets["五月咨询"] = close(open_ticket(cast, made["五月咨询"]), MAY_31)
    tickets["四月投诉"] = close(
        open_ticket(cast, made["四月投诉"], type_code="complaint"), dt.date(2026, 4, 30)
    )
    tickets["六月一日"] = close(open_ticket(cast, made["六月一日"]), dt.date(2026, 6, 1))
    tickets["无手机"] = close(open_ticket(cast, made["无手机"]), dt.date(2026, 5, 10))
    open_ticket(cast, made["未关闭"])
    close(open_ticket(cast, made["两单"], title="第一单"), dt.date(2026, 5, 3))
    tickets["两单"] = close(open_ticket(cast, made["两单"], title="第二单"), dt.date(2026, 5, 20))
    return made, tickets


def names(customers) -> set[str]:
    return {c.name for c in customers}


def test_closed_ticket_segment_picks_customers_closed_in_the_range_reachable_by_sms(people):
    assert names(segment_customers(closed_segment())) == {"五月投诉", "五月咨询", "两单"}


def test_closed_ticket_segment_narrows_by_work_order_type(people):
    assert names(segment_customers(closed_segment("complaint"))) == {"五月投诉"}


def test_an_email_segment_needs_an_email_address(people):
    assert names(segment_customers(closed_segment(channel="email"))) == {
        "五月投诉",
        "无手机",
        "两单",
    }


def test_each_customer_is_asked_about_the_latest_work_order_closed_in_range(people):
    _made, tickets = people
    found = {c.name: ticket_id for c, ticket_id in targets(closed_segment())}
    assert found["两单"] == tickets["两单"].pk
    assert found["五月咨询"] == tickets["五月咨询"].pk


def test_grade_segment_picks_active_unmerged_customers_of_the_grades(cast):
    a = make_customer(cast, "甲", phone="13900000011")
    b = make_customer(cast, "乙", phone="13900000012")
    c = make_customer(cast, "丙", phone="13900000013")
    gone = make_customer(cast, "停用", phone="13900000014")
    Customer.objects.filter(pk__in=[a.pk, gone.pk]).update(grade="A")
    Customer.objects.filter(pk=b.pk).update(grade="B")
    Customer.objects.filter(pk=c.pk).update(grade="C")
    Customer.objects.filter(pk=gone.pk).update(is_active=False)
    segment = Segment(kind="grades", channel="sms", grades=("A", "B"))
    assert names(segment_customers(segment)) == {"甲", "乙"}
    assert preview_count(segment) == 2


def test_a_campaign_needs_a_valid_segment(cast, questionnaire):
    with pytest.raises(ValidationFailed) as caught:
        create_campaign(
            actor=cast.manager, template=questionnaire, name="五月回访",
            segment=Segment(kind="closed_tickets", channel="sms", closed_from=MAY_31,
                            closed_to=MAY_1),
        )  # fmt: skip
    assert caught.value.fields["closed_to"] == ["The last day comes before the first day."]
    with pytest.raises(ValidationFailed) as caught:
        create_campaign(
            actor=cast.manager, template=questionnaire, name="A 类",
            segment=Segment(kind="grades", channel="sms", grades=()),
        )  # fmt: skip
    assert caught.value.fields["grades"] == ["Choose at least one grade."]
    assert not SurveyCampaign.objects.exists()


def test_agents_may_not_create_or_send_campaigns(cast, questionnaire, people):
    with pytest.raises(NotPermitted):
        create_campaign(
            actor=cast.agent, template=questionnaire, name="x", segment=closed_segment()
        )
    campaign = create_campaign(
        actor=cast.supervisor, template=questionnaire, name="五月回访", segment=closed_segment()
    )
    with pytest.raises(NotPermitted):
        send_campaign(actor=cast.agent, campaign=campaign)
    assert not SurveyInvitation.objects.exists()


def test_sending_a_campaign_invites_each_customer_once_through_messaging(
    cast, questionnaire, people
):
    made, tickets = people
    chosen = list(TicketType.objects.filter(code__in=["complaint", "consultation"]))
    campaign = create_campaign(
        actor=cast.manager, template=questionnaire, name="五月回访",
        segment=closed_segment("complaint", "consultation"), ticket_types=chosen,
    )  # fmt: skip
    assert set(campaign.ticket_types.all()) == set(chosen)
    assert send_campaign(actor=cast.manager, campaign=campaign) == 3
    invitations = SurveyInvitation.objects.filter(campaign=campaign)
    assert names(i.customer for i in invitations) == {"五月投诉", "五月咨询", "两单"}
    two = invitations.get(customer=made["两单"])
    assert two.ticket == tickets["两单"]
    assert two.status == "sent"
    assert two.sent_at is not None
    deliveries = Delivery.objects.filter(dedupe_key__startswith="survey:")
    assert deliveries.count() == 3
    delivery = deliveries.get(dedupe_key=f"survey:{two.pk}")
    assert delivery.channel == "sms"
    assert delivery.purpose == "service"
    assert delivery.customer == made["两单"]
    assert survey_path(two.pk, two.nonce) in delivery.body
    assert tickets["两单"].number in delivery.body
    with pytest.raises(Conflict, match="sent already"):
        send_campaign(actor=cast.manager, campaign=campaign)
    assert SurveyInvitation.objects.count() == 3
    assert Delivery.objects.count() == 3

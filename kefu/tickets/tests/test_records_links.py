"""Links, merges and tags between work orders: rules, events, audit and filtering."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kefu.audit.models import AuditEntry
from kefu.core.errors import Conflict, NotPermitted, ValidationFailed
from kefu.customers.services import create_customer
from kefu.tickets.models import Ticket, TicketEvent, TicketLink, TicketTag
from kefu.tickets.record_querysets import tagged
from kefu.tickets.services.records import link_tickets, merge_ticket, set_tags
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.records_helpers import (
    dispatch_repair,
    english_fixture,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets"


def auth(cast, role):
    return {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}


@pytest.fixture
def pair(cast, customer):
    """Two open complaints of the same customer: a duplicate call and the one that carries on."""
    return open_ticket(cast, customer, title="重复来电"), open_ticket(cast, customer)


def stored(ticket):
    return Ticket.objects.get(pk=ticket.pk)


# --- merge ----------------------------------------------------------------------------------


def test_a_merged_work_order_is_closed_keeps_its_state_and_both_get_an_event(cast, pair):
    source, target = pair
    merged = merge_ticket(actor=cast.supervisor, source=source, target=target)
    assert merged.merged_into_id == target.pk
    assert merged.state == source.state == "received"  # the workflow state code is kept
    assert merged.status_category == "closed"
    assert merged.closed_at is not None
    assert merged.resolved_at == merged.closed_at
    assert merged.next_due_at is None
    assert TicketEvent.objects.get(ticket=source, kind="merge").data["into"] == target.number
    assert TicketEvent.objects.get(ticket=target, kind="merge").data == {"from": source.number}
    assert AuditEntry.objects.filter(
        action="merge", object_type="tickets.ticket", object_id=str(source.pk)
    ).exists()
    assert stored(target).status_category == "new"  # the target carries on


def test_merge_refusals_write_nothing(cast, customer, pair):
    source, target = pair
    with pytest.raises(ValidationFailed) as itself:
        merge_ticket(actor=cast.supervisor, source=source, target=source)
    assert itself.value.message == "A work order cannot be merged into itself."
    with pytest.raises(NotPermitted):
        merge_ticket(actor=cast.agent, source=source, target=target)

    other = open_ticket(cast, customer, title="第三张")
    merge_ticket(actor=cast.supervisor, source=other, target=target)
    with pytest.raises(Conflict) as again:
        merge_ticket(actor=cast.supervisor, source=other, target=target)
    assert again.value.code == "already_merged"
    with pytest.raises(Conflict) as into_merged:
        merge_ticket(actor=cast.supervisor, source=source, target=other)
    assert into_merged.value.code == "target_merged"
    Ticket.objects.filter(pk=target.pk).update(status_category="closed")  # e.g. archived
    with pytest.raises(Conflict) as into_closed:
        merge_ticket(actor=cast.supervisor, source=source, target=target)
    assert into_closed.value.code == "target_closed"
    assert stored(source).merged_into_id is None
    assert not TicketEvent.objects.filter(ticket=source, kind="merge").exists()


def test_merging_across_customers_needs_confirmation_and_the_capability(cast, customer):
    other_customer = create_customer(
        actor=cast.agent, data={"name": "李雷", "phone": "13900139000"}
    )
    source = open_ticket(cast, customer)
    target = open_ticket(cast, other_customer)
    with pytest.raises(ValidationFailed) as unconfirmed:
        merge_ticket(actor=cast.manager, source=source, target=target)
    assert unconfirmed.value.message == "The two work orders belong to different customers."
    with pytest.raises(NotPermitted):
        merge_ticket(actor=cast.manager, source=source, target=target, across_customers=True)
    assert stored(source).merged_into_id is None


def test_api_merge_answers_with_the_closed_source_and_refuses_a_second_time(client, cast, pair):
    source, target = pair
    url = f"{URL}/{source.number}/merge"
    done = client.post(
        url,
        {"into": target.number},
        content_type="application/json",
        headers=auth(cast, "supervisor"),
    )
    assert done.status_code == 200
    assert done.json()["status_category"] == "closed"
    assert done.json()["merged_into"] == target.number
    again = client.post(
        url,
        {"into": target.number},
        content_type="application/json",
        headers=auth(cast, "supervisor"),
    )
    assert again.status_code == 409
    links = client.get(f"{URL}/{target.number}/links", headers=auth(cast, "agent")).json()
    assert [t["number"] for t in links["merged_from"]] == [source.number]


# --- links ----------------------------------------------------------------------------------


def test_linking_records_one_link_per_pair_and_an_event_on_both(cast, pair):
    source, target = pair
    link = link_tickets(actor=cast.agent, ticket=source, other=target, kind="duplicate")
    assert (link.from_ticket_id, link.to_ticket_id, link.kind) == (
        source.pk,
        target.pk,
        "duplicate",
    )
    assert TicketEvent.objects.get(ticket=source, kind="link").data["to"] == target.number
    assert TicketEvent.objects.get(ticket=target, kind="link").data["from"] == source.number
    with pytest.raises(Conflict):
        link_tickets(actor=cast.agent, ticket=target, other=source, kind="related")
    with pytest.raises(ValidationFailed):
        link_tickets(actor=cast.agent, ticket=source, other=source, kind="related")
    assert TicketLink.objects.count() == 1


def test_partners_may_not_link_and_see_no_links_of_work_not_sent_to_them(client, cast, customer):
    repair = dispatch_repair(cast, customer)
    hidden = open_ticket(cast, customer)
    with pytest.raises(NotPermitted):
        link_tickets(actor=cast.partner, ticket=repair, other=hidden, kind="related")
    link_tickets(actor=cast.agent, ticket=repair, other=hidden, kind="related")
    # The partner sees the repair but not the linked complaint: the link is left out.
    links = client.get(f"{URL}/{repair.number}/links", headers=auth(cast, "partner")).json()
    assert links["links"] == []
    other = client.get(f"{URL}/{repair.number}/links", headers=auth(cast, "other_partner"))
    assert other.status_code == 404
    staff = client.get(f"{URL}/{repair.number}/links", headers=auth(cast, "agent")).json()
    assert [link["to_number"] for link in staff["links"]] == [hidden.number]


def test_api_link_names_the_other_work_order_by_number(client, cast, pair):
    source, target = pair
    url = f"{URL}/{source.number}/links"
    body = {"number": target.number, "kind": "caused_by"}
    created = client.post(url, body, content_type="application/json", headers=auth(cast, "agent"))
    assert created.status_code == 201
    assert created.json()["to_number"] == target.number
    unknown = client.post(
        url,
        {"number": "TS20990101-0001"},
        content_type="application/json",
        headers=auth(cast, "agent"),
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["fields"]["number"] == [
        "No work order you may see has this number."
    ]


# --- tags -----------------------------------------------------------------------------------


def test_tags_are_replaced_cleaned_and_evented(cast, pair):
    ticket, _other = pair
    assert set_tags(actor=cast.agent, ticket=ticket, names=[" 漏水 ", "VIP", "漏水", ""]) == [
        "VIP",
        "漏水",
    ]
    assert set_tags(actor=cast.agent, ticket=ticket, names=["漏水", "夜间"]) == ["夜间", "漏水"]
    events = TicketEvent.objects.filter(ticket=ticket, kind="tags").order_by("id")
    assert [e.data for e in events] == [
        {"added": ["漏水", "VIP"], "removed": []},
        {"added": ["夜间"], "removed": ["VIP"]},
    ]
    set_tags(actor=cast.agent, ticket=ticket, names=["夜间", "漏水"])  # no change, no event
    assert events.count() == 2


def test_too_many_or_too_long_tags_are_refused_and_nothing_changes(cast, pair):
    ticket, _other = pair
    with pytest.raises(ValidationFailed):
        set_tags(actor=cast.agent, ticket=ticket, names=[f"t{i}" for i in range(11)])
    with pytest.raises(ValidationFailed):
        set_tags(actor=cast.agent, ticket=ticket, names=["长" * 31])
    with pytest.raises(NotPermitted):
        set_tags(actor=cast.qa, ticket=ticket, names=["x"])
    assert not TicketTag.objects.exists()


def test_work_orders_are_filtered_by_tag_within_scope(cast, customer, pair):
    ticket, _untagged = pair
    repair = dispatch_repair(cast, customer)
    set_tags(actor=cast.agent, ticket=ticket, names=["漏水"])
    set_tags(actor=cast.agent, ticket=repair, names=["漏水", "夜间"])
    staff = tagged(Ticket.objects.visible_to(cast.agent), "漏水")
    assert set(staff.values_list("number", flat=True)) == {ticket.number, repair.number}
    partner = tagged(Ticket.objects.visible_to(cast.partner), "漏水")
    assert list(partner.values_list("number", flat=True)) == [repair.number]
    assert not tagged(Ticket.objects.all(), "不存在").exists()


def test_api_and_console_set_tags(client, cast, pair):
    ticket, _other = pair
    response = client.put(
        f"{URL}/{ticket.number}/tags",
        {"tags": ["噪音"]},
        content_type="application/json",
        headers=auth(cast, "agent"),
    )
    assert response.json() == {"tags": ["噪音"]}
    client.force_login(cast.agent)
    page = client.post(
        reverse("ticket_records:tags", args=[ticket.number]),
        {"tags": "噪音，夜间、投诉"},
        headers={"HX-Request": "true"},
    )
    assert 'class="tag">夜间<' in page.content.decode()
    assert sorted(TicketTag.objects.filter(ticket=ticket).values_list("name", flat=True)) == [
        "噪音", "夜间", "投诉",
    ]  # fmt: skip

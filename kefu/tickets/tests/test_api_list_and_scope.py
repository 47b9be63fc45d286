"""The work order API at /api/v1/tickets: read, list, cursors, filters and partner scope."""

from kefu.tickets.tests.api_helpers import error_of
from kefu.tickets.tests.conftest import open_ticket

# --- read and list --------------------------------------------------------------------------


def test_partner_sees_only_work_orders_forwarded_to_its_company(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    partner = api_as("partner")
    assert partner.get().json() == {"items": [], "next_cursor": None}
    missing = partner.get(f"/{ticket.number}")
    assert missing.status_code == 404
    assert error_of(missing)["code"] == "not_found"
    assert partner.get(f"/{ticket.number}/transitions").status_code == 404

    agent = api_as("agent")
    agent.post(
        f"/{ticket.number}/transitions",
        {
            "transition": "classify",
            "fields": {"category": "服务"},
        },
    )
    forwarded = agent.post(
        f"/{ticket.number}/transitions",
        {
            "transition": "forward",
            "fields": {
                "responsible_department": cast.property_company.pk,
                "requested_action": "上门检修",
                "reply_due_at": "2026-12-01T12:00:00+08:00",
            },
        },
    )
    assert forwarded.status_code == 200, forwarded.json()
    listed = partner.get().json()["items"]
    assert [item["number"] for item in listed] == [ticket.number]
    assert listed[0]["customer"]["phone"] == "138****8000"
    assert partner.get(f"/{ticket.number}").status_code == 200


def test_the_agent_sees_every_work_order_by_number(api_as, cast, customer):
    ticket = open_ticket(cast, customer)
    response = api_as("agent").get(f"/{ticket.number}")
    assert response.status_code == 200
    assert response.json()["number"] == ticket.number
    assert api_as("agent").get(f"/{ticket.pk}").status_code == 404


def test_list_cursor_returns_each_row_exactly_once(api_as, cast, customer):
    numbers = {open_ticket(cast, customer, title=f"t{i}").number for i in range(7)}
    api = api_as("agent")
    seen: list[str] = []
    cursor = None
    for _ in range(10):
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        page = api.get(**params).json()
        seen += [item["number"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 7
    assert set(seen) == numbers
    assert seen == sorted(seen, reverse=True)


def test_list_filters(api_as, cast, customer):
    repair = open_ticket(cast, customer, type_code="repair", priority="urgent")
    complaint_ticket = open_ticket(cast, customer)
    api = api_as("agent")

    def numbers(**params):
        return [item["number"] for item in api.get(**params).json()["items"]]

    assert numbers(type="repair") == [repair.number]
    assert numbers(priority="urgent") == [repair.number]
    assert numbers(state="received") == [complaint_ticket.number]
    assert numbers(status_category="new", channel="phone") == [
        complaint_ticket.number,
        repair.number,
    ]
    assert numbers(customer_id=customer.pk + 1) == []
    assert numbers(assignee="agent") == []
    bad = api.get(priority="asap")
    assert bad.status_code == 422
    assert "priority" in error_of(bad)["fields"]


def test_a_forged_cursor_is_refused(api_as, cast, customer):
    response = api_as("agent").get(cursor="not-a-cursor")
    assert response.status_code == 422
    assert "cursor" in error_of(response)["fields"]


def test_the_list_filters_by_tag(api_as, cast, customer):
    from kefu.tickets.services.records_tags import set_tags

    leak, noise, untagged = (open_ticket(cast, customer, title=t) for t in ("漏水", "噪音", "x"))
    set_tags(actor=cast.agent, ticket=leak, names=["漏水", "二期"])
    set_tags(actor=cast.agent, ticket=noise, names=["噪音", "二期"])
    numbers = lambda tag: {  # noqa: E731
        row["number"] for row in api_as("agent").get(f"?tag={tag}").json()["items"]
    }
    assert numbers("二期") == {leak.number, noise.number}
    assert numbers("漏水") == {leak.number}
    assert untagged.number not in numbers("二期")

import pytest

from kefu.audit.services import record


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("admin", 200),
        ("auditor", 200),
        ("manager", 200),
        ("supervisor", 403),
        ("agent", 403),
        ("partner", 403),
    ],
)
def test_audit_page_is_for_auditors_managers_and_admins(client, cast, role, status):
    record(
        actor=cast.manager,
        action="reveal",
        object_type="customers.customer",
        object_id="7",
        object_repr="张三",
        reason="客户来电核实身份",
    )
    client.force_login(cast.by_role(role))
    response = client.get("/audit/")
    assert response.status_code == status
    if status == 200:
        assert "客户来电核实身份" in response.content.decode()


def test_audit_page_filters_by_action_and_actor(client, cast):
    record(
        actor=cast.manager,
        action="reveal",
        object_type="customers.customer",
        object_id="1",
        reason="reason-one",
    )
    record(actor=cast.agent, action="export", object_type="customers.customer", reason="reason-two")
    client.force_login(cast.auditor)
    body = client.get("/audit/", {"action": "reveal"}).content.decode()
    assert "reason-one" in body
    assert "reason-two" not in body
    body = client.get("/audit/", {"actor": "agent"}).content.decode()
    assert "reason-two" in body
    assert "reason-one" not in body


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/audit/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_audit_pages_follow_the_cursor_without_repeating_rows(client, cast):
    for i in range(120):
        record(
            actor=None,
            action="create",
            object_type="x.y",
            object_id=str(i),
            object_repr=f"row-{i:03d}-end",
        )
    client.force_login(cast.auditor)
    seen: list[str] = []
    url = "/audit/?object_type=x.y"
    while url:
        response = client.get(url)
        body = response.content.decode()
        seen += [part.split("-end")[0] for part in body.split("row-")[1:]]
        nxt = response.context["next_url"]
        url = f"/audit/{nxt}" if nxt else ""
    assert sorted(seen) == [f"{i:03d}" for i in range(120)]

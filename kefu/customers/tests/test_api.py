"""The customer API at /api/v1/customers: scope, masking, errors, reveal, pages."""

import pytest

from kefu.audit.models import AuditEntry
from kefu.conftest import ROLES
from kefu.customers.models import Customer
from kefu.customers.services import create_customer

URL = "/api/v1/customers"
FULL_PHONE = "13812345678"
FULL_ID = "110101199003071234"
VIEW_ALL = {"admin", "manager", "supervisor", "agent", "qa", "auditor"}
SERVE = {"admin", "manager", "supervisor", "agent"}
REVEAL = {"admin", "manager"}


@pytest.fixture
def customer(cast):
    return create_customer(
        actor=cast.admin,
        data={
            "name": "张三丰",
            "phone": FULL_PHONE,
            "email": "zsf@example.com",
            "id_number": FULL_ID,
            "member_number": "M0001",
            "tags": ["VIP"],
            "owner": cast.agent,
        },
    )


class Api:
    def __init__(self, client, token):
        self.client = client
        self.headers = {"Authorization": f"Bearer {token}", "Accept-Language": "en"}

    def get(self, path="", **params):
        return self.client.get(URL + path, params, headers=self.headers)

    def post(self, path="", body=None):
        return self.client.post(
            URL + path, body or {}, content_type="application/json", headers=self.headers
        )

    def patch(self, path, body):
        return self.client.patch(
            URL + path, body, content_type="application/json", headers=self.headers
        )


@pytest.fixture
def api_as(client, cast):
    return lambda role: Api(client, cast.token(role))


def test_anonymous_gets_401_json(client, customer):
    for response in (
        client.get(URL),
        client.get(f"{URL}/{customer.pk}"),
        client.post(URL, {}, content_type="application/json"),
        client.post(
            f"{URL}/{customer.pk}/reveal", {"reason": "x"}, content_type="application/json"
        ),
    ):
        assert response.status_code == 401
        assert response.json()["error"]["code"] == "unauthorized"


@pytest.mark.parametrize("role", ROLES)
def test_list_and_detail_follow_the_data_scope(api_as, customer, role):
    api = api_as(role)
    listed = api.get()
    assert listed.status_code == 200
    names = [item["name"] for item in listed.json()["items"]]
    detail = api.get(f"/{customer.pk}")
    timeline = api.get(f"/{customer.pk}/timeline")
    if role in VIEW_ALL:
        assert names == ["张三丰"]
        assert detail.status_code == 200
        assert detail.json()["name"] == "张三丰"
        assert timeline.status_code == 200
        assert isinstance(timeline.json(), list)
    else:
        assert names == []
        assert detail.status_code == 404
        assert detail.json()["error"]["code"] == "not_found"
        assert timeline.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_writes_need_the_serving_capabilities(api_as, customer, role):
    api = api_as(role)
    created = api.post("", {"name": f"新客户-{role}"})
    patched = api.patch(f"/{customer.pk}", {"notes": f"by {role}"})
    if role in SERVE:
        assert created.status_code == 201
        assert created.json()["name"] == f"新客户-{role}"
        assert patched.status_code == 200
        assert patched.json()["notes"] == f"by {role}"
    else:
        assert created.status_code == 403
        assert patched.status_code == 403
        assert created.json()["error"]["code"] == "permission_denied"
        assert not Customer.objects.filter(name=f"新客户-{role}").exists()


@pytest.mark.parametrize("role", ROLES)
def test_reveal_needs_the_reveal_capability_and_is_audited(api_as, customer, role):
    response = api_as(role).post(f"/{customer.pk}/reveal", {"reason": "客户来电核对"})
    if role in REVEAL:
        assert response.status_code == 200
        assert response.json() == {
            "phone": FULL_PHONE,
            "id_number": FULL_ID,
            "email": "zsf@example.com",
        }
        entry = AuditEntry.objects.get(action="reveal")
        assert entry.actor_label == role
        assert entry.reason == "客户来电核对"
    else:
        assert response.status_code == 403
        assert response.json()["error"]["code"] == "permission_denied"
        assert FULL_PHONE not in response.content.decode()
        assert not AuditEntry.objects.filter(action="reveal").exists()


def test_outputs_are_masked_for_everyone(api_as, customer):
    for role in ("agent", "manager", "admin"):
        api = api_as(role)
        for body in (api.get().content.decode(), api.get(f"/{customer.pk}").content.decode()):
            assert FULL_PHONE not in body
            assert FULL_ID not in body
            assert "zsf@example.com" not in body
        item = api.get(f"/{customer.pk}").json()
        assert item["phone"] == "138****5678"
        assert item["id_number"] == "110***********1234"
        assert item["tags"] == ["VIP"]
        assert item["owner_name"] == "agent"


def test_reveal_without_a_reason_is_refused_with_field_errors(api_as, customer):
    api = api_as("manager")
    for body in ({}, {"reason": ""}, {"reason": "   "}):
        response = api.post(f"/{customer.pk}/reveal", body)
        assert response.status_code == 422, body
        error = response.json()["error"]
        assert error["code"] == "validation_failed"
        assert "reason" in error["fields"]
    assert not AuditEntry.objects.filter(action="reveal").exists()


def test_unknown_fields_are_refused_with_422(api_as, customer):
    api = api_as("agent")
    response = api.post("", {"name": "赵六", "is_vip": True})
    assert response.status_code == 422
    assert response.json()["error"]["fields"] == {"is_vip": ["Unknown field."]}
    patched = api.patch(f"/{customer.pk}", {"grade": "A"})
    assert patched.status_code == 422
    assert "grade" in patched.json()["error"]["fields"]
    reveal = api_as("manager").post(f"/{customer.pk}/reveal", {"reason": "x", "all": True})
    assert reveal.status_code == 422


def test_validation_errors_name_their_fields(api_as, customer):
    api = api_as("agent")
    missing = api.post("", {"phone": FULL_PHONE})
    assert missing.status_code == 422
    assert missing.json()["error"]["fields"]["name"] == ["This field is required."]
    bad = api.post(
        "",
        {
            "name": "赵六",
            "phone": "12345",
            "birthday": "not-a-date",
            "member_day": 40,
            "name_extra": 1,
        },
    )
    fields = bad.json()["error"]["fields"]
    assert bad.status_code == 422
    assert {"birthday", "member_day", "name_extra"} <= set(fields)
    # Rules of the service come back the same way.
    rule = api.post("", {"name": "赵六", "phone": "12345"})
    assert rule.status_code == 422
    assert "phone" in rule.json()["error"]["fields"]
    taken = api.post("", {"name": "赵六", "member_number": "M0001"})
    assert taken.status_code == 422
    assert "member_number" in taken.json()["error"]["fields"]
    too_long = api.post("", {"name": "x" * 101})
    assert too_long.status_code == 422
    assert "name" in too_long.json()["error"]["fields"]
    null_name = api.patch(f"/{customer.pk}", {"name": None})
    assert null_name.status_code == 422
    assert "name" in null_name.json()["error"]["fields"]
    owner = api.post("", {"name": "赵六", "owner_id": 999999})
    assert owner.status_code == 422
    assert "owner_id" in owner.json()["error"]["fields"]


def test_create_and_patch_round_trip(api_as, cast):
    api = api_as("agent")
    created = api.post(
        "",
        {
            "name": "赵六",
            "phone": "+86 139 0000 1111",
            "birthday": "1990-05-01",
            "tags": ["VIP", "老客户"],
            "owner_id": cast.agent.pk,
            "vip_level": 2,
            "spend_12m": "1200.50",
            "source_channel": "wechat",
        },
    )
    assert created.status_code == 201
    body = created.json()
    assert body["phone"] == "139****1111"
    assert body["birthday"] == "1990-05-01"
    assert sorted(body["tags"]) == ["VIP", "老客户"]
    assert body["owner_id"] == cast.agent.pk
    customer = Customer.objects.get(pk=body["id"])
    assert customer.phone == "13900001111"
    assert customer.name_initials == "zl"
    patched = api.patch(f"/{customer.pk}", {"tags": [], "owner_id": None, "company": None})
    assert patched.status_code == 200
    assert patched.json()["tags"] == []
    assert patched.json()["owner_id"] is None
    customer.refresh_from_db()
    assert customer.name == "赵六"
    assert customer.vip_level == 2


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("5678", ["张三丰"]),
        ("zsf", ["张三丰"]),
        ("M0002", ["李四"]),
        ("13900001111", ["李四"]),
    ],
)
def test_search_by_last_digits_pinyin_member_number_and_phone(
    api_as, customer, cast, query, expected
):
    create_customer(
        actor=cast.admin, data={"name": "李四", "phone": "13900001111", "member_number": "M0002"}
    )
    items = api_as("agent").get(q=query).json()["items"]
    assert [i["name"] for i in items] == expected


def test_filters_by_grade_and_tag(api_as, customer, cast):
    from kefu.customers.services import override_grade

    other = create_customer(actor=cast.admin, data={"name": "李四", "tags": ["新客"]})
    override_grade(actor=cast.manager, customer=other, grade="A", reason="大客户")
    api = api_as("agent")
    assert [i["name"] for i in api.get(grade="A").json()["items"]] == ["李四"]
    assert [i["name"] for i in api.get(tag="VIP").json()["items"]] == ["张三丰"]
    assert api.get(grade="Z").status_code == 422


def test_cursor_pages_return_each_customer_exactly_once(api_as, cast):
    for i in range(45):
        create_customer(actor=cast.admin, data={"name": f"客户{i:02d}"})
    api = api_as("agent")
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": 20, **({"cursor": cursor} if cursor else {})}
        body = api.get(**params).json()
        seen += [i["name"] for i in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert pages == 3
    assert sorted(seen) == [f"客户{i:02d}" for i in range(45)]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 201}, {"cursor": "garbage"}])
def test_bad_paging_parameters_are_422(api_as, customer, params):
    response = api_as("agent").get(**params)
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "validation_failed"


def test_timeline_lists_registered_entries(api_as, customer):
    from kefu.core.clock import now
    from kefu.customers import timeline

    def source(c, user):
        yield timeline.TimelineEntry(
            at=now(), kind="ticket", title="投诉 TS-1", detail="已回访", url="/t/1/"
        )

    timeline.register_timeline_source(source)
    try:
        body = api_as("agent").get(f"/{customer.pk}/timeline").json()
    finally:
        timeline.unregister_timeline_source(source)
    assert any(e["title"] == "投诉 TS-1" and e["url"] == "/t/1/" for e in body)


def test_openapi_schema_declares_every_error(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    paths = {p: ops for p, ops in schema["paths"].items() if p.startswith(URL)}
    assert paths
    for ops in paths.values():
        for op in ops.values():
            codes = set(op["responses"])
            assert {"401", "403", "422"} <= codes, op["operationId"]

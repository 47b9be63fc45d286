"""Who may open which customer page: every role against every page, with the content checked."""

import pytest

from kefu.conftest import ROLES
from kefu.customers.services import create_customer

FULL_PHONE = "13812345678"
MASKED_PHONE = "138****5678"

VIEW_ALL = {"admin", "manager", "supervisor", "agent", "qa", "auditor"}
SERVE = {"admin", "manager", "supervisor", "agent"}
IMPORT = {"admin", "manager", "supervisor"}
EXPORT = {"admin", "manager", "supervisor", "agent"}
REVEAL = {"admin", "manager"}
OVERRIDE_GRADE = {"admin", "manager"}
CHANGE_RULES = {"admin", "manager"}
GRADE_RULES = {"admin", "manager", "supervisor", "auditor"}
MERGE = {"admin", "manager", "supervisor"}


@pytest.fixture
def customer(cast):
    return create_customer(
        actor=cast.admin,
        data={
            "name": "张三丰",
            "phone": FULL_PHONE,
            "email": "zsf@example.com",
            "id_number": "110101199003071234",
            "member_number": "M0001",
            "tags": ["VIP"],
        },
    )


def login(client, cast, role):
    client.force_login(cast.by_role(role))
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_customers_only_to_roles_that_serve_everyone(client, cast, customer, role):
    login(client, cast, role)
    response = client.get("/customers/")
    assert response.status_code == 200
    body = response.content.decode()
    assert ("张三丰" in body) == (role in VIEW_ALL)
    assert FULL_PHONE not in body
    if role in VIEW_ALL:
        assert MASKED_PHONE in body
    assert ('href="/customers/new/"' in body) == (role in SERVE)
    assert ('href="/customers/import/"' in body) == (role in IMPORT)
    assert ('data-testid="export-link"' in body) == (role in EXPORT)
    assert ('href="/customers/duplicates/"' in body) == (role in MERGE)


@pytest.mark.parametrize("role", ROLES)
def test_detail_is_found_only_inside_the_data_scope(client, cast, customer, role):
    login(client, cast, role)
    response = client.get(f"/customers/{customer.pk}/")
    if role not in VIEW_ALL:
        assert response.status_code == 404
        assert "张三丰" not in response.content.decode()
        return
    assert response.status_code == 200
    body = response.content.decode()
    assert "张三丰" in body
    assert MASKED_PHONE in body
    assert FULL_PHONE not in body
    assert "110101199003071234" not in body
    assert ("/reveal/" in body) == (role in REVEAL)
    assert (f'href="/customers/{customer.pk}/edit/"' in body) == (role in SERVE)
    assert ('data-testid="grade-form"' in body) == (role in OVERRIDE_GRADE)


@pytest.mark.parametrize("role", ROLES)
def test_new_and_edit_forms_need_the_serving_capabilities(client, cast, customer, role):
    login(client, cast, role)
    new = client.get("/customers/new/")
    edit = client.get(f"/customers/{customer.pk}/edit/")
    if role in SERVE:
        assert new.status_code == 200
        assert 'name="name"' in new.content.decode()
        body = edit.content.decode()
        assert edit.status_code == 200
        assert 'value="张三丰"' in body
        assert FULL_PHONE not in body
        assert "zsf@example.com" not in body
    else:
        assert new.status_code == 403
        assert edit.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_import_pages_need_the_import_capability(client, cast, role):
    login(client, cast, role)
    page = client.get("/customers/import/")
    template = client.get("/customers/import/template.xlsx")
    if role in IMPORT:
        assert page.status_code == 200
        assert 'type="file"' in page.content.decode()
        assert template.status_code == 200
        assert template["Content-Type"].startswith("application/vnd.openxmlformats")
    else:
        assert page.status_code == 403
        assert template.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_export_needs_the_export_capability(client, cast, customer, role):
    login(client, cast, role)
    response = client.get("/customers/export/")
    if role in EXPORT:
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response.content[:2] == b"PK"
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_grade_rules_page_is_read_only_without_the_change_capability(client, cast, role):
    login(client, cast, role)
    response = client.get("/customers/grade-rules/")
    if role not in GRADE_RULES:
        assert response.status_code == 403
        return
    body = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="grade-rules"' in body
    assert ('name="spend_A"' in body) == (role in CHANGE_RULES)
    assert ('data-testid="recompute-form"' in body) == (role in CHANGE_RULES)
    post = client.post("/customers/grade-rules/recompute/")
    assert post.status_code == (302 if role in CHANGE_RULES else 403)


@pytest.mark.parametrize("role", ROLES)
def test_duplicates_page_needs_the_merge_capability(client, cast, customer, role):
    create_customer(actor=cast.admin, data={"name": "张三", "phone": FULL_PHONE})
    login(client, cast, role)
    response = client.get("/customers/duplicates/")
    if role in MERGE:
        body = response.content.decode()
        assert response.status_code == 200
        assert "张三丰" in body
        assert "张三" in body
        assert 'data-confirm="' in body
        assert FULL_PHONE not in body
    else:
        assert response.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_reveal_needs_the_reveal_capability(client, cast, customer, role):
    login(client, cast, role)
    response = client.post(f"/customers/{customer.pk}/reveal/", {"reason": "客户来电核对"})
    if role in REVEAL:
        assert response.status_code == 200
        assert FULL_PHONE in response.content.decode()
    else:
        assert response.status_code == 403
        assert FULL_PHONE not in response.content.decode()


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 302), ("manager", 302), ("supervisor", 403), ("agent", 403), ("partner", 403)],
)
def test_grade_override_needs_its_capability(client, cast, customer, role, status):
    login(client, cast, role)
    response = client.post(
        f"/customers/{customer.pk}/grade/", {"grade": "A", "reason": "年度大客户"}
    )
    assert response.status_code == status
    customer.refresh_from_db()
    assert (customer.grade == "A") == (status == 302)


@pytest.mark.parametrize(
    "url",
    [
        "/customers/",
        "/customers/new/",
        "/customers/1/",
        "/customers/1/edit/",
        "/customers/import/",
        "/customers/import/1/",
        "/customers/import/template.xlsx",
        "/customers/export/",
        "/customers/grade-rules/",
        "/customers/duplicates/",
    ],
)
def test_anonymous_visitors_are_sent_to_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/customers/1/reveal/",
        "/customers/1/grade/",
        "/customers/1/grade/clear/",
        "/customers/1/stored-items/",
        "/customers/merge/",
        "/customers/grade-rules/recompute/",
    ],
)
def test_anonymous_posts_are_sent_to_login(client, db, url):
    response = client.post(url, {"reason": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_handler_and_partner_cannot_reach_an_existing_customer_by_any_page(client, cast, customer):
    for role in ("handler", "partner"):
        login(client, cast, role)
        assert client.get(f"/customers/{customer.pk}/").status_code == 404
        assert client.post(f"/customers/{customer.pk}/edit/", {"name": "x"}).status_code == 403
        listed = client.get("/customers/", {"q": "5678"}).content.decode()
        assert f'href="/customers/{customer.pk}/"' not in listed

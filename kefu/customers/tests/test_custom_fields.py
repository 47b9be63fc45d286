"""Custom field definitions (自定义字段) are managed in the console by administrators."""

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.customers.fields import create_custom_field, update_custom_field
from kefu.customers.models import CustomField
from kefu.customers.tests.factories import quick_english_setup  # noqa: F401


def test_admin_adds_a_choice_field_and_the_customer_form_shows_it(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        "/customers/fields/",
        {
            "key": "shoe_size",
            "label": "鞋码",
            "field_type": "choice",
            "choices": "38\n39\n\n40\n39",
            "position": 1,
        },
    )
    assert response.status_code == 302
    field = CustomField.objects.get(key="shoe_size")
    assert field.choices == ["38", "39", "40"]
    assert (
        AuditEntry.objects.filter(action="create", object_type="customers.customfield").count() == 1
    )
    assert "鞋码" in client.get("/customers/new/").content.decode()


def test_a_choice_field_without_choices_is_refused_on_the_form(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        "/customers/fields/",
        {"key": "level", "label": "级别", "field_type": "choice", "position": 0},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "A choice field needs at least one choice." in response.content.decode()
    assert not CustomField.objects.exists()


def test_keys_are_unique_and_well_formed(cast):
    create_custom_field(actor=cast.admin, key="wechat_id", label="微信号", field_type="text")
    with pytest.raises(ValidationFailed) as taken:
        create_custom_field(actor=cast.admin, key="wechat_id", label="重复", field_type="text")
    assert "key" in taken.value.fields
    with pytest.raises(ValidationFailed) as bad:
        create_custom_field(actor=cast.admin, key="微信", label="微信", field_type="text")
    assert "key" in bad.value.fields
    assert CustomField.objects.count() == 1


@pytest.mark.parametrize("role", ["manager", "agent", "auditor"])
def test_only_administrators_define_fields(client, cast, role):
    with pytest.raises(NotPermitted):
        create_custom_field(actor=cast.by_role(role), key="x1", label="X", field_type="text")
    client.force_login(cast.by_role(role))
    response = client.post(
        "/customers/fields/", {"key": "x2", "label": "X", "field_type": "text", "position": 0}
    )
    assert response.status_code == 403
    assert not CustomField.objects.exists()


def test_editing_keeps_the_key_and_audits_the_change(client, cast):
    field = create_custom_field(actor=cast.admin, key="hobby", label="爱好", field_type="text")
    client.force_login(cast.admin)
    response = client.post(
        f"/customers/fields/{field.pk}/edit/",
        {
            "key": "renamed",
            "label": "兴趣爱好",
            "field_type": "text",
            "is_required": "on",
            "position": 3,
        },
    )
    assert response.status_code == 302
    field.refresh_from_db()
    assert (field.key, field.label, field.is_required, field.position) == (
        "hobby",
        "兴趣爱好",
        True,
        3,
    )
    change = AuditEntry.objects.get(action="update", object_type="customers.customfield")
    assert change.changes["label"] == ["爱好", "兴趣爱好"]
    unchanged = update_custom_field(
        actor=cast.admin,
        field=field,
        label="兴趣爱好",
        field_type="text",
        is_required=True,
        position=3,
    )
    assert unchanged.label == "兴趣爱好"
    assert AuditEntry.objects.filter(object_type="customers.customfield").count() == 2


@pytest.mark.parametrize(("role", "shown"), [("admin", True), ("manager", False)])
def test_the_customer_list_links_to_the_fields_page_for_administrators(client, cast, role, shown):
    client.force_login(cast.by_role(role))
    body = client.get("/customers/").content.decode()
    assert ('data-testid="fields-link"' in body) is shown

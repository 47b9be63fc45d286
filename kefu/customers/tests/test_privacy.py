"""Personal data (个人信息保护): masking everywhere, audited reveals with a reason."""

import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.customers.presenters import masked_email, masked_id_number, masked_phone
from kefu.customers.services import reveal_personal_data
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401


@pytest.fixture
def customer(db):
    return CustomerFactory.create(
        name="张三丰", phone="13812345678", id_number="110101199001011234", email="zsf@example.com"
    )


def test_presenters_mask_phone_id_number_and_email(customer):
    assert masked_phone(customer) == "138****5678"
    assert masked_id_number(customer) == "110***********1234"
    assert masked_email(customer) == "z***@example.com"


def test_an_agent_may_not_reveal_and_no_audit_row_is_written(cast, customer):
    with pytest.raises(NotPermitted):
        reveal_personal_data(actor=cast.agent, customer=customer, reason="想看看")
    assert not AuditEntry.objects.filter(action="reveal").exists()


def test_a_manager_reveals_with_a_reason_and_the_audit_row_keeps_it(cast, customer):
    revealed = reveal_personal_data(
        actor=cast.manager, customer=customer, reason="客户来电要求核对预留手机号"
    )
    assert (revealed.phone, revealed.id_number, revealed.email) == (
        "13812345678",
        "110101199001011234",
        "zsf@example.com",
    )
    entry = AuditEntry.objects.get(action="reveal")
    assert (entry.actor, entry.object_id, entry.object_repr) == (
        cast.manager,
        str(customer.pk),
        "张三丰",
    )
    assert entry.reason == "客户来电要求核对预留手机号"


def test_an_administrators_reveal_is_audited_too(cast, customer):
    reveal_personal_data(actor=cast.admin, customer=customer, reason="数据核查")
    assert AuditEntry.objects.get(action="reveal").actor == cast.admin


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_reveal_without_a_reason_is_refused(cast, customer, reason):
    with pytest.raises(ValidationFailed) as caught:
        reveal_personal_data(actor=cast.manager, customer=customer, reason=reason)
    assert list(caught.value.fields) == ["reason"]
    assert not AuditEntry.objects.filter(action="reveal").exists()


def test_an_anonymous_visitor_may_not_reveal(anonymous, customer):
    with pytest.raises(NotPermitted):
        reveal_personal_data(actor=anonymous, customer=customer, reason="x")

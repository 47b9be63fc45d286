"""Customer export (客户导出): masked by default, revealed only with a reason, formula-safe,
always audited."""

import io

import openpyxl
import pytest

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted
from kefu.customers.exporting import export_customers_xlsx
from kefu.customers.models import Customer
from kefu.customers.tests.factories import CustomerFactory, quick_english_setup  # noqa: F401


def read(content):
    sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
    rows = list(sheet.iter_rows())
    headers = [c.value for c in rows[0]]
    return headers, [dict(zip(headers, row, strict=True)) for row in rows[1:]]


@pytest.fixture
def zhang(db):
    return CustomerFactory.create(
        name="张三丰",
        phone="13812345678",
        id_number="110101199001011234",
        email="zsf@example.com",
    )


def test_a_manager_without_a_reason_gets_masked_phone_id_and_email(cast, zhang):
    content = export_customers_xlsx(
        actor=cast.manager, queryset=Customer.objects.all(), filters={"grade": "A"}
    )
    headers, rows = read(content)
    assert headers[:4] == ["姓名", "类型", "性别", "手机"]
    (row,) = rows
    assert row["手机"].value == "138****5678"
    assert row["证件号"].value == "110***********1234"
    assert row["邮箱"].value == "z***@example.com"
    assert "13812345678" not in str(content)
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == cast.manager
    assert entry.changes == {"rows": 1, "filters": {"grade": "A"}, "revealed": False}
    assert not AuditEntry.objects.filter(action="reveal").exists()


def test_a_manager_with_a_reason_gets_the_real_values_and_both_audit_rows(cast, zhang):
    content = export_customers_xlsx(
        actor=cast.manager, queryset=Customer.objects.all(), reveal_reason="会员系统迁移"
    )
    _headers, rows = read(content)
    assert rows[0]["手机"].value == "13812345678"
    assert rows[0]["证件号"].value == "110101199001011234"
    reveal = AuditEntry.objects.get(action="reveal")
    export = AuditEntry.objects.get(action="export")
    assert reveal.reason == export.reason == "会员系统迁移"
    assert export.changes["revealed"] is True


def test_qa_and_auditors_may_not_export(cast, zhang):
    for user in (cast.qa, cast.auditor):
        with pytest.raises(NotPermitted):
            export_customers_xlsx(actor=user, queryset=Customer.objects.all())
    assert not AuditEntry.objects.filter(action="export").exists()


def test_an_agent_may_export_only_masked_values(cast, zhang):
    with pytest.raises(NotPermitted):
        export_customers_xlsx(
            actor=cast.agent, queryset=Customer.objects.all(), reveal_reason="想看号码"
        )
    content = export_customers_xlsx(actor=cast.agent, queryset=Customer.objects.all())
    book = openpyxl.load_workbook(io.BytesIO(content))
    text = "\n".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row)
    assert "138****5678" in text
    assert "13812345678" not in text
    assert AuditEntry.objects.filter(action="export", actor=cast.agent).count() == 1


def test_cells_that_would_run_as_formulas_are_neutralised(cast):
    CustomerFactory.create(
        name='=HYPERLINK("http://evil.example","点我")',
        company="+cmd|' /C calc'!A0",
        address="-2+3",
        notes="@SUM(A1:A2)",
    )
    CustomerFactory.create(name="\tTAB", notes="\r回车")
    _headers, rows = read(
        export_customers_xlsx(actor=cast.admin, queryset=Customer.objects.order_by("id"))
    )
    first, second = rows
    for column in ("姓名", "公司", "地址", "备注"):
        assert first[column].data_type == "s"
        assert first[column].value.startswith("'")
    assert second["姓名"].value == "'\tTAB"
    assert second["备注"].value.startswith("'")  # XML reads CR back as LF


def test_only_the_given_rows_are_exported_and_counted(cast):
    CustomerFactory.create(name="甲", grade="A")
    CustomerFactory.create(name="乙", grade="C")
    content = export_customers_xlsx(actor=cast.manager, queryset=Customer.objects.filter(grade="A"))
    _headers, rows = read(content)
    assert [r["姓名"].value for r in rows] == ["甲"]
    assert AuditEntry.objects.get(action="export").changes["rows"] == 1

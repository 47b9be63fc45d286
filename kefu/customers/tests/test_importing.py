"""Customer import (客户导入): whole-file checks, all or nothing, duplicates, encodings."""

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from huey.contrib.djhuey import HUEY

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.customers import importing
from kefu.customers.exporting import export_customers_xlsx
from kefu.customers.importing import import_template_xlsx, run_import_job, start_import
from kefu.customers.models import Customer, GradeChange, ImportJob
from kefu.customers.tests.factories import (
    CustomerFactory,
    CustomFieldFactory,
    quick_english_setup,  # noqa: F401
)

HEADER = ["姓名", "手机", "邮箱", "生日", "性别", "会员号", "等级", "标签"]


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return tmp_path


def xlsx(rows, header=HEADER):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def good_row(n):
    return [f"客户{n}", f"138{n:08d}", f"c{n}@example.com", "1990-01-02", "男", f"M{n:05d}", "", ""]


def run(actor, content, name="customers.xlsx", on_duplicate="reject"):
    return start_import(
        actor=actor, uploaded_file_name=name, content=content, on_duplicate=on_duplicate
    )


def test_a_file_with_three_bad_rows_imports_nothing_and_names_exactly_those_rows(cast):
    rows = [good_row(n) for n in range(1000)]
    rows[99][1] = "12345"  # spreadsheet row 101: not a customer phone
    rows[500][3] = "2024-02-30"  # row 502: no such date
    rows[998][0] = ""  # row 1000: no name
    job = run(cast.supervisor, xlsx(rows))
    assert job.status == "failed"
    assert sorted(e["row"] for e in job.errors) == [101, 502, 1000]
    assert {(e["row"], e["field"]) for e in job.errors} == {
        (101, "手机"),
        (502, "生日"),
        (1000, "姓名"),
    }
    assert job.processed_rows == 1000
    assert not Customer.objects.exists()
    assert not AuditEntry.objects.filter(action="import").exists()


def test_a_clean_file_imports_every_row_with_one_audit_row(cast):
    rows = [good_row(n) for n in range(300)]
    rows[0][6] = "A"
    rows[1][7] = "老客户，VIP"
    rows[2][7] = "VIP"
    job = run(cast.supervisor, xlsx(rows))
    assert job.status == "done"
    assert (job.created_count, job.skipped_count, job.total_rows) == (300, 0, 300)
    assert job.finished_at is not None
    assert Customer.objects.count() == 300
    first = Customer.objects.get(member_number="M00000")
    assert (first.phone, first.phone_last4, first.name_initials) == ("13800000000", "0000", "kh0")
    assert (first.gender, first.birthday) == ("male", dt.date(1990, 1, 2))
    assert (first.grade, first.grade_is_manual, first.source_channel) == ("A", True, "import")
    assert first.created_by == cast.supervisor
    manual = GradeChange.objects.get(customer=first)
    assert (manual.is_manual, manual.reason) == (True, "Imported from customers.xlsx")
    second = Customer.objects.get(member_number="M00001")
    assert sorted(second.tags.values_list("name", flat=True)) == ["VIP", "老客户"]
    assert Customer.objects.filter(tags__name="VIP").count() == 2
    entry = AuditEntry.objects.get(action="import")
    assert entry.changes["created"] == 300
    assert entry.actor == cast.supervisor


def test_a_phone_already_in_the_archive_or_repeated_is_a_row_error_when_rejecting(cast):
    existing = CustomerFactory.create(name="老王", phone="13800000001")
    rows = [good_row(0), good_row(1), good_row(2), good_row(0)]
    rows[3][5] = "M99999"
    job = run(cast.supervisor, xlsx(rows))
    assert job.status == "failed"
    errors = {e["row"]: e["message"] for e in job.errors}
    assert set(errors) == {3, 5}
    assert f"老王 (ID {existing.pk})" in errors[3]
    assert "row 2" in errors[5]
    assert Customer.objects.count() == 1


def test_duplicates_are_skipped_and_counted_when_skipping(cast):
    CustomerFactory.create(name="老王", phone="13800000001")
    rows = [good_row(0), good_row(1), good_row(2), good_row(0)]
    rows[1][3] = "not a date"  # a skipped row's other problems do not matter
    job = run(cast.supervisor, xlsx(rows), on_duplicate="skip")
    assert job.status == "done"
    assert (job.created_count, job.skipped_count) == (2, 2)
    assert Customer.objects.filter(name="客户0").count() == 1


def test_member_numbers_must_be_unique_in_the_file_and_in_the_archive(cast):
    CustomerFactory.create(name="老会员", member_number="M00001", phone="")
    rows = [good_row(0), good_row(1), good_row(2)]
    rows[2][5] = "M00000"
    job = run(cast.supervisor, xlsx(rows))
    errors = sorted((e["row"], e["field"]) for e in job.errors)
    assert errors == [(3, "会员号"), (4, "会员号")]


def test_a_csv_with_a_utf8_bom_is_read(cast):
    content = "\ufeff姓名,手机,性别\n张三丰,13812345678,男\n".encode()
    job = run(cast.supervisor, content, name="客户.csv")
    assert job.status == "done"
    assert Customer.objects.get().name == "张三丰"


def test_a_csv_saved_by_chinese_excel_in_gb18030_is_read(cast):
    content = "姓名,手机,性别,标签\n欧阳锋,13912345678,女,白驼山；西毒\n".encode("gb18030")
    job = run(cast.supervisor, content, name="客户.csv")
    assert job.status == "done"
    customer = Customer.objects.get()
    assert (customer.name, customer.gender) == ("欧阳锋", "female")
    assert sorted(customer.tags.values_list("name", flat=True)) == ["白驼山", "西毒"]


def test_unknown_and_missing_columns_are_reported_on_the_header_row(cast):
    job = run(cast.supervisor, xlsx([["13812345678", "x"]], header=["手机", "星座"]))
    assert job.status == "failed"
    assert sorted((e["row"], e["field"]) for e in job.errors) == [(1, "姓名"), (1, "星座")]


def test_english_headers_excel_dates_and_custom_fields_are_accepted(cast):
    CustomFieldFactory.create(key="size", label="尺码", field_type="choice", choices=["S", "M"])
    header = ["Name", "Phone", "Birthday", "尺码", "Owner", "Spend 12m", "Visits 12m"]
    row = ["Li Lei", "13812345678", dt.datetime(1991, 3, 4), "M", "agent", 20000, 20]
    job = run(cast.supervisor, xlsx([row], header=header))
    assert job.status == "done", job.errors
    customer = Customer.objects.get()
    assert customer.birthday == dt.date(1991, 3, 4)
    assert customer.custom_fields == {"size": "M"}
    assert customer.owner == cast.agent
    assert (customer.spend_12m, customer.grade, customer.grade_is_manual) == (
        Decimal("20000.00"),
        "A",
        False,
    )
    assert customer.name_pinyin == "lilei"


def test_blank_rows_are_skipped_but_row_numbers_stay_those_of_the_sheet(cast):
    job = run(cast.supervisor, xlsx([good_row(0), [None] * 8, ["", "12345"]]))
    assert [(e["row"], e["field"]) for e in job.errors] == [(4, "姓名"), (4, "手机")]


def test_progress_is_saved_every_block_while_checking(cast, monkeypatch):
    saved = []
    real = importing._set_progress

    def spy(job_id, **fields):
        if "processed_rows" in fields and "status" not in fields:
            saved.append(fields["processed_rows"])
        real(job_id, **fields)

    monkeypatch.setattr(importing, "BLOCK", 2)
    monkeypatch.setattr(importing, "_set_progress", spy)
    job = run(cast.supervisor, xlsx([good_row(n) for n in range(5)]))
    assert job.status == "done"
    assert saved == [2, 4, 5]


def test_a_large_file_is_queued_and_imported_by_the_task(cast, settings):
    settings.KEFU_IMPORT_INLINE_ROWS = 2
    HUEY.immediate = True
    try:
        job = run(cast.supervisor, xlsx([good_row(n) for n in range(5)]))
        assert job.status == "pending"
        assert job.total_rows == 5
        from kefu.customers.tasks import run_import

        run_import(job.pk)
    finally:
        HUEY.immediate = False
    job.refresh_from_db()
    assert (job.status, job.created_count) == ("done", 5)


def test_a_job_runs_only_once(cast):
    job = run(cast.supervisor, xlsx([good_row(0)]))
    assert run_import_job(job.pk).status == "done"
    assert Customer.objects.count() == 1
    assert run_import_job(job.pk).created_count == 1
    assert Customer.objects.count() == 1


def test_a_broken_workbook_fails_with_a_file_error(cast):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    job = run(cast.supervisor, buffer.getvalue())
    assert job.status == "failed"
    assert [e["row"] for e in job.errors] == [0]


def test_an_agent_may_not_import_and_only_xlsx_or_csv_are_taken(cast):
    with pytest.raises(NotPermitted):
        run(cast.agent, xlsx([good_row(0)]))
    with pytest.raises(ValidationFailed) as caught:
        run(cast.supervisor, b"MZ...", name="customers.exe")
    assert list(caught.value.fields) == ["file"]
    assert not ImportJob.objects.exists()


def test_the_template_has_the_chinese_headers_and_imports_once_filled(cast):
    CustomFieldFactory.create(key="room", label="包厢")
    workbook = openpyxl.load_workbook(io.BytesIO(import_template_xlsx()))
    sheet = workbook.worksheets[0]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:4] == ["姓名", "类型", "性别", "手机"]
    assert headers[-1] == "包厢"
    sheet.append(["张三", "个人", "男", "13812345678"] + [None] * (len(headers) - 5) + ["A8"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    job = run(cast.supervisor, buffer.getvalue())
    assert job.status == "done", job.errors
    assert Customer.objects.get().custom_fields == {"room": "A8"}


def test_an_unmasked_export_imports_back_into_an_empty_archive(cast):
    CustomerFactory.create(
        name="张三", phone="13812345678", email="zs@example.com", member_number="M1"
    )
    content = export_customers_xlsx(
        actor=cast.manager, queryset=Customer.objects.all(), reveal_reason="迁移"
    )
    Customer.objects.all().delete()
    job = run(cast.supervisor, content)
    assert job.status == "done", job.errors
    customer = Customer.objects.get()
    assert (customer.name, customer.phone, customer.email, customer.member_number) == (
        "张三",
        "13812345678",
        "zs@example.com",
        "M1",
    )


def test_past_the_error_limit_the_rest_are_counted_in_one_closing_line(cast, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ERRORS", 2)
    rows = [good_row(n) for n in range(5)]
    for row in rows[:3]:
        row[1] = "12345"
    job = run(cast.supervisor, xlsx(rows))
    assert [e["row"] for e in job.errors] == [2, 3, 0]
    assert job.errors[-1]["message"] == "1 more errors are not listed."
    assert not Customer.objects.exists()

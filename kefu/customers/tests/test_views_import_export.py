"""Import and export pages: the all-or-nothing import with its row-numbered report, the
permission-checked, audited .xlsx export."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer, ImportJob
from kefu.customers.services import create_customer

FULL_PHONE = "13812345678"


def login(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def csv_file(text, name="customers.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(client, file, on_duplicate="reject"):
    return client.post("/customers/import/", {"file": file, "on_duplicate": on_duplicate})


def test_a_good_file_is_imported_and_the_job_page_counts_it(client, cast):
    login(client, cast.supervisor)
    response = upload(
        client, csv_file("姓名,手机,邮箱\n张三丰,13812345678,zsf@example.com\n李四,13900001111,\n")
    )
    job = ImportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/customers/import/{job.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-result"' in body
    assert "2 customers created, 0 rows skipped." in body
    assert "progress-100" in body
    assert 'hx-trigger="every 1s"' not in body
    assert set(Customer.objects.values_list("name", flat=True)) == {"张三丰", "李四"}


def test_a_bad_file_imports_nothing_and_lists_the_errors_by_row(client, cast):
    login(client, cast.supervisor)
    response = upload(
        client,
        csv_file(
            "姓名,手机,生日\n张三丰,13812345678,1990-01-01\n"
            "李四,12345,1990-01-01\n,13900001111,\n王五,,明天\n"
        ),
    )
    body = client.get(response["Location"]).content.decode()
    assert 'data-testid="import-errors"' in body
    table = body.split('data-testid="import-errors"')[1].split("</table>")[0]
    rows = list(table.split("<tr>")[2:])
    row_numbers = [r.split("<td>")[1].split("</td>")[0] for r in rows]
    assert row_numbers == sorted(row_numbers, key=int)
    assert {"3", "4", "5"} <= set(row_numbers)
    assert "Nothing was imported." in body
    assert 'hx-trigger="every 1s"' not in body
    assert not Customer.objects.exists()


def test_import_errors_follow_the_language_of_the_reader(client, cast):
    from django.utils import translation

    login(client, cast.supervisor)
    response = upload(client, csv_file("姓名,手机\n李四,12345\n"))
    en = client.get(response["Location"]).content.decode()
    assert "Enter a valid phone number." in en
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hans"
    zh = client.get(response["Location"]).content.decode()
    with translation.override("zh-hans"):
        assert translation.gettext("Enter a valid phone number.") in zh


def test_a_running_job_polls_every_second(client, cast):
    from kefu.core.clock import now

    job = ImportJob.objects.create(
        file_name="big.xlsx",
        file_path="x",
        status="validating",
        total_rows=1000,
        processed_rows=340,
        created_by=cast.supervisor,
        created_at=now(),
    )
    login(client, cast.supervisor)
    page = client.get(f"/customers/import/{job.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page
    assert "progress-30" in page
    fragment = client.get(f"/customers/import/{job.pk}/", HTTP_HX_REQUEST="true")
    assert "<html" not in fragment.content.decode()
    assert fragment.content.decode().lstrip().startswith("<section")


def test_someone_elses_import_job_is_not_found(client, cast):
    from kefu.core.clock import now

    job = ImportJob.objects.create(
        file_name="a.csv", file_path="x", created_by=cast.manager, created_at=now()
    )
    assert login(client, cast.supervisor).get(f"/customers/import/{job.pk}/").status_code == 404


def test_only_spreadsheets_are_accepted(client, cast):
    response = upload(login(client, cast.supervisor), csv_file("x", name="customers.exe"))
    assert response.status_code == 200
    assert "Upload an .xlsx or .csv file." in (response.content.decode())
    assert not ImportJob.objects.exists()


def test_the_template_is_an_xlsx_with_chinese_headers(client, cast):
    response = login(client, cast.supervisor).get("/customers/import/template.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    headers = [c.value for c in book.worksheets[0][1]]
    assert "姓名" in " ".join(str(h) for h in headers)


@pytest.fixture
def customers(cast):
    return [
        create_customer(
            actor=cast.admin,
            data={
                "name": "张三丰",
                "phone": FULL_PHONE,
                "id_number": "110101199003071234",
                "tags": ["VIP"],
            },
        ),
        create_customer(actor=cast.admin, data={"name": "李四", "phone": "13900001111"}),
    ]


def sheet_text(content):
    book = openpyxl.load_workbook(io.BytesIO(content))
    return "\n".join(
        "\t".join("" if v is None else str(v) for v in row)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
    )


@pytest.mark.parametrize("role", ["agent", "manager"])
def test_plain_export_is_masked_filtered_and_audited(client, cast, customers, role):
    response = login(client, cast.by_role(role)).get("/customers/export/", {"tag": "VIP"})
    assert response.status_code == 200
    text = sheet_text(response.content)
    assert "张三丰" in text
    assert "李四" not in text
    assert "138****5678" in text
    assert FULL_PHONE not in text
    assert "110101199003071234" not in text
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == cast.by_role(role)


def test_export_with_a_reason_reveals_and_records_the_reason(client, cast, customers):
    login(client, cast.manager)
    refused = client.post("/customers/export/", {"reason": ""})
    assert refused.status_code == 422
    assert not AuditEntry.objects.filter(action="export").exists()
    response = client.post("/customers/export/?q=5678", {"reason": "年度客户回访名单"})
    text = sheet_text(response.content)
    assert FULL_PHONE in text
    assert "李四" not in text
    assert AuditEntry.objects.get(action="export").reason == "年度客户回访名单"


def test_an_agent_cannot_export_unmasked_values(client, cast, customers):
    login(client, cast.agent)
    response = client.post("/customers/export/", {"reason": "想要完整号码"})
    assert response.status_code == 403
    assert FULL_PHONE not in response.content.decode(errors="ignore")
    assert not AuditEntry.objects.filter(action__in=["export", "reveal"]).exists()


@pytest.mark.parametrize("role", ["qa", "auditor", "partner"])
def test_export_is_refused_without_the_capability(client, cast, customers, role):
    login(client, cast.by_role(role))
    assert client.get("/customers/export/").status_code == 403
    assert client.post("/customers/export/", {"reason": "x"}).status_code == 403
    assert not AuditEntry.objects.filter(action="export").exists()

"""Hostile uploads (恶意上传, issue 6 item 5): images are re-encoded (only pixels survive), active
PDFs and undecodable images are refused with a clear message, nothing is stored on refusal, and
the customer import refuses a non-zip file named ``.xlsx``."""

from __future__ import annotations

import io
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from kefu.core.errors import ValidationFailed
from kefu.customers.importing import start_import
from kefu.customers.models import ImportJob
from kefu.tickets.content_checks import active_pdf_names
from kefu.tickets.models import TicketAttachment, TicketEvent
from kefu.tickets.services.records import add_attachment
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.records_helpers import (
    PDF,
    data_dir_fixture,  # noqa: F401 (fixture)
    english_fixture,  # noqa: F401 (fixture)
    png_bytes,
    stored_files,
    upload,
)
from kefu.web.tests.hostile.payloads import SCRIPT

pytestmark = pytest.mark.django_db

HTML_TAIL = SCRIPT.encode()


def image(fmt: str, **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 10, 10)).save(out, format=fmt, **save)
    return out.getvalue()


def jpeg_polyglot() -> bytes:
    """A real JPEG with HTML in a comment segment and after the end marker."""
    data = image("JPEG")
    comment = b"<html>" + HTML_TAIL
    segment = b"\xff\xfe" + (len(comment) + 2).to_bytes(2, "big") + comment
    return data[:2] + segment + data[2:] + HTML_TAIL


def refused(cast, ticket, content: bytes, name: str) -> str:
    with pytest.raises(ValidationFailed) as caught:
        add_attachment(actor=cast.agent, ticket=ticket, content=upload(content), name=name)
    return str(caught.value.fields["file"][0])


@pytest.mark.parametrize(
    ("content", "content_type"),
    [
        (png_bytes() + HTML_TAIL, "image/png"),
        (jpeg_polyglot(), "image/jpeg"),
        (image("GIF") + HTML_TAIL, "image/gif"),
        (image("WEBP") + HTML_TAIL, "image/webp"),
    ],
    ids=["png-trailing-html", "jpeg-polyglot", "gif-trailing-html", "webp-trailing-html"],
)
def test_images_are_re_encoded_so_smuggled_html_is_dropped(
    cast, customer, data_dir, content, content_type
):
    ticket = open_ticket(cast, customer)
    attachment = add_attachment(
        actor=cast.agent, ticket=ticket, content=upload(content), name="现场.img"
    )
    [path] = stored_files(data_dir)
    stored = path.read_bytes()
    assert attachment.content_type == content_type
    assert b"<script>" not in stored
    assert b"<html>" not in stored
    assert attachment.size == len(stored) < len(content)
    with Image.open(io.BytesIO(stored)) as again:  # still the same picture
        assert again.size == (4, 3) if content_type != "image/png" else (1, 1)


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n" + HTML_TAIL, "PNG"),
        (b"\xff\xd8\xff\xe0" + HTML_TAIL, "JPG"),
        (b"GIF89a" + HTML_TAIL, "GIF"),
    ],
    ids=["png", "jpeg", "gif"],
)
def test_a_file_with_an_image_signature_that_does_not_decode_is_refused(
    cast, customer, data_dir, content, kind
):
    ticket = open_ticket(cast, customer)
    message = refused(cast, ticket, content, "photo.png")
    assert message == f"The file is not a valid {kind} image."
    assert not TicketAttachment.objects.exists()
    assert not TicketEvent.objects.filter(kind="attachment").exists()
    assert stored_files(data_dir) == []  # not even the temporary file


ACTIVE_PDFS = {
    "javascript": b"<< /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
    "js-only": b"<< /Type /Action /JS (app.alert(1)) >>",
    "launch": b"<< /Type /Action /S /Launch /F (cmd.exe) >>",
    "embedded": b"<< /Type /EmbeddedFile /Length 3 >>",
    "hex-escaped": b"<< /S /J#61vaScript /J#53 (x) >>",
}


def pdf_with(body: bytes) -> bytes:
    return b"%PDF-1.4\n1 0 obj " + body + b" endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def pdf_with_compressed(body: bytes) -> bytes:
    stream = zlib.compress(body)
    return (
        b"%PDF-1.5\n1 0 obj << /Type /ObjStm /Filter /FlateDecode /Length "
        + str(len(stream)).encode()
        + b" >>\nstream\n"
        + stream
        + b"\nendstream\nendobj\n%%EOF\n"
    )


@pytest.mark.parametrize("body", list(ACTIVE_PDFS.values()), ids=list(ACTIVE_PDFS))
def test_a_pdf_with_scripts_launch_actions_or_embedded_files_is_refused(
    cast, customer, data_dir, body
):
    ticket = open_ticket(cast, customer)
    for content in (pdf_with(body), pdf_with_compressed(body)):
        message = refused(cast, ticket, content, "报告.pdf")
        assert message == (
            "PDF documents with scripts, launch actions or embedded files cannot be attached."
        )
    assert not TicketAttachment.objects.exists()
    assert stored_files(data_dir) == []


def test_a_plain_pdf_is_kept_byte_for_byte_and_json_is_not_mistaken_for_js(
    cast, customer, data_dir
):
    assert active_pdf_names(pdf_with(b"<< /Type /JSON /Title (/JS) >>")) == {"/js"}
    assert active_pdf_names(pdf_with(b"<< /Type /JSONData >>")) == set()
    ticket = open_ticket(cast, customer)
    add_attachment(actor=cast.agent, ticket=ticket, content=upload(PDF), name="a.pdf")
    [path] = stored_files(data_dir)
    assert path.read_bytes() == PDF


def test_the_refusal_is_shown_in_chinese_on_the_work_order_page(client, cast, customer, data_dir):
    ticket = open_ticket(cast, customer)
    client.force_login(cast.agent)
    evil = pdf_with(ACTIVE_PDFS["javascript"])
    response = client.post(
        f"/work-orders/{ticket.number}/attachments/",
        {"file": SimpleUploadedFile("报告.pdf", evil, content_type="application/pdf")},
        headers={"Accept-Language": "zh-hans"},
        follow=True,
    )
    assert response.status_code == 200
    with translation.override("zh-hans"):
        expected = translation.gettext(
            "PDF documents with scripts, launch actions or embedded files cannot be attached."
        )
    assert (
        expected
        != "PDF documents with scripts, launch actions or embedded files cannot be attached."
    )
    assert expected in response.content.decode()
    assert not TicketAttachment.objects.exists()


@pytest.mark.parametrize(
    "content",
    [b"<html><script>alert(1)</script></html>", b"name,phone\n=cmd|' /C calc'!A0,138\n", b"\x00"],
    ids=["html", "csv", "nul"],
)
def test_the_customer_import_refuses_non_zip_content_named_xlsx(cast, content):
    with pytest.raises(ValidationFailed) as caught:
        start_import(
            actor=cast.admin, uploaded_file_name="客户.xlsx", content=content, on_duplicate="skip"
        )
    assert caught.value.fields["file"] == ["This is not an Excel (.xlsx) file."]
    assert not ImportJob.objects.exists()


def test_the_import_page_shows_the_refusal_in_chinese(client, cast):
    client.force_login(cast.admin)
    response = client.post(
        "/customers/import/",
        {
            "file": SimpleUploadedFile("客户.xlsx", b"<html>not a workbook</html>"),
            "on_duplicate": "skip",
        },
        headers={"Accept-Language": "zh-hans"},
    )
    assert response.status_code == 200
    with translation.override("zh-hans"):
        expected = translation.gettext("This is not an Excel (.xlsx) file.")
    assert expected in response.content.decode()
    assert not ImportJob.objects.exists()

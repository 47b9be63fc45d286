"""Attachments: type by content, size limit, atomic storage with sha256, scoped download."""

from __future__ import annotations

import hashlib

import pytest
from django.urls import reverse

from kefu.audit.models import AuditEntry
from kefu.core.errors import NotFound, NotPermitted, ValidationFailed
from kefu.tickets.models import TicketAttachment, TicketEvent
from kefu.tickets.services.records import add_attachment
from kefu.tickets.sniffing import sniff
from kefu.tickets.tests.conftest import open_ticket
from kefu.tickets.tests.records_helpers import (
    HTML,
    PDF,
    SVG,
    data_dir_fixture,  # noqa: F401 (fixture)
    dispatch_repair,
    english_fixture,  # noqa: F401 (fixture)
    png_bytes,
    stored_files,
    upload,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets"


def auth(cast, role):
    return {"Authorization": f"Bearer {cast.token(role)}", "Accept-Language": "en"}


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"GIF89a\x01\x00", "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", "image/webp"),
        (b"%PDF-1.7\n", "application/pdf"),
        (SVG[:16], None),
        (HTML[:16], None),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", None),
        (b"", None),
    ],
)
def test_file_types_are_told_by_their_first_bytes(head, expected):
    kind = sniff(head)
    assert (kind.content_type if kind else None) == expected


@pytest.mark.parametrize("content", [SVG, HTML], ids=["svg", "html"])
def test_an_svg_or_html_file_named_png_is_refused_and_nothing_is_stored(
    cast, customer, data_dir, content
):
    ticket = open_ticket(cast, customer)
    with pytest.raises(ValidationFailed) as refused:
        add_attachment(actor=cast.agent, ticket=ticket, content=upload(content), name="photo.png")
    assert "Only images (JPEG, PNG, GIF, WebP) and PDF" in refused.value.fields["file"][0]
    assert not TicketAttachment.objects.exists()
    assert not TicketEvent.objects.filter(kind="attachment").exists()
    assert stored_files(data_dir) == []


def test_a_file_over_the_size_limit_is_refused_even_if_its_declared_size_lies(
    cast, customer, data_dir, settings
):
    settings.KEFU_ATTACHMENT_MAX_BYTES = 100
    ticket = open_ticket(cast, customer)
    big = png_bytes() + b"\x00" * 200
    for declared in (len(big), 10):  # honest, then lying about the size
        with pytest.raises(ValidationFailed) as refused:
            add_attachment(
                actor=cast.agent, ticket=ticket, content=upload(big), name="a.png", size=declared
            )
        assert refused.value.fields["file"][0].startswith("The file is larger than 100")
    assert not TicketAttachment.objects.exists()
    assert stored_files(data_dir) == []  # not even a temporary file is left


@pytest.mark.parametrize(
    ("content", "content_type"), [(png_bytes(), "image/png"), (PDF, "application/pdf")]
)
def test_a_png_or_pdf_is_stored_atomically_with_its_sha256_and_recorded(
    cast, customer, data_dir, content, content_type
):
    ticket = open_ticket(cast, customer)
    attachment = add_attachment(
        actor=cast.agent, ticket=ticket, content=upload(content), name="../../现场照片.bin"
    )
    assert attachment.content_type == content_type
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.size == len(content)
    assert attachment.original_name == "现场照片.bin"  # folders stripped
    [path] = stored_files(data_dir)
    assert path.read_bytes() == content
    assert path.relative_to(data_dir).as_posix() == attachment.stored_path
    assert attachment.stored_path.startswith(f"attachments/{attachment.at:%Y}/{attachment.at:%m}/")
    event = TicketEvent.objects.get(ticket=ticket, kind="attachment")
    assert event.data["attachment"] == attachment.pk
    assert AuditEntry.objects.filter(
        object_type="tickets.ticketattachment", object_id=str(attachment.pk)
    ).exists()


def test_a_partner_cannot_add_an_internal_attachment_nor_attach_to_work_it_does_not_see(
    cast, customer, data_dir
):
    repair = dispatch_repair(cast, customer)
    with pytest.raises(NotPermitted):
        add_attachment(
            actor=cast.partner, ticket=repair, content=upload(PDF), name="x.pdf", is_internal=True
        )
    with pytest.raises(NotFound):
        add_attachment(actor=cast.other_partner, ticket=repair, content=upload(PDF), name="x.pdf")
    assert not TicketAttachment.objects.exists()
    # The partner it was dispatched to may attach a (customer-visible) photo of the repair.
    add_attachment(actor=cast.partner, ticket=repair, content=upload(png_bytes()), name="修好.png")
    assert TicketAttachment.objects.get().uploaded_by == cast.partner


def test_api_upload_refuses_html_named_png_with_422_and_stores_nothing(
    client, cast, customer, data_dir
):
    ticket = open_ticket(cast, customer)
    response = client.post(
        f"{URL}/{ticket.number}/attachments",
        {"file": _named("evil.png", HTML)},
        headers=auth(cast, "agent"),
    )
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["file"][0].startswith("Only images")
    assert not TicketAttachment.objects.exists()


def test_api_upload_and_download_in_scope_only(client, cast, customer, data_dir):
    repair = dispatch_repair(cast, customer)
    content = png_bytes()
    response = client.post(
        f"{URL}/{repair.number}/attachments",
        {"file": _named("现场.png", content)},
        headers=auth(cast, "agent"),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["content_type"] == "image/png"
    url = body["download_url"]
    assert url == f"{URL}/{repair.number}/attachments/{body['id']}"

    for role in ("agent", "partner"):
        download = client.get(url, headers=auth(cast, role))
        assert download.status_code == 200
        assert download["Content-Type"] == "image/png"
        assert download["Content-Disposition"].startswith("attachment;")
        assert b"".join(download.streaming_content) == content

    assert client.get(url, headers=auth(cast, "other_partner")).status_code == 404
    listed = client.get(f"{URL}/{repair.number}/attachments", headers=auth(cast, "other_partner"))
    assert listed.status_code == 404


def test_internal_attachments_are_hidden_from_partners_but_not_from_staff(
    client, cast, customer, data_dir
):
    repair = dispatch_repair(cast, customer)
    internal = add_attachment(
        actor=cast.agent, ticket=repair, content=upload(PDF), name="内部.pdf", is_internal=True
    )
    url = f"{URL}/{repair.number}/attachments"
    assert [a["name"] for a in client.get(url, headers=auth(cast, "agent")).json()] == ["内部.pdf"]
    assert client.get(url, headers=auth(cast, "partner")).json() == []
    download = f"{url}/{internal.pk}"
    assert client.get(download, headers=auth(cast, "partner")).status_code == 404
    client.force_login(cast.partner)
    page = reverse("ticket_records:attachment_download", args=[repair.number, internal.pk])
    assert client.get(page).status_code == 404
    assert (
        "内部.pdf"
        not in client.get(reverse("ticket_records:page", args=[repair.number])).content.decode()
    )


def test_console_upload_refuses_svg_and_accepts_pdf(client, cast, customer, data_dir):
    ticket = open_ticket(cast, customer)
    client.force_login(cast.agent)
    url = reverse("ticket_records:attachment", args=[ticket.number])
    refused = client.post(url, {"file": _named("a.png", SVG)}, headers={"HX-Request": "true"})
    assert refused.status_code == 200
    assert "Only images (JPEG, PNG, GIF, WebP) and PDF" in refused.content.decode()
    assert not TicketAttachment.objects.exists()
    client.post(url, {"file": _named("发票.pdf", PDF)}, headers={"HX-Request": "true"})
    attachment = TicketAttachment.objects.get()
    download = client.get(
        reverse("ticket_records:attachment_download", args=[ticket.number, attachment.pk])
    )
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content) == PDF


def _named(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="image/png")

"""Customer import (客户导入): upload, the job page with a polled progress bar, the template."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_GET, require_http_methods

from kefu.core.errors import DomainError
from kefu.customers.choices import ImportStatus
from kefu.customers.forms import ImportForm
from kefu.customers.importing import import_template_xlsx, start_import
from kefu.customers.models import ImportJob
from kefu.customers.views.common import AuthedRequest, errors_to_form, is_partial

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RUNNING = (ImportStatus.PENDING, ImportStatus.VALIDATING, ImportStatus.SAVING)


@login_required
@permission_required("customers.import_customer", raise_exception=True)
@require_http_methods(["GET", "POST"])
def import_upload(request: AuthedRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = start_import(
                actor=request.user,
                uploaded_file_name=upload.name,
                content=upload.read(),
                on_duplicate=form.cleaned_data["on_duplicate"],
            )
        except DomainError as exc:
            errors_to_form(form, exc, {"content": "file", "uploaded_file_name": "file"})
        else:
            return redirect("customers:import_job", job_id=job.pk)
    recent = ImportJob.objects.filter(created_by=request.user).order_by("-id")[:10]
    return render(request, "customers/import.html", {"form": form, "recent": recent})


def _readable(message: str) -> str:
    """Messages are stored as written; one stored as an English msgid follows the reader's
    language (gettext("") would return the catalogue header, hence the guard)."""
    return gettext(message) if message else ""


def job_context(job: ImportJob) -> dict[str, Any]:
    percent = job.percent
    return {
        "job": job,
        "running": job.status in RUNNING,
        "rejected": job.status == ImportStatus.FAILED,
        "done": job.status == ImportStatus.DONE,
        "progress_step": min(100, percent // 10 * 10),
        "percent": percent,
        "errors": [
            {**error, "message": _readable(str(error.get("message") or ""))}
            for error in (job.errors or [])
        ],
    }


@login_required
@permission_required("customers.import_customer", raise_exception=True)
@require_GET
def import_job(request: AuthedRequest, job_id: int) -> HttpResponse:
    """The job page; htmx polls it for the fragment while the job runs. Only the uploader
    sees it (the error report quotes the file's cells)."""
    job = get_object_or_404(ImportJob, pk=job_id, created_by=request.user)
    template = "customers/_import_job.html" if is_partial(request) else "customers/import_job.html"
    return render(request, template, job_context(job))


@login_required
@permission_required("customers.import_customer", raise_exception=True)
@require_GET
def import_template(request: AuthedRequest) -> HttpResponse:
    """The empty import sheet with every column (and the custom fields) explained."""
    response = HttpResponse(import_template_xlsx(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="customers-template.xlsx"'
    return response

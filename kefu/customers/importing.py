"""Customer import (客户导入): an .xlsx or .csv file is checked whole, then imported all or
nothing.

``start_import`` stores the upload under DATA_DIR/imports and runs small files at once, larger
ones as the Huey task ``run_import``. ``run_import_job`` reads the file once: every row is
checked (progress saved every ``BLOCK`` rows, outside any transaction, so the page can show
it), then, only if no row has an error, all customers are inserted in one transaction with
one IMPORT audit row. Errors are ``{"row": N, "field": header, "message": text}`` with
spreadsheet row numbers (the header is row 1; row 0 is the file itself).
"""

from __future__ import annotations

import io
import logging
import uuid
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from kefu.accounts.models import User
from kefu.audit.choices import AuditAction
from kefu.audit.services import record
from kefu.core.clock import now
from kefu.core.errors import ValidationFailed
from kefu.core.phones import last4
from kefu.customers import columns, grading
from kefu.customers.auditing import require_permission
from kefu.customers.bulk import TableWriter
from kefu.customers.cells import cached_pinyin_keys
from kefu.customers.checking import (
    Candidate,
    DuplicateChecker,
    ErrorList,
    RowChecker,
    chunks,
    error_entry,
    read_header,
)
from kefu.customers.choices import DuplicatePolicy, ImportStatus, SourceChannel
from kefu.customers.grades import grade_thresholds
from kefu.customers.models import Customer, GradeChange, ImportJob
from kefu.customers.services import custom_field_specs, tags_named
from kefu.customers.sheets import UnreadableFile, estimate_rows, read_table

logger = logging.getLogger(__name__)

IMPORT_DIR = "imports"
BLOCK = 1000  # rows checked between two progress updates
INSERT_BATCH = 2000  # customers built and inserted at a time
MAX_ERRORS = 1000  # errors kept on the job; the rest are counted
FILE_ROW = 0


# --- starting ---------------------------------------------------------------------------------


def start_import(
    *, actor: User, uploaded_file_name: str, content: bytes, on_duplicate: str
) -> ImportJob:
    """Store the upload and import it: at once when it is small, else in the background."""
    require_permission(actor, "customers.import_customer")
    extension = Path(uploaded_file_name).suffix.lower()
    problem = ""
    if extension not in (".xlsx", ".csv"):
        problem = _("Upload an Excel (.xlsx) or CSV (.csv) file.")
    elif not content:
        problem = _("The file is empty.")
    elif len(content) > settings.KEFU_IMPORT_MAX_BYTES:
        problem = _("The file is larger than %(size)d MB.") % {
            "size": settings.KEFU_IMPORT_MAX_BYTES // (1024 * 1024)
        }
    elif extension == ".xlsx" and not zipfile.is_zipfile(io.BytesIO(content)):
        problem = _("This is not an Excel (.xlsx) file.")
    errors: dict[str, list[str]] = {"file": [problem]} if problem else {}
    if on_duplicate not in DuplicatePolicy.values:
        errors["on_duplicate"] = [_("Choose what to do with duplicates.")]
    if errors:
        raise ValidationFailed(_("Check the highlighted fields."), fields=errors)
    relative = f"{IMPORT_DIR}/{now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:12]}{extension}"
    path = stored_path(relative)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    try:
        estimate = estimate_rows(path)
    except UnreadableFile:
        estimate = 0
    job = ImportJob.objects.create(
        file_name=Path(uploaded_file_name).name[:200],
        file_path=relative,
        on_duplicate=on_duplicate,
        total_rows=estimate,
        created_by=actor,
        created_at=now(),
    )
    if estimate <= settings.KEFU_IMPORT_INLINE_ROWS:
        run_import_job(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(partial(_enqueue, job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from kefu.customers.tasks import run_import

    run_import(job_id)


def stored_path(relative: str) -> Path:
    return Path(settings.DATA_DIR) / relative


# --- running ----------------------------------------------------------------------------------


@dataclass
class CheckResult:
    accepted: list[Candidate]
    errors: ErrorList
    error_count: int
    skipped: int
    rows: int


def _set_progress(job_id: int, **fields: Any) -> None:
    ImportJob.objects.filter(pk=job_id).update(**fields)


def check_file(job: ImportJob) -> CheckResult:
    """Read and check every row, saving progress every ``BLOCK`` rows."""
    specs = custom_field_specs()
    table = read_table(stored_path(job.file_path))
    errors: ErrorList = []
    error_count = 0
    accepted: list[Candidate] = []
    header = next(table, None)
    if header is None:
        message = _("The file has no rows.")
        return CheckResult([], [error_entry(FILE_ROW, "", message)], 1, 0, 0)
    layout, header_errors = read_header(header[1], specs, row=header[0])
    if header_errors:
        return CheckResult([], header_errors, len(header_errors), 0, 0)
    owners: dict[str, int] = {}
    if any(name == "owner" for _i, name, _h in layout.fields):
        owners = {
            username.casefold(): pk
            for username, pk in User.objects.filter(is_active=True).values_list("username", "pk")
        }
    checker = RowChecker(layout, owners)
    duplicates = DuplicateChecker(
        job.on_duplicate, {name: header for _i, name, header in layout.fields}
    )
    seen = 0
    block: list[Candidate] = []

    def flush() -> None:
        nonlocal error_count
        for candidate in duplicates.check_block(block):
            if candidate.errors:
                error_count += len(candidate.errors)
                room = MAX_ERRORS - len(errors)
                errors.extend(candidate.errors[: max(0, room)])
            else:
                candidate.errors = []
                accepted.append(candidate)
        block.clear()
        _set_progress(job.pk, processed_rows=seen, total_rows=max(job.total_rows, seen))

    for number, cells in table:
        block.append(checker.check(number, cells))
        seen += 1
        if len(block) >= BLOCK:
            flush()
    flush()
    if not seen:
        errors.append(error_entry(FILE_ROW, "", _("The file has no customers.")))
        error_count += 1
    return CheckResult(accepted, errors, error_count, duplicates.skipped, seen)


def run_import_job(job_id: int) -> ImportJob:
    """Check the job's file and import it all or nothing. Runs once per job: a job that is
    no longer waiting is returned unchanged."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.PENDING).update(
        status=ImportStatus.VALIDATING, processed_rows=0
    )
    job = ImportJob.objects.get(pk=job_id)
    if not claimed:
        return job
    try:
        result = check_file(job)
    except UnreadableFile as exc:
        return _fail(job, [error_entry(FILE_ROW, "", str(exc))], 0)
    except Exception:
        logger.exception("import %s failed while checking", job.pk)
        return _fail(job, [error_entry(FILE_ROW, "", _("The file could not be checked."))], 0)
    if result.errors:
        errors = result.errors
        if result.error_count > len(errors):
            more = result.error_count - len(errors)
            errors = [
                *errors,
                error_entry(
                    FILE_ROW, "", _("%(count)d more errors are not listed.") % {"count": more}
                ),
            ]
        return _fail(job, errors, result.rows)
    _set_progress(job.pk, status=ImportStatus.SAVING, processed_rows=result.rows)
    try:
        _insert(job, result)
    except IntegrityError:
        logger.warning("import %s: conflicting change while saving", job.pk, exc_info=True)
        message = _("Another change to the customers conflicted with this file; upload it again.")
        return _fail(job, [error_entry(FILE_ROW, "", message)], result.rows)
    except Exception:
        logger.exception("import %s failed while saving", job.pk)
        return _fail(
            job, [error_entry(FILE_ROW, "", _("The file could not be saved."))], result.rows
        )
    job.refresh_from_db()
    return job


def _fail(job: ImportJob, errors: ErrorList, seen: int) -> ImportJob:
    job.status = ImportStatus.FAILED
    job.errors = errors
    job.processed_rows = seen
    job.total_rows = max(job.total_rows, seen) if seen else job.total_rows
    job.finished_at = now()
    job.save(update_fields=["status", "errors", "processed_rows", "total_rows", "finished_at"])
    return job


def _insert(job: ImportJob, result: CheckResult) -> None:
    """Insert every accepted row in one transaction, with one IMPORT audit row.

    Rows go in with ``executemany`` rather than ``bulk_create``: SQLite's 999-parameter cap
    would make that one statement per 30 customers, and building 100,000 model instances
    costs as much again. The new ids are read back by their shared creation stamp.
    """
    at = now()
    actor = job.created_by
    thresholds = grade_thresholds()
    imported_reason = _("Imported from %(file)s") % {"file": job.file_name}
    customers = TableWriter(Customer)
    with transaction.atomic(), connection.cursor() as cursor:
        tag_names = list(dict.fromkeys(t for c in result.accepted for t in c.tags))
        tag_ids = {tag.name: tag.pk for tag in tags_named(tag_names)} if tag_names else {}
        grades: list[tuple[str, bool]] = []
        for batch in chunks(result.accepted, INSERT_BATCH):
            values = [_customer_values(c, at=at, actor=actor, thresholds=thresholds) for c in batch]
            grades.extend((v["grade"], v["grade_is_manual"]) for v in values)
            customers.insert(cursor, values)
        ids = list(
            Customer.objects.filter(created_at=at, created_by=actor)
            .order_by("id")
            .values_list("id", flat=True)
        )
        if len(ids) != len(result.accepted):
            raise IntegrityError("imported customers could not be read back")
        through = Customer.tags.through
        TableWriter(through, ("customer_id", "tag_id")).insert(
            cursor,
            (
                {"customer_id": pk, "tag_id": tag_ids[name]}
                for pk, candidate in zip(ids, result.accepted, strict=True)
                for name in candidate.tags
            ),
        )
        history = (
            {
                "customer_id": pk,
                "from_grade": "",
                "to_grade": grade,
                "is_manual": is_manual,
                "reason": imported_reason if is_manual else "",
                "actor_id": actor.pk if is_manual else None,
                "at": at,
            }
            for pk, (grade, is_manual) in zip(ids, grades, strict=True)
        )
        TableWriter(GradeChange).insert(cursor, history)
        created = len(result.accepted)
        record(
            actor=actor,
            action=AuditAction.IMPORT,
            obj=job,
            changes={
                "file": job.file_name,
                "rows": result.rows,
                "created": created,
                "skipped": result.skipped,
                "on_duplicate": job.on_duplicate,
            },
        )
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportStatus.DONE,
            processed_rows=result.rows,
            total_rows=result.rows,
            created_count=created,
            skipped_count=result.skipped,
            errors=[],
            finished_at=now(),
        )


def _customer_values(
    candidate: Candidate, *, at: Any, actor: User, thresholds: list[grading.Threshold]
) -> dict[str, Any]:
    values = dict(candidate.values)
    grade = values.pop("grade", "")
    values.setdefault("source_channel", SourceChannel.IMPORT)
    full, initials = cached_pinyin_keys(values["name"])
    phone = values.get("phone", "")
    if grade:
        is_manual = True
    else:
        is_manual = False
        grade = grading.compute_grade(
            spend=values.get("spend_12m") or Decimal("0"),
            visits=values.get("visits_12m") or 0,
            thresholds=thresholds,
        )
    values.update(
        name_pinyin=full[:300],
        name_initials=initials[:100],
        phone_last4=last4(phone) if phone else "",
        grade=grade,
        grade_is_manual=is_manual,
        custom_fields=candidate.custom,
        created_at=at,
        updated_at=at,
        created_by_id=actor.pk,
    )
    return values


# --- template ---------------------------------------------------------------------------------


def import_template_xlsx() -> bytes:
    """An empty import sheet with the Chinese headers (custom fields included) and a second
    sheet that explains each column."""
    specs = custom_field_specs()
    from openpyxl import Workbook  # openpyxl loads on demand (worker memory)
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "客户"
    headers = columns.header_row([spec.label for spec in specs])
    sheet.append(headers)
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for index, header in enumerate(headers, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, len(header) * 2 + 4)
    sheet.freeze_panes = "A2"
    notes = workbook.create_sheet("填写说明")
    notes.append(["列", "必填", "格式 / 示例"])
    for column in columns.COLUMNS:
        notes.append([column.header, "是" if column.required else "", column.hint])
    for spec in specs:
        hint = " / ".join(spec.choices) if spec.choices else spec.field_type
        notes.append([spec.label, "是" if spec.is_required else "", hint])
    notes.append([])
    notes.append(["说明", "", "第一行为表头；日期格式 YYYY-MM-DD；有错误时整个文件不导入。"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

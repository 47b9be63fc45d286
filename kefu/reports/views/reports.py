"""Stored reports (报表): the list, one report with its figures linked, generation on demand,
exports to .xlsx and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kefu.core.clock import today
from kefu.core.errors import DomainError
from kefu.reports.builders import build_document
from kefu.reports.choices import ReportKind
from kefu.reports.exporting import PDF_TYPE, XLSX_TYPE, to_pdf, to_xlsx
from kefu.reports.forms import GenerateForm
from kefu.reports.models import Report
from kefu.reports.periods import month_key, parse_month
from kefu.reports.services import GENERATE_PERMISSION, generate_report
from kefu.reports.views.charts import with_charts
from kefu.reports.views.common import VIEW_PERMISSION, AuthedRequest, download

PAGE_SIZE = 50


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def report_list(request: AuthedRequest) -> HttpResponse:
    reports = Report.objects.visible_to(request.user).select_related("generated_by")
    kind = request.GET.get("kind", "")
    if kind in ReportKind.values:
        reports = reports.filter(kind=kind)
    can_generate = request.user.has_perm(GENERATE_PERMISSION)
    context = {
        "reports": list(reports[:PAGE_SIZE]),
        "kinds": ReportKind.choices,
        "kind": kind,
        "form": GenerateForm(initial={"day": today()}) if can_generate else None,
        "tab": "reports",
    }
    return render(request, "reports/list.html", context)


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_POST
def generate(request: AuthedRequest) -> HttpResponse:
    if not request.user.has_perm(GENERATE_PERMISSION):
        raise PermissionDenied(_("You may not generate reports."))
    form = GenerateForm(request.POST)
    if not form.is_valid():
        why = " ".join(str(m) for errors in form.errors.values() for m in errors)
        messages.error(request, _("No report was generated: %(why)s") % {"why": why})
        return redirect("reports:list")
    try:
        report, _written = generate_report(
            actor=request.user, kind=form.cleaned_data["kind"], period=form.period()
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("reports:list")
    messages.success(request, _("The report was generated and sent to the managers."))
    return redirect("reports:detail", pk=report.pk)


def _report(request: AuthedRequest, pk: int) -> Report:
    return get_object_or_404(Report.objects.visible_to(request.user), pk=pk)


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def report_detail(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    document = report.data
    context = {
        "report": report,
        "document": document,
        "sections": with_charts(document, prefix="section"),
        "tab": "reports",
    }
    return render(request, "reports/detail.html", context)


def _filename(report: Report, extension: str) -> str:
    return f"report-{report.kind}-{report.period_start:%Y%m%d}.{extension}"


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def export_xlsx(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return download(
        to_xlsx(report.data), content_type=XLSX_TYPE, filename=_filename(report, "xlsx")
    )


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def export_pdf(request: AuthedRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return download(to_pdf(report.data), content_type=PDF_TYPE, filename=_filename(report, "pdf"))


@login_required
@permission_required(VIEW_PERMISSION, raise_exception=True)
@require_GET
def month_export(request: AuthedRequest, fmt: str) -> HttpResponse:
    """The monthly evaluation report of the dashboard's month, built now, as a file."""
    period = parse_month(request.GET.get("month"), default=today())
    document = build_document(kind=ReportKind.MONTHLY, period=period, user=request.user)
    name = f"monthly-report-{month_key(period)}"
    if fmt == "xlsx":
        return download(to_xlsx(document), content_type=XLSX_TYPE, filename=f"{name}.xlsx")
    if fmt == "pdf":
        return download(to_pdf(document), content_type=PDF_TYPE, filename=f"{name}.pdf")
    raise Http404(_("No such export."))

"""Path parameters (路径参数) of every parametrised console URL and API operation, from the world.

A console URL without parameters needs no entry. A parametrised one without an entry here fails
``test_every_endpoint_has_an_entry`` with its name.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kefu.web.tests.access.world import World

Kwargs = Callable[[World], dict[str, Any]]


def _number(w: World) -> dict[str, Any]:
    return {"number": w.complaint.number}


def _customer(w: World) -> dict[str, Any]:
    return {"pk": w.customer.pk}


CONSOLE: dict[str, Kwargs] = {
    "web:saved_filter_delete": lambda w: {"pk": w.saved_filter.pk},
    "customers:import_job": lambda w: {"job_id": w.import_job.pk},
    "customers:field_edit": lambda w: {"pk": w.custom_field.pk},
    "customers:detail": _customer,
    "customers:edit": _customer,
    "customers:reveal": _customer,
    "customers:grade_override": _customer,
    "customers:grade_clear": _customer,
    "customers:stored_item_add": _customer,
    "customers:stored_item_withdraw": lambda w: {
        "pk": w.internal_customer.pk,
        "item_id": w.stored_item.pk,
    },
    "org:department": lambda w: {"pk": w.engineering.pk},
    "org:department_edit": lambda w: {"pk": w.engineering.pk},
    "org:team_edit": lambda w: {"pk": w.call_center.pk},
    "org:position": lambda w: {"pk": w.position.pk},
    "org:position_edit": lambda w: {"pk": w.position.pk},
    "org:staff": lambda w: {"pk": w.staff.pk},
    "org:staff_edit": lambda w: {"pk": w.staff.pk},
    "workflows:type": lambda w: {"code": "complaint"},
    "workflows:version": lambda w: {"code": "complaint", "version": 1},
    "workflows:edit": lambda w: {"code": "complaint"},
    "workflows:validate": lambda w: {"code": "complaint"},
    "ticket_records:template_edit": lambda w: {"pk": w.reply_template.pk},
    "ticket_records:page": _number,
    "ticket_records:comment": _number,
    "ticket_records:fill": _number,
    "ticket_records:attachment": _number,
    "ticket_records:attachment_download": lambda w: {
        "number": w.complaint.number,
        "pk": w.attachment.pk,
    },
    "ticket_records:link": _number,
    "ticket_records:merge": _number,
    "ticket_records:tags": _number,
    "tickets:queue_named": lambda w: {"key": "all"},
    "tickets:detail": _number,
    "tickets:step": lambda w: {"number": w.complaint.number, "code": "start_investigation"},
    "tickets:callback": _number,
    "liaison:opinion_form": _number,
    "liaison:detail": lambda w: {"number": w.order.number},
    "liaison:step": lambda w: {"number": w.order.number, "code": "start_investigation"},
    "liaison:pdf": lambda w: {"number": w.order.number},
    "kb:ticket_panel": _number,
    "kb:detail": lambda w: {"pk": w.article.pk},
    "kb:edit": lambda w: {"pk": w.article.pk},
    "kb:publish": lambda w: {"pk": w.article.pk},
    "kb:archive": lambda w: {"pk": w.article.pk},
    "kb:version": lambda w: {"pk": w.article.pk, "number": 1},
    "cti:extension_remove": lambda w: {"pk": w.extension.pk},
    "cti:open_ticket": lambda w: {"call_id": w.call.call_id},
    "messaging:unsubscribe": lambda w: {"token": w.extra["unsubscribe_token"]},
    "callbacks:complete": lambda w: {"pk": w.callback.pk},
    "callbacks:rule_edit": lambda w: {"pk": w.rule.pk},
    "campaigns:template_edit": lambda w: {"pk": w.message_template.pk},
    "campaigns:detail": lambda w: {"pk": w.campaign.pk},
    "campaigns:edit": lambda w: {"pk": w.campaign.pk},
    "campaigns:send": lambda w: {"pk": w.campaign.pk},
    "campaigns:progress": lambda w: {"pk": w.campaign.pk},
    "campaigns:deliveries": lambda w: {"pk": w.campaign.pk},
    "surveys:answer": lambda w: {"token": w.extra["survey_token"]},
    "surveys:response": lambda w: {"pk": w.response.pk},
    "surveys:template": lambda w: {"pk": w.questionnaire.pk},
    "surveys:question_create": lambda w: {"pk": w.questionnaire.pk},
    "surveys:question": lambda w: {
        "pk": w.questionnaire.pk,
        "question_id": w.questionnaire.questions.first().pk,  # type: ignore[union-attr]
    },
    "surveys:question_delete": lambda w: {
        "pk": w.questionnaire.pk,
        "question_id": w.questionnaire.questions.first().pk,  # type: ignore[union-attr]
    },
    "surveys:campaign": lambda w: {"pk": w.survey_campaign.pk},
    "surveys:campaign_send": lambda w: {"pk": w.survey_campaign.pk},
    "surveys:ticket_panel": _number,
    "surveys:ticket_send": _number,
    "reports:detail": lambda w: {"pk": w.report.pk},
    "reports:export_xlsx": lambda w: {"pk": w.report.pk},
    "reports:export_pdf": lambda w: {"pk": w.report.pk},
    "reports:today_list": lambda w: {"key": "overdue"},
    "reports:month_export": lambda w: {"fmt": "xlsx"},
    "sla:policy_edit": lambda w: {"pk": w.policy.pk},
    "sla:calendar": lambda w: {"code": w.calendar.code},
    "sla:hours": lambda w: {"code": w.calendar.code},
    "sla:day_set": lambda w: {"code": w.calendar.code},
    "sla:day_remove": lambda w: {"code": w.calendar.code, "on": "2026-10-01"},
    "sla:year_load": lambda w: {"code": w.calendar.code, "year": 2026, "how": "official"},
    "sla:year_confirm": lambda w: {"code": w.calendar.code, "year": 2026},
    "sla:due": lambda w: {"code": w.calendar.code},
}

# Variants (变体): the same URL on another world object, checked with their own expectations
# ("name@variant"), e.g. the repair dispatched to 物业公司 for the partner's own scope.
VARIANTS: dict[str, Kwargs] = {
    "tickets:detail@repair": lambda w: {"number": w.repair.number},
    "tickets:detail@internal": lambda w: {"number": w.internal.number},
    "ticket_records:page@repair": lambda w: {"number": w.repair.number},
    "customers:detail@repair": lambda w: {"pk": w.repair_customer.pk},
    "customers:detail@internal": lambda w: {"pk": w.internal_customer.pk},
    "kb:detail@public": lambda w: {"pk": w.public_article.pk},
}

# API path parameters by name (the same for every operation that has them).
API_PARAMS: dict[str, Callable[[World], Any]] = {
    "customer_id": lambda w: w.customer.pk,
    "number": lambda w: w.complaint.number,
    "attachment_id": lambda w: w.attachment.pk,
    "code": lambda w: w.reply_template.code,
    "article_id": lambda w: w.article.pk,
    "task_id": lambda w: w.callback.pk,
    "campaign_id": lambda w: w.campaign.pk,
    "department_id": lambda w: w.engineering.pk,
    "team_id": lambda w: w.call_center.pk,
    "position_id": lambda w: w.position.pk,
    "staff_id": lambda w: w.staff.pk,
}
# Contact order operations take the order's number, not the work order's.
API_OVERRIDES: dict[str, Callable[[World], dict[str, Any]]] = {
    "/api/v1/contact-orders/{number}": lambda w: {"number": w.order.number},
    "/api/v1/contact-orders/{number}/pdf": lambda w: {"number": w.order.number},
}

# Query strings some pages and operations need to answer at all.
CONSOLE_QUERY: dict[str, str] = {
    "kpis:records": "kpi=volume&part=numerator",
}
API_QUERY: dict[str, Callable[[World], dict[str, Any]]] = {
    "GET /api/v1/reply-templates/{code}/render": lambda w: {"ticket": w.complaint.number},
    "GET /api/v1/reports/kpis": lambda w: {"from": "2026-01-01", "to": "2026-02-01"},
}

# A valid body of every API write, sent only by roles that must be refused (the refusal is
# checked after validation, so an invalid body would hide it behind a 422).
API_BODIES: dict[str, Callable[[World], dict[str, Any]]] = {
    "POST /api/v1/customers": lambda w: {"name": "新客户"},
    "PATCH /api/v1/customers/{customer_id}": lambda w: {"name": "王芳芳"},
    "POST /api/v1/customers/{customer_id}/reveal": lambda w: {"reason": "核实身份"},
    "POST /api/v1/tickets": lambda w: {
        "type": "consultation",
        "customer_id": w.customer.pk,
        "channel": "phone",
        "title": "咨询",
    },
    "POST /api/v1/tickets/{number}/transitions": lambda w: {
        "transition": "start_investigation",
        "fields": {},
    },
    "POST /api/v1/tickets/{number}/callbacks": lambda w: {"outcome": "not_reached"},
    "POST /api/v1/tickets/{number}/comments": lambda w: {"body": "备注", "is_internal": True},
    "POST /api/v1/tickets/{number}/attachments": lambda w: {"multipart": True},
    "POST /api/v1/tickets/{number}/links": lambda w: {"number": w.complaint.number},
    "POST /api/v1/tickets/{number}/merge": lambda w: {"into": w.internal.number},
    "PUT /api/v1/tickets/{number}/tags": lambda w: {"tags": ["加急"]},
    "POST /api/v1/kb/answers": lambda w: {
        "ticket": w.complaint.number,
        "article": w.article.pk,
    },
    "POST /api/v1/cti/calls": lambda w: {
        "call_id": "call-9999",
        "event": "ringing",
        "caller": "13800138000",
    },
    "POST /api/v1/callbacks/{task_id}/complete": lambda w: {"outcome": "not_reached"},
    "POST /api/v1/campaigns/{campaign_id}/send": lambda w: {},
    "POST /api/v1/surveys/invitations": lambda w: {"ticket": w.internal.number, "channel": "sms"},
    "POST /api/v1/service-errors": lambda w: {
        "occurred_on": "2026-01-05",
        "error_type": "attitude",
        "severity": "minor",
        "description": "语气生硬",
    },
    "POST /api/v1/departments": lambda w: {"name": "新部门", "code": "new-dept"},
    "PATCH /api/v1/departments/{department_id}": lambda w: {"name": "工程管理部"},
    "POST /api/v1/teams": lambda w: {
        "department_id": w.service.pk,
        "name": "新组",
        "code": "new-team",
    },
    "PATCH /api/v1/teams/{team_id}": lambda w: {"name": "呼叫中心一组"},
    "POST /api/v1/positions": lambda w: {
        "title": "质检员",
        "code": "qa-new",
        "department_id": w.service.pk,
    },
    "PATCH /api/v1/positions/{position_id}": lambda w: {"title": "高级客服专员"},
    "POST /api/v1/staff": lambda w: {
        "employee_number": "T999",
        "name": "新员工",
        "department_id": w.service.pk,
    },
    "PATCH /api/v1/staff/{staff_id}": lambda w: {"name": "agent 二"},
}

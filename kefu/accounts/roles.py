"""Roles (角色): the roles of SPEC §1 and the capabilities (permissions) each holds. Pure data.

A role is a Django group whose name is the role code. Migrations call
``kefu.accounts.rolesync.sync_roles`` so that groups and their permissions follow this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# Capabilities shared by the roles below, as "app_label.codename".
VIEW_ORG = (
    "org.view_department",
    "org.view_team",
    "org.view_position",
    "org.view_staff",
    "sla.view_businesscalendar",
)
MANAGE_CALENDARS = (
    "sla.add_businesscalendar",
    "sla.change_businesscalendar",
    "sla.add_calendarday",
    "sla.change_calendarday",
    "sla.delete_calendarday",
    "sla.view_slapolicy",
    "sla.add_slapolicy",
    "sla.change_slapolicy",
)
MANAGE_ORG = (
    "org.add_department",
    "org.change_department",
    "org.add_team",
    "org.change_team",
    "org.add_position",
    "org.change_position",
    "org.add_staff",
    "org.change_staff",
)
SERVE_CUSTOMERS = (
    "customers.view_customer",
    "customers.view_all_customers",
    "customers.add_customer",
    "customers.change_customer",
    "customers.add_storeditem",
    "customers.change_storeditem",
    # Exports are masked unless the exporter may reveal and gives a reason; always audited.
    "customers.export_customer",
)
# Work orders: reading every ticket (service staff, QA, leadership), internal notes included.
VIEW_TICKETS = ("tickets.view_ticket", "tickets.view_all_tickets", "tickets.view_internal_record")
# The records around a work order: internal notes (replies to the customer need reply_ticket),
# attachments, links, tags, standard replies to pick from.
TICKET_RECORDS = (
    "tickets.write_note",
    "tickets.attach_file",
    "tickets.add_ticketlink",
    "tickets.add_tickettag",
    "tickets.view_replytemplate",
)
# Supervisors and managers keep the standard replies and merge duplicates.
MANAGE_REPLIES = ("tickets.add_replytemplate", "tickets.change_replytemplate")
MANAGE_TICKET_RECORDS = ("tickets.merge_ticket",) + MANAGE_REPLIES
# The agent's steps of the shipped workflows: open, classify, forward or dispatch, reply and
# confirm, accept a repair, archive or close after the callback, reopen.
SERVE_TICKETS = (
    VIEW_TICKETS
    + (
        "tickets.add_ticket",
        "tickets.classify_ticket",
        "tickets.forward_ticket",
        "tickets.dispatch_ticket",
        "tickets.reply_ticket",
        "tickets.accept_repair",
        "tickets.archive_ticket",
        "tickets.reopen_ticket",
        "liaison.view_contactorder",
    )
    + TICKET_RECORDS
)
# Supervisors and managers also decide returns and exchanges.
SUPERVISE_TICKETS = SERVE_TICKETS + ("tickets.approve_return",) + MANAGE_TICKET_RECORDS
# A responsible department or partner company works the orders sent to it (its data scope):
# investigate and submit findings, start and complete repairs, evaluate suggestions.
# Both attach files (photos of a repair); a handler also reads and writes internal notes, a
# partner company's user never sees them (kefu.tickets.record_querysets.sees_internal).
HANDLE_FORWARDED_TICKETS = (
    "tickets.view_ticket",
    "tickets.handle_ticket",
    "tickets.attach_file",
    "liaison.view_contactorder",
)
DEPARTMENT_NOTES = ("tickets.view_internal_record", "tickets.write_note")
# Knowledge base: every role reads published public articles; service staff internal ones too;
# agents and their leads record "answered from the knowledge base"; leads edit and publish.
READ_KB = ("kb.view_article",)
READ_INTERNAL_KB = READ_KB + ("kb.view_internal_article",)
ANSWER_FROM_KB = ("kb.add_knowledgeanswer",)
EDIT_KB = READ_INTERNAL_KB + ("kb.add_article", "kb.change_article", "kb.publish_article")
# Work order types and their workflows: edit in the console, publish a new version (admin).
MANAGE_WORKFLOWS = (
    "tickets.view_tickettype",
    "tickets.add_tickettype",
    "tickets.change_tickettype",
    "tickets.view_workflowversion",
    "tickets.add_workflowversion",
)
# Phone calls: agents see their own calls and screen pops, leads every call, the administrator
# keeps the agents' extensions. Reporting calls (cti.add_call) belongs to the CTI system
# account alone (``kefu cti_account``), never to a role.
ANSWER_CALLS = ("cti.view_call",)
SUPERVISE_CALLS = ANSWER_CALLS + ("cti.view_all_calls",)
MANAGE_EXTENSIONS = SUPERVISE_CALLS + (
    "cti.view_agentextension",
    "cti.add_agentextension",
    "cti.change_agentextension",
    "cti.delete_agentextension",
)
# Satisfaction surveys: service staff read the responses and send a work order's survey;
# supervisors and managers keep the templates and run campaigns; QA and leadership read.
VIEW_SURVEYS = (
    "surveys.view_surveytemplate",
    "surveys.view_surveycampaign",
    "surveys.view_surveyinvitation",
    "surveys.view_surveyresponse",
)
SEND_SURVEYS = VIEW_SURVEYS + ("surveys.add_surveyinvitation",)
MANAGE_SURVEYS = SEND_SURVEYS + (
    "surveys.add_surveytemplate",
    "surveys.change_surveytemplate",
    "surveys.add_surveycampaign",
    "surveys.change_surveycampaign",
)

# Dashboards and reports: leadership, managers and supervisors read them; managers and
# supervisors generate reports on demand; managers set the KPI targets.
VIEW_REPORTS = ("reports.view_report", "reports.view_kpitarget")
GENERATE_REPORTS = VIEW_REPORTS + ("reports.generate_report",)
MANAGE_REPORTS = GENERATE_REPORTS + ("reports.add_kpitarget", "reports.change_kpitarget")

# Callbacks and care: agents see their own and unassigned tasks and record calls; supervisors
# and managers see every task, keep the care rules and the daily targets.
MAKE_CALLBACKS = (
    "callbacks.view_callbacktask",
    "callbacks.add_callbacktask",
    "callbacks.change_callbacktask",
)
SUPERVISE_CALLBACKS = MAKE_CALLBACKS + (
    "callbacks.view_all_callbacks",
    "callbacks.view_callbackrule",
    "callbacks.add_callbackrule",
    "callbacks.change_callbackrule",
    "callbacks.view_callbacktarget",
    "callbacks.change_callbacktarget",
)

# Campaigns (营销与关怀活动): agents and leadership read campaigns and their delivery log
# (addresses masked); supervisors and managers keep the templates and create and send campaigns.
VIEW_CAMPAIGNS = (
    "campaigns.view_campaign",
    "campaigns.view_messagetemplate",
    "messaging.view_delivery",
)
MANAGE_CAMPAIGNS = VIEW_CAMPAIGNS + (
    "campaigns.add_campaign",
    "campaigns.change_campaign",
    "campaigns.send_campaign",
    "campaigns.add_messagetemplate",
    "campaigns.change_messagetemplate",
)
# KPIs (考核指标): leads and QA see everyone's figures; an agent sees those of their own work.
VIEW_OWN_KPIS = ("kpis.view_kpis",)
VIEW_ALL_KPIS = VIEW_OWN_KPIS + ("kpis.view_all_kpis",)
# Service errors (服务差错): QA, supervisors and managers register them and see all; leadership
# reads all; an agent sees the errors held against them.
VIEW_OWN_ERRORS = ("quality.view_serviceerror",)
VIEW_ALL_ERRORS = VIEW_OWN_ERRORS + ("quality.view_all_serviceerrors",)
REGISTER_ERRORS = VIEW_ALL_ERRORS + ("quality.add_serviceerror",)


@dataclass(frozen=True)
class Role:
    code: str
    label: Promise
    permissions: tuple[str, ...]


ROLES: tuple[Role, ...] = (
    Role(
        "admin",
        _("System administrator"),
        VIEW_ORG
        + MANAGE_ORG
        + MANAGE_CALENDARS
        + SERVE_CUSTOMERS
        + VIEW_TICKETS
        + MANAGE_WORKFLOWS
        + ("tickets.view_replytemplate",)
        + MANAGE_REPLIES
        + EDIT_KB
        + MANAGE_EXTENSIONS
        + VIEW_ALL_KPIS
        + (
            "customers.reveal_personal_data",
            "customers.import_customer",
            "customers.merge_customer",
            "customers.override_grade",
            "customers.change_graderule",
            "customers.view_graderule",
            "customers.add_customfield",
            "customers.change_customfield",
            "customers.add_tag",
            "customers.change_tag",
            "audit.view_auditentry",
            "accounts.view_user",
            "accounts.add_user",
            "accounts.change_user",
            "accounts.view_apitoken",
            "accounts.add_apitoken",
            "accounts.change_apitoken",
        ),
    ),
    Role(
        "manager",
        _("Customer service manager"),
        VIEW_ORG
        + MANAGE_REPORTS
        + ("org.add_position", "org.change_position", "org.add_staff", "org.change_staff")
        + SERVE_CUSTOMERS
        + SUPERVISE_TICKETS
        + EDIT_KB
        + ANSWER_FROM_KB
        + SUPERVISE_CALLS
        + MANAGE_SURVEYS
        + MANAGE_CAMPAIGNS
        + SUPERVISE_CALLBACKS
        + VIEW_ALL_KPIS
        + REGISTER_ERRORS
        + (
            "customers.reveal_personal_data",
            "customers.import_customer",
            "customers.merge_customer",
            "customers.override_grade",
            "customers.change_graderule",
            "customers.view_graderule",
            "customers.add_tag",
            "customers.change_tag",
            "audit.view_auditentry",
        ),
    ),
    Role(
        "senior_manager",
        _("Senior manager"),
        VIEW_ORG
        + VIEW_REPORTS
        + SERVE_CUSTOMERS
        + SUPERVISE_TICKETS
        + READ_INTERNAL_KB
        + VIEW_ALL_KPIS
        + VIEW_ALL_ERRORS
        + (
            "customers.reveal_personal_data",
            "customers.view_graderule",
            "audit.view_auditentry",
        ),
    ),
    Role(
        "supervisor",
        _("Supervisor"),
        VIEW_ORG
        + GENERATE_REPORTS
        + SERVE_CUSTOMERS
        + SUPERVISE_TICKETS
        + EDIT_KB
        + ANSWER_FROM_KB
        + SUPERVISE_CALLS
        + MANAGE_SURVEYS
        + MANAGE_CAMPAIGNS
        + SUPERVISE_CALLBACKS
        + VIEW_ALL_KPIS
        + REGISTER_ERRORS
        + (
            "customers.import_customer",
            "customers.merge_customer",
            "customers.view_graderule",
            "customers.add_tag",
        ),
    ),
    Role(
        "agent",
        _("Customer service agent"),
        VIEW_ORG
        + SERVE_CUSTOMERS
        + SERVE_TICKETS
        + READ_INTERNAL_KB
        + ANSWER_FROM_KB
        + ANSWER_CALLS
        + VIEW_CAMPAIGNS
        + SEND_SURVEYS
        + MAKE_CALLBACKS
        + VIEW_OWN_KPIS
        + VIEW_OWN_ERRORS,
    ),
    Role(
        "qa",
        _("QA inspector"),
        VIEW_ORG
        + VIEW_TICKETS
        + READ_INTERNAL_KB
        + VIEW_SURVEYS
        + VIEW_ALL_KPIS
        + REGISTER_ERRORS
        + ("customers.view_customer", "customers.view_all_customers"),
    ),
    Role(
        "handler",
        _("Department handler"),
        ("customers.view_customer",) + HANDLE_FORWARDED_TICKETS + DEPARTMENT_NOTES + READ_KB,
    ),
    Role(
        "partner",
        _("Partner user"),
        ("customers.view_customer",) + HANDLE_FORWARDED_TICKETS + READ_KB,
    ),
    Role(
        "auditor",
        _("Leadership / auditor (read-only)"),
        VIEW_ORG
        + VIEW_REPORTS
        + VIEW_TICKETS
        + READ_INTERNAL_KB
        + VIEW_SURVEYS
        + VIEW_ALL_KPIS
        + VIEW_ALL_ERRORS
        + (
            "customers.view_customer",
            "customers.view_all_customers",
            "customers.view_graderule",
            "audit.view_auditentry",
        ),
    ),
)

ROLE_CODES = tuple(role.code for role in ROLES)


def role(code: str) -> Role:
    for r in ROLES:
        if r.code == code:
            return r
    raise KeyError(code)

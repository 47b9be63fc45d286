"""The access matrix (权限矩阵): what each role gets from every console URL and API operation.

One row per URL name (``"namespace:name"``, plus ``@variant`` rows on other world objects) and
per API operation (``"METHOD /api/v1/path/{param}"``). A row gives the outcome for each role of
``world.ROLES``; roles not named get ``default`` (403). Outcomes (see ``probe``):

- ``ok``: the page or data (2xx, or a redirect that is not the login page);
- ``login``: anonymous console visitors are sent to the login page;
- ``401``: anonymous API callers;
- ``403``: the role lacks the capability;
- ``404``: the object exists but is outside the user's data scope (no existence leak);
- ``405``: a POST-only view answering GET (the capability check passed);
- ``write``: an API write the role may make. It is **not** executed: the matrix never writes
  as an allowed role; refused roles send a valid body and must get their refusal, so nothing
  is written either (see ``params.API_BODIES``).

Console rows are checked with GET. POST-only views whose GET says nothing about scope (405
before the object is looked up) have ``POSTS`` rows: roles that must be refused POST an empty
form and must get the refusal (nothing can be written by a refused request).

The world (``world.py``): ``complaint`` forwarded to 工程部 (handler's scope), ``repair``
dispatched to 物业公司 (partner's scope), ``internal`` kept in the service center; 维修外包
(``other_partner``) has nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from kefu.web.tests.access.world import ROLES

Row = dict[str, str]

OK, LOGIN, WRITE = "ok", "login", "write"
ANON = "anonymous"
LOGGED_IN = ROLES[1:]
STAFF = ("admin", "manager", "senior_manager", "supervisor", "agent", "qa", "auditor")
PARTNERS = ("partner", "other_partner")
OUTSIDE = ("handler", *PARTNERS)
# Roles serving customers and work orders (customers.add_customer, tickets.add_ticket).
SERVING = ("admin", "manager", "senior_manager", "supervisor", "agent")
LEADS = ("admin", "manager", "supervisor")  # keep templates, rules, campaigns, articles
CALL_TAKERS = ("admin", "manager", "supervisor", "agent")  # calls, callbacks, campaigns
SURVEY_READERS = ("admin", "manager", "supervisor", "agent", "qa", "auditor")
REPORT_READERS = ("admin", "manager", "senior_manager", "supervisor", "auditor")
# Who sees the complaint forwarded to 工程部, and who sees the repair dispatched to 物业公司.
SEE_COMPLAINT = (*STAFF, "handler")
SEE_REPAIR = (*STAFF, "partner")


def _row(
    outcomes: Iterable[tuple[Iterable[str], str]], anonymous: str, default: str = "403"
) -> Row:
    row = dict.fromkeys(LOGGED_IN, default)
    for roles, outcome in outcomes:
        for role in roles:
            row[role] = outcome
    row[ANON] = anonymous
    return row


def page(
    ok: Iterable[str] = (),
    *,
    post: Iterable[str] = (),
    missing: Iterable[str] = (),
    anonymous: str = LOGIN,
) -> Row:
    """A console URL: ``ok`` roles get the page, ``post`` roles pass the check of a POST-only
    view (405 on GET), ``missing`` get 404, the others 403."""
    return _row(((ok, OK), (post, "405"), (missing, "404")), anonymous)


def public(outcome: str = OK) -> Row:
    return _row(((LOGGED_IN, outcome),), outcome)


def api(ok: Iterable[str] = (), *, missing: Iterable[str] = ()) -> Row:
    """An API read: ``ok`` roles get the data, ``missing`` 404, the others 403."""
    return _row(((ok, OK), (missing, "404")), "401")


def write(ok: Iterable[str] = (), *, missing: Iterable[str] = ()) -> Row:
    """An API write: ``ok`` roles may write (not executed), ``missing`` 404, the others 403."""
    return _row(((ok, WRITE), (missing, "404")), "401")


CONSOLE: dict[str, Row] = {
    # Shell
    "web:home": page(LOGGED_IN),
    "web:login": public(),
    "web:logout": public("405"),  # POST only
    "web:saved_filter_save": page(post=LOGGED_IN),
    "web:saved_filter_delete": page(post=LOGGED_IN),
    "set_language": public(),
    # Customers: every logged-in role reads the (scoped) list; partners see only their own.
    "customers:list": page(LOGGED_IN),
    "customers:create": page(SERVING),
    "customers:export": page(SERVING),
    "customers:import": page(LEADS),
    "customers:import_template": page(LEADS),
    # An import job is shown to the user who started it (world: the admin's job).
    "customers:import_job": page(("admin",), missing=("manager", "supervisor")),
    "customers:grade_rules": page(REPORT_READERS),
    "customers:grade_recompute": page(post=("admin", "manager")),
    "customers:duplicates": page(LEADS),
    # The custom field definitions are listed to anyone who reads customers (no values).
    "customers:fields": page(LOGGED_IN),
    "customers:field_edit": page(("admin",)),
    "customers:merge": page(post=LEADS),
    "customers:detail": page(SEE_COMPLAINT, missing=PARTNERS),
    "customers:detail@repair": page(SEE_REPAIR, missing=("handler", "other_partner")),
    "customers:detail@internal": page(STAFF, missing=OUTSIDE),
    "customers:edit": page(SERVING),
    "customers:reveal": page(post=("admin", "manager", "senior_manager")),
    "customers:grade_override": page(post=("admin", "manager")),
    "customers:grade_clear": page(post=("admin", "manager")),
    "customers:stored_item_add": page(post=SERVING),
    "customers:stored_item_withdraw": page(post=SERVING),
    # Organisation and calendars: service staff read, the admin keeps departments and teams,
    # managers positions and staff.
    "org:home": page(STAFF),
    "org:department_create": page(("admin",)),
    "org:department": page(STAFF),
    "org:department_edit": page(("admin",)),
    "org:team_create": page(("admin",)),
    "org:team_edit": page(("admin",)),
    "org:positions": page(STAFF),
    "org:position_create": page(("admin", "manager")),
    "org:position": page(STAFF),
    "org:position_edit": page(("admin", "manager")),
    "org:staff_list": page(STAFF),
    "org:staff_create": page(("admin", "manager")),
    "org:staff": page(STAFF),
    "org:staff_edit": page(("admin", "manager")),
    "audit:list": page(("admin", "manager", "senior_manager", "auditor")),
    "sla:calendars": page(STAFF),
    "sla:calendar": page(STAFF),
    "sla:due": page(STAFF),
    "sla:policies": page(("admin",)),
    "sla:policy_add": page(("admin",)),
    "sla:policy_edit": page(("admin",)),
    "sla:hours": page(("admin",)),
    "sla:day_set": page(post=("admin",)),
    "sla:day_remove": page(post=("admin",)),
    "sla:year_load": page(post=("admin",)),
    "sla:year_confirm": page(post=("admin",)),
    # Work order types and workflows: the admin.
    "workflows:list": page(("admin",)),
    "workflows:create": page(("admin",)),
    "workflows:type": page(("admin",)),
    "workflows:version": page(("admin",)),
    "workflows:edit": page(("admin",)),
    "workflows:validate": page(post=("admin",)),
    # Work orders: queues are scoped lists; the forwarded complaint is 工程部's, not partners'.
    "tickets:queue": page(LOGGED_IN),
    "tickets:queue_named": page(LOGGED_IN),
    "tickets:bulk_assign": page(post=LOGGED_IN),
    "tickets:create": page(SERVING),
    "tickets:customer_lookup": page(SERVING),
    "tickets:detail": page(SEE_COMPLAINT, missing=PARTNERS),
    "tickets:detail@repair": page(SEE_REPAIR, missing=("handler", "other_partner")),
    "tickets:detail@internal": page(STAFF, missing=OUTSIDE),
    "tickets:step": page(post=LOGGED_IN),
    "tickets:callback": page(post=LOGGED_IN),
    "ticket_records:templates": page(("admin", "manager", "senior_manager", "supervisor")),
    "ticket_records:template_edit": page(("admin", "manager", "senior_manager", "supervisor")),
    "ticket_records:page": page(SEE_COMPLAINT, missing=PARTNERS),
    "ticket_records:page@repair": page(SEE_REPAIR, missing=("handler", "other_partner")),
    "ticket_records:fill": page(SEE_COMPLAINT, missing=PARTNERS),
    "ticket_records:attachment_download": page(SEE_COMPLAINT, missing=PARTNERS),
    "ticket_records:comment": page(post=LOGGED_IN),
    "ticket_records:attachment": page(post=LOGGED_IN),
    "ticket_records:link": page(post=LOGGED_IN),
    "ticket_records:merge": page(post=LOGGED_IN),
    "ticket_records:tags": page(post=LOGGED_IN),
    # Contact orders: the serving roles and the addressees (QA and auditors read work orders,
    # not contact orders: no liaison.view_contactorder).
    "liaison:list": page((*SERVING, *OUTSIDE)),
    "liaison:opinion_form": page(SEE_COMPLAINT, missing=PARTNERS),
    "liaison:detail": page((*SERVING, "handler"), missing=PARTNERS),
    "liaison:pdf": page((*SERVING, "handler"), missing=PARTNERS),
    "liaison:step": page(post=(*SERVING, *OUTSIDE)),
    # Knowledge base: every role reads published public articles, service staff internal ones
    # too; leads edit; only editors see versions (404 otherwise, as for drafts).
    "kb:list": page(LOGGED_IN),
    "kb:suggest": page(LOGGED_IN),
    "kb:create": page(LEADS),
    "kb:edit": page(LEADS),
    "kb:answer": page(post=CALL_TAKERS),
    "kb:ticket_panel": page(STAFF + ("handler",), missing=PARTNERS),
    "kb:detail": page(STAFF, missing=OUTSIDE),
    "kb:detail@public": page(LOGGED_IN),
    "kb:publish": page(post=LOGGED_IN),
    "kb:archive": page(post=LOGGED_IN),
    "kb:version": page(LEADS, missing=(r for r in LOGGED_IN if r not in LEADS)),
    # Phone calls
    "cti:list": page(CALL_TAKERS),
    "cti:pop": page(CALL_TAKERS),
    "cti:extensions": page(("admin",)),
    "cti:extension_remove": page(post=("admin",)),
    "cti:open_ticket": page(post=SERVING),
    # Notifications: one's own.
    "notify:inbox": page(LOGGED_IN),
    "notify:read": page(post=LOGGED_IN),
    # Public pages reached by signed links (no login).
    "messaging:unsubscribe": public(),
    "surveys:answer": public(),
    # Callbacks
    "callbacks:workbench": page(CALL_TAKERS),
    "callbacks:progress": page(CALL_TAKERS),
    "callbacks:complete": page(post=CALL_TAKERS),
    "callbacks:team": page(LEADS),
    "callbacks:rules": page(LEADS),
    "callbacks:rule_new": page(LEADS),
    "callbacks:rule_edit": page(LEADS),
    "callbacks:rules_run": page(post=LEADS),
    "callbacks:targets": page(LEADS),
    # Campaigns
    "campaigns:list": page(CALL_TAKERS),
    "campaigns:templates": page(CALL_TAKERS),
    "campaigns:detail": page(CALL_TAKERS),
    "campaigns:progress": page(CALL_TAKERS),
    "campaigns:deliveries": page(CALL_TAKERS),
    "campaigns:create": page(LEADS),
    "campaigns:template_create": page(LEADS),
    "campaigns:template_edit": page(LEADS),
    "campaigns:edit": page(LEADS),
    "campaigns:send": page(post=LEADS),
    # Surveys
    "surveys:responses": page(SURVEY_READERS),
    "surveys:response": page(SURVEY_READERS),
    "surveys:templates": page(SURVEY_READERS),
    "surveys:template": page(SURVEY_READERS),
    "surveys:campaigns": page(SURVEY_READERS),
    "surveys:campaign": page(SURVEY_READERS),
    "surveys:ticket_panel": page(SURVEY_READERS),
    "surveys:template_create": page(LEADS),
    "surveys:question_create": page(LEADS),
    "surveys:question": page(LEADS),
    "surveys:campaign_create": page(LEADS),
    "surveys:question_delete": page(post=LEADS),
    "surveys:campaign_send": page(post=LEADS),
    "surveys:ticket_send": page(post=CALL_TAKERS),
    # Service errors and KPIs: service staff (an agent sees their own).
    "quality:list": page(STAFF),
    "kpis:table": page(STAFF),
    "kpis:records": page(STAFF),
    # Dashboards and reports: leadership, managers and supervisors.
    "reports:list": page(REPORT_READERS),
    "reports:generate": page(post=REPORT_READERS),
    "reports:detail": page(REPORT_READERS),
    "reports:export_xlsx": page(REPORT_READERS),
    "reports:export_pdf": page(REPORT_READERS),
    "reports:today": page(REPORT_READERS),
    "reports:today_list": page(REPORT_READERS),
    "reports:month": page(REPORT_READERS),
    "reports:month_export": page(REPORT_READERS),
    "reports:people": page(REPORT_READERS),
    "reports:targets": page(REPORT_READERS),
}

# POST-only views: the refusal each role must get when it POSTs an empty form to the world
# object (roles not listed are not POSTed: allowed roles would write).
POSTS: dict[str, dict[str, str]] = {
    "web:logout": {},
    "web:saved_filter_save": {ANON: LOGIN},
    # Someone else's saved filter (the agent's) is not found.
    "web:saved_filter_delete": {ANON: LOGIN, "manager": "404", "other_partner": "404"},
    "tickets:bulk_assign": {ANON: LOGIN, "handler": "403", "partner": "403", "qa": "403"},
    "tickets:step": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    "tickets:callback": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    "ticket_records:comment": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    "ticket_records:attachment": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    "ticket_records:link": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    "ticket_records:merge": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    "ticket_records:tags": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    "liaison:step": {ANON: LOGIN, "partner": "404", "other_partner": "404"},
    # The capability is checked before the article is looked up: 403, not 404.
    "kb:publish": {ANON: LOGIN, "agent": "403", "handler": "403", "other_partner": "403"},
    "kb:archive": {ANON: LOGIN, "agent": "403", "handler": "403", "other_partner": "403"},
    "notify:read": {ANON: LOGIN},
    "customers:stored_item_add": {ANON: LOGIN, "other_partner": "403"},
}

API: dict[str, Row] = {
    # Customers
    "GET /api/v1/customers": api(LOGGED_IN),
    "POST /api/v1/customers": write(SERVING),
    "GET /api/v1/customers/{customer_id}": api(SEE_COMPLAINT, missing=PARTNERS),
    "PATCH /api/v1/customers/{customer_id}": write(SERVING),
    "POST /api/v1/customers/{customer_id}/reveal": write(("admin", "manager", "senior_manager")),
    "GET /api/v1/customers/{customer_id}/timeline": api(SEE_COMPLAINT, missing=PARTNERS),
    # Work orders and their records (the forwarded complaint)
    "GET /api/v1/tickets": api(LOGGED_IN),
    "POST /api/v1/tickets": write(SERVING),
    "GET /api/v1/tickets/{number}": api(SEE_COMPLAINT, missing=PARTNERS),
    "GET /api/v1/tickets/{number}/transitions": api(SEE_COMPLAINT, missing=PARTNERS),
    "POST /api/v1/tickets/{number}/transitions": write(SEE_COMPLAINT, missing=PARTNERS),
    # Recording a callback needs tickets.view_all_tickets' serving roles, checked first.
    "POST /api/v1/tickets/{number}/callbacks": write(SERVING),
    "GET /api/v1/tickets/{number}/comments": api(SEE_COMPLAINT, missing=PARTNERS),
    "POST /api/v1/tickets/{number}/comments": write(SEE_COMPLAINT, missing=PARTNERS),
    "GET /api/v1/tickets/{number}/attachments": api(SEE_COMPLAINT, missing=PARTNERS),
    "POST /api/v1/tickets/{number}/attachments": write(SEE_COMPLAINT, missing=PARTNERS),
    "GET /api/v1/tickets/{number}/attachments/{attachment_id}": api(
        SEE_COMPLAINT, missing=PARTNERS
    ),
    "GET /api/v1/tickets/{number}/links": api(SEE_COMPLAINT, missing=PARTNERS),
    "POST /api/v1/tickets/{number}/links": write(SERVING, missing=PARTNERS),
    # Merging needs tickets.merge_ticket, checked before the work order is looked up.
    "POST /api/v1/tickets/{number}/merge": write(SERVING),
    "GET /api/v1/tickets/{number}/tags": api(SEE_COMPLAINT, missing=PARTNERS),
    "PUT /api/v1/tickets/{number}/tags": write(SERVING, missing=PARTNERS),
    "GET /api/v1/reply-templates": api(SERVING),
    "GET /api/v1/reply-templates/{code}/render": api(SERVING),
    # Contact orders (the order to 工程部)
    "GET /api/v1/contact-orders": api((*SERVING, *OUTSIDE)),
    "GET /api/v1/contact-orders/{number}": api((*SERVING, "handler"), missing=PARTNERS),
    "GET /api/v1/contact-orders/{number}/pdf": api((*SERVING, "handler"), missing=PARTNERS),
    # Knowledge base (an internal article)
    "GET /api/v1/kb/articles": api(LOGGED_IN),
    "GET /api/v1/kb/articles/{article_id}": api(STAFF, missing=OUTSIDE),
    "POST /api/v1/kb/answers": write(CALL_TAKERS),
    # Calls are reported by the CTI system account only, never by a role.
    "POST /api/v1/cti/calls": write(()),
    # Callbacks (a task assigned to the agent), campaigns, surveys, service errors, KPIs
    "GET /api/v1/callbacks": api(CALL_TAKERS),
    "GET /api/v1/callbacks/{task_id}": api(CALL_TAKERS),
    "POST /api/v1/callbacks/{task_id}/complete": write(CALL_TAKERS),
    "GET /api/v1/campaigns": api(CALL_TAKERS),
    "GET /api/v1/campaigns/{campaign_id}": api(CALL_TAKERS),
    "POST /api/v1/campaigns/{campaign_id}/send": write(LEADS),
    "GET /api/v1/surveys/responses": api(SURVEY_READERS),
    "POST /api/v1/surveys/invitations": write(CALL_TAKERS),
    "GET /api/v1/service-errors": api(STAFF),
    "POST /api/v1/service-errors": write(("admin", "manager", "supervisor", "qa")),
    "GET /api/v1/reports/kpis": api(STAFF),
    # Organisation
    "GET /api/v1/departments": api(STAFF),
    "POST /api/v1/departments": write(("admin",)),
    "GET /api/v1/departments/{department_id}": api(STAFF),
    "PATCH /api/v1/departments/{department_id}": write(("admin",)),
    "GET /api/v1/teams": api(STAFF),
    "POST /api/v1/teams": write(("admin",)),
    "GET /api/v1/teams/{team_id}": api(STAFF),
    "PATCH /api/v1/teams/{team_id}": write(("admin",)),
    "GET /api/v1/positions": api(STAFF),
    "POST /api/v1/positions": write(("admin", "manager")),
    "GET /api/v1/positions/{position_id}": api(STAFF),
    "PATCH /api/v1/positions/{position_id}": write(("admin", "manager")),
    "GET /api/v1/staff": api(STAFF),
    "POST /api/v1/staff": write(("admin", "manager")),
    "GET /api/v1/staff/{staff_id}": api(STAFF),
    "PATCH /api/v1/staff/{staff_id}": write(("admin", "manager")),
}

# Known gaps (已知缺口): (row, role) → why the observed outcome differs from the design; the
# test expects the observed outcome and fails when it changes, so a fix updates this table.
KNOWN_GAPS: dict[tuple[str, str], tuple[str, str]] = {
    # Closed: the admin role is a superuser, but POST /api/v1/cti/calls requires cti.add_call
    # granted to the account itself (kefu.cti.services.may_report_calls), so admin gets 403.
}

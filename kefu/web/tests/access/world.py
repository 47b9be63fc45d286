"""The access matrix's world (权限矩阵测试数据): the cast plus one object of every kind.

Built once per test module through the real services where a service exists (customers, work
orders walked through their workflows, contact orders, knowledge articles, calls, callbacks,
surveys, reports), with plain rows for the peripheral settings (saved filters, custom fields).
Objects of the scope checks:

- ``complaint``: forwarded to 工程部 (a work contact order is issued), customer 王芳;
- ``repair``: dispatched to 物业公司, customer 赵磊 (only linked to that repair);
- ``internal``: a work order nobody outside the service staff may see, customer 钱多多.

维修外包 (``other_partner``) has nothing: every object page of the world is out of its scope.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from kefu.accounts.models import User
from kefu.accounts.services import create_api_token, create_user
from kefu.callbacks.models import CallbackRule, CallbackTask
from kefu.callbacks.services.creating import create_task
from kefu.campaigns.models import Campaign, MessageTemplate
from kefu.campaigns.services import create_campaign, create_template
from kefu.cti.models import AgentExtension, Call
from kefu.cti.services.extensions import allow_call_reports
from kefu.cti.services.webhook import record_call_event
from kefu.customers.models import Customer, CustomField, ImportJob, StoredItem
from kefu.customers.services import create_customer
from kefu.kb.models import Article
from kefu.kb.services.articles import ArticleText, create_article, publish_article
from kefu.liaison.models import ContactOrder
from kefu.messaging.unsubscribe import make_token as unsubscribe_token
from kefu.org.choices import DepartmentKind
from kefu.org.models import Department, Position, Staff, Team
from kefu.org.services.positions import create_position
from kefu.quality.models import ServiceError
from kefu.quality.services import register_error
from kefu.reports.models import Report
from kefu.reports.periods import month_of
from kefu.reports.services import generate_report
from kefu.sla.models import BusinessCalendar, SlaPolicy
from kefu.sla.services import create_calendar
from kefu.surveys.demo import ensure_demo_surveys
from kefu.surveys.links import make_token as survey_token
from kefu.surveys.models import SurveyCampaign, SurveyInvitation, SurveyResponse, SurveyTemplate
from kefu.surveys.segments import Segment
from kefu.surveys.services.answering import submit_response
from kefu.surveys.services.campaigns import create_campaign as create_survey_campaign
from kefu.surveys.services.invitations import invite_for_ticket
from kefu.tickets.models import ReplyTemplate, Ticket, TicketAttachment
from kefu.tickets.services import apply_transition, create_ticket
from kefu.tickets.services.records_attachments import add_attachment
from kefu.tickets.services.records_templates import create_reply_template
from kefu.web.models import SavedFilter

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# The roles of the matrix: the cast of kefu/conftest.py, senior_manager and anonymous.
STAFF_ROLES = (
    "admin",
    "manager",
    "senior_manager",
    "supervisor",
    "agent",
    "qa",
    "auditor",
)
ROLES = ("anonymous", *STAFF_ROLES, "handler", "partner", "other_partner")


@dataclass
class World:
    users: dict[str, User]
    tokens: dict[str, str]
    service: Department
    engineering: Department
    property_company: Department
    contractor: Department
    call_center: Team
    position: Position
    staff: Staff
    customer: Customer  # 王芳: the forwarded complaint's customer
    repair_customer: Customer  # 赵磊: the dispatched repair's customer
    internal_customer: Customer  # 钱多多: only a work order kept in the service center
    complaint: Ticket
    repair: Ticket
    internal: Ticket
    order: ContactOrder
    repair_order: ContactOrder | None
    attachment: TicketAttachment
    reply_template: ReplyTemplate
    article: Article  # internal, published
    public_article: Article
    call: Call
    extension: AgentExtension
    callback: CallbackTask
    rule: CallbackRule
    message_template: MessageTemplate
    campaign: Campaign
    questionnaire: SurveyTemplate
    survey_campaign: SurveyCampaign
    invitation: SurveyInvitation
    response: SurveyResponse
    report: Report
    calendar: BusinessCalendar
    policy: SlaPolicy
    error: ServiceError
    saved_filter: SavedFilter
    custom_field: CustomField
    stored_item: StoredItem
    import_job: ImportJob
    extra: dict[str, Any] = field(default_factory=dict)


def _cast() -> dict[str, Any]:
    """The cast of kefu/conftest.py (same names and places) plus a senior manager."""
    service = Department.objects.create(name="客服部", code="service")
    engineering = Department.objects.create(name="工程部", code="engineering")
    property_company = Department.objects.create(
        name="物业公司", code="property", kind=DepartmentKind.PARTNER
    )
    contractor = Department.objects.create(
        name="维修外包", code="contractor", kind=DepartmentKind.PARTNER
    )
    call_center = Team.objects.create(department=service, name="呼叫中心组", code="call-center")
    places = {
        "handler": (engineering, None),
        "partner": (property_company, None),
        "other_partner": (contractor, None),
    }
    users: dict[str, User] = {}
    for number, name in enumerate(ROLES[1:], start=1):
        role = "partner" if name == "other_partner" else name
        user = create_user(
            actor=None, username=name, password="kefu-test-pass", display_name=name, roles=[role]
        )
        department, team = places.get(name, (service, call_center))
        Staff.objects.create(
            user=user,
            employee_number=f"T{number:03d}",
            name=name,
            department=department,
            team=team,
        )
        users[name] = User.objects.get(pk=user.pk)
    return {
        "users": users,
        "service": service,
        "engineering": engineering,
        "property_company": property_company,
        "contractor": contractor,
        "call_center": call_center,
    }


def build_world() -> World:
    """Everything the matrix addresses, written through the real services."""
    cast = _cast()
    users: dict[str, User] = cast["users"]
    agent, manager, admin = users["agent"], users["manager"], users["admin"]
    office = {
        weekday: [(dt.time(9), dt.time(12)), (dt.time(13), dt.time(18))] for weekday in range(5)
    }
    calendar = create_calendar(actor=None, code="office", name="办公时间", weekly_hours=office)
    policy = SlaPolicy.objects.filter(is_active=True).order_by("pk").first()
    assert policy is not None, "the shipped SLA policies are missing"

    customer = create_customer(actor=agent, data={"name": "王芳", "phone": "13800138000"})
    repair_customer = create_customer(actor=agent, data={"name": "赵磊", "phone": "13900139001"})
    internal_customer = create_customer(
        actor=agent, data={"name": "钱多多", "phone": "13700137002", "email": "q@example.com"}
    )
    due = timezone.now() + dt.timedelta(days=3)

    complaint = create_ticket(
        actor=agent,
        type_code="complaint",
        customer=customer,
        channel="phone",
        title="维修人员态度差",
        description="上门维修时态度生硬",
    )
    complaint = apply_transition(
        actor=agent, ticket=complaint, transition="classify", fields={"category": "服务态度"}
    )
    complaint = apply_transition(
        actor=agent,
        ticket=complaint,
        transition="forward",
        fields={
            "responsible_department": cast["engineering"],
            "requested_action": "核实维修人员服务态度并回复",
            "reply_due_at": due.isoformat(),
        },
    )
    order = ContactOrder.objects.get(ticket=complaint)

    repair = create_ticket(
        actor=agent,
        type_code="repair",
        customer=repair_customer,
        channel="phone",
        title="入户门锁损坏",
        description="门锁拧不动",
    )
    repair = apply_transition(
        actor=agent,
        ticket=repair,
        transition="dispatch",
        fields={
            "partner": cast["property_company"],
            "requested_action": "上门检修",
            "repair_due_at": (timezone.now() + dt.timedelta(days=1)).isoformat(),
        },
    )
    repair_order = ContactOrder.objects.filter(ticket=repair).first()

    internal = create_ticket(
        actor=agent,
        type_code="consultation",
        customer=internal_customer,
        channel="phone",
        title="会员积分如何兑换",
        description="内部咨询",
    )

    attachment = add_attachment(
        actor=agent, ticket=complaint, content=io.BytesIO(PDF), name="现场.pdf"
    )
    reply_template = create_reply_template(
        actor=manager, code="thanks", title="致谢", body="感谢您的来电。"
    )
    article = create_article(
        actor=manager, text=ArticleText(title="内部处理口径：漏水", body="先登记再转工程部。")
    )
    article = publish_article(actor=manager, article=article)
    public_article = create_article(
        actor=manager,
        text=ArticleText(title="公开：积分兑换说明", body="积分可兑换礼品。", visibility="public"),
    )
    public_article = publish_article(actor=manager, article=public_article)

    extension = AgentExtension.objects.create(user=agent, extension="8001")
    pbx = create_user(actor=None, username="pbx", password="kefu-test-pass")
    allow_call_reports(actor=None, user=pbx)
    record_call_event(
        actor=User.objects.get(pk=pbx.pk),
        call_id="call-0001",
        event="ringing",
        caller="13700137002",
        extension="8001",
    )
    call = Call.objects.get(call_id="call-0001")

    callback, _created = create_task(
        actor=manager,
        customer=internal_customer,
        due_on=timezone.localdate(),
        dedupe_key="matrix-1",
        ticket=internal,
        assignee=agent,
    )
    rule = CallbackRule.objects.create(
        name="生日关怀", kind="birthday", days=3, updated_at=timezone.now()
    )
    message_template = create_template(
        actor=manager, data={"name": "节日问候", "channel": "sms", "body": "节日快乐"}
    )
    campaign = create_campaign(
        actor=manager, data={"name": "春节关怀", "template": message_template, "channel": "sms"}
    )
    questionnaire = ensure_demo_surveys(manager)
    invitation = invite_for_ticket(actor=agent, ticket=internal, channel="email")
    response = submit_response(invitation=invitation, given=_first_answers(invitation))
    assert response is not None
    survey_campaign = create_survey_campaign(
        actor=manager,
        template=questionnaire,
        name="A 类回访",
        segment=Segment(kind="grades", channel="sms", grades=("A",)),
    )
    report, _new = generate_report(
        actor=manager, kind="monthly", period=month_of(timezone.localdate())
    )
    error = register_error(
        actor=users["qa"],
        occurred_on=timezone.localdate(),
        error_type="attitude",
        severity="minor",
        description="语气生硬",
        ticket=internal,
        person=agent,
    )
    position = create_position(
        actor=admin, data={"title": "客服专员", "code": "csr", "department": cast["service"]}
    )
    saved_filter = SavedFilter.objects.create(
        user=agent, page="customers", name="A 级", query="grade=A", created_at=timezone.now()
    )
    custom_field = CustomField.objects.create(key="floor", label="楼层")
    stored_item = StoredItem.objects.create(
        customer=internal_customer, name="钥匙", stored_on=timezone.localdate()
    )
    import_job = ImportJob.objects.create(
        file_name="客户.xlsx",
        file_path="imports/none.xlsx",
        created_by=admin,
        created_at=timezone.now(),
    )
    tokens = {
        role: create_api_token(actor=None, user=user, name="matrix").secret
        for role, user in users.items()
    }
    return World(
        users=users,
        tokens=tokens,
        service=cast["service"],
        engineering=cast["engineering"],
        property_company=cast["property_company"],
        contractor=cast["contractor"],
        call_center=cast["call_center"],
        position=position,
        staff=Staff.objects.get(user=agent),
        customer=customer,
        repair_customer=repair_customer,
        internal_customer=internal_customer,
        complaint=complaint,
        repair=repair,
        internal=internal,
        order=order,
        repair_order=repair_order,
        attachment=attachment,
        reply_template=reply_template,
        article=article,
        public_article=public_article,
        call=call,
        extension=extension,
        callback=callback,
        rule=rule,
        message_template=message_template,
        campaign=campaign,
        questionnaire=questionnaire,
        survey_campaign=survey_campaign,
        invitation=invitation,
        response=response,
        report=report,
        calendar=calendar,
        policy=policy,
        error=error,
        saved_filter=saved_filter,
        custom_field=custom_field,
        stored_item=stored_item,
        import_job=import_job,
        extra={
            "survey_token": survey_token(invitation.pk, invitation.nonce),
            "unsubscribe_token": unsubscribe_token(customer_id=internal_customer.pk, channel="sms"),
        },
    )


def _first_answers(invitation: SurveyInvitation) -> dict[str, str]:
    """A valid answer to every question of the invitation's questionnaire."""
    from kefu.surveys.services.answering import field_name, questions_of

    given: dict[str, str] = {}
    for question in questions_of(invitation):
        choices = list(question.options or [])
        if question.kind == "satisfaction":
            given[field_name(question)] = "satisfied"
        elif choices:
            given[field_name(question)] = str(choices[0])
        else:
            given[field_name(question)] = "还不错"
    return given

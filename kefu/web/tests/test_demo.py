"""``kefu demo``: a believable, idempotent, deterministic demo service center."""

import io
from collections import Counter
from datetime import date

import phonenumbers
import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command

from kefu.accounts.models import User
from kefu.accounts.roles import ROLE_CODES
from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer, StoredItem, Tag
from kefu.org.choices import DepartmentKind
from kefu.org.models import Department, Position, Staff, Team
from kefu.web.demo import DEMO_PASSWORD, LOGINS
from kefu.web.demo.customers import build_customers

COUNTED = (
    Department,
    Team,
    Position,
    User,
    Staff,
    Customer,
    StoredItem,
    Tag,
    Customer.tags.through,
    AuditEntry,
)


def _load() -> str:
    out = io.StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in COUNTED}


@pytest.fixture(autouse=True)
def short_history(settings):
    """Three days of history keep these tests quick; the walk is the same for 42."""
    settings.KEFU_DEMO_HISTORY_DAYS = 3


@pytest.fixture
def demo(db):
    return _load()


def test_the_history_is_walked_through_the_real_services_and_rolled_up(demo):
    from kefu.kpis.models import DailyRollup
    from kefu.tickets.models import Ticket, TicketEvent

    history = Ticket.objects.filter(title__startswith="【历史】")
    assert history.exists()
    assert history.filter(status_category="closed").exists()
    # Each was opened in the past and moved later, event by event.
    moved = 0
    for ticket in history[:20]:
        times = list(TicketEvent.objects.filter(ticket=ticket).order_by("id").values_list(
            "at", flat=True))  # fmt: skip
        assert times == sorted(times)
        assert times[0] == ticket.created_at
        moved += times[-1] > times[0]
    assert moved > 0
    assert DailyRollup.objects.exists()


def test_running_the_demo_twice_creates_nothing_the_second_time(db):
    _load()
    first = _counts()
    output = _load()
    assert _counts() == first
    assert "nothing to do" in output
    assert first["customers.Customer"] == 2000
    assert first["org.Staff"] >= 38


def test_the_demo_writes_one_audit_row_summarising_it(demo):
    rows = AuditEntry.objects.filter(object_type="demo")
    assert rows.count() == 1
    entry = rows.get()
    assert entry.action == "import"
    assert entry.changes["customers"] == [0, 2000]


def test_every_role_has_a_demo_login_that_authenticates_with_the_demo_password(demo):
    assert sorted(login.role for login in LOGINS) == sorted(ROLE_CODES)
    for login in LOGINS:
        user = authenticate(None, username=login.username, password=DEMO_PASSWORD)
        assert user is not None, login.username
        assert user.role_codes == [login.role]
        assert user.staff.employee_number == login.employee_number
        assert user.display_name == user.staff.name


def test_the_output_lists_the_logins_with_the_demo_password(demo):
    lines = demo.splitlines()
    for login in LOGINS:
        assert any(line.startswith(login.username) and DEMO_PASSWORD in line for line in lines)


def test_partner_staff_belongs_to_a_partner_company_and_handler_to_engineering(demo):
    partner = User.objects.get(username="partner").staff
    assert partner.department.kind == DepartmentKind.PARTNER
    assert partner.department.name == "物业公司"
    assert "8小时" in partner.department.obligations
    assert User.objects.get(username="handler").staff.department.name == "工程部"
    assert set(Department.objects.partners().values_list("name", flat=True)) == {
        "物业公司",
        "维修外包",
    }


def test_customer_service_has_its_teams_with_leaders(demo):
    teams = Team.objects.filter(department__name="客服部")
    assert {"呼叫中心组", "前厅组", "投诉处理组"} <= set(teams.values_list("name", flat=True))
    assert (
        Team.objects.get(name="呼叫中心组").leader == User.objects.get(username="supervisor").staff
    )
    assert Staff.objects.filter(user__isnull=True).count() >= 30
    assert Staff.objects.filter(team__name="前厅组").count() >= 3


def test_positions_carry_full_job_descriptions(demo):
    for position in Position.objects.all():
        assert position.purpose, position.title
        assert position.duties.startswith("1. "), position.title
        assert position.qualifications, position.title
        assert position.kpis, position.title
    vip = Position.objects.get(title="VIP客服经理")
    assert "五万" in vip.kpis
    manager = vip.superior
    assert manager is not None
    assert manager.title == "客服经理"
    assert manager.superior is not None
    assert manager.superior.title == "客服高级经理"
    assert Position.objects.get(title="客服专员").headcount_quota == 20


def test_demo_customers_have_unique_valid_mobile_phones(demo):
    rows = list(Customer.objects.values_list("phone", "phone_last4"))
    phones = [phone for phone, _ in rows]
    assert len(phones) == 2000
    assert len(set(phones)) == 2000
    for phone, last4 in rows:
        assert len(phone) == 11
        assert phonenumbers.is_valid_number(phonenumbers.parse(phone, "CN")), phone
        assert last4 == phone[-4:]


def test_demo_customers_are_graded_roughly_one_three_six(demo):
    grades = Counter(Customer.objects.values_list("grade", flat=True))
    assert 100 <= grades["A"] <= 300
    assert 450 <= grades["B"] <= 750
    assert 1000 <= grades["C"] <= 1400
    # The grade follows the rules: every A customer meets the A thresholds.
    assert not Customer.objects.filter(grade="A", visits_12m__lt=12).exists()
    assert not Customer.objects.filter(grade="A", spend_12m__lt=10000).exists()


def test_demo_customers_look_like_a_real_archive(demo):
    customers = Customer.objects.all()
    members = customers.exclude(member_number=None)
    assert 1000 <= members.count() <= 1400
    assert not members.filter(member_day=None).exists()
    assert customers.filter(kind="organisation").exists()
    assert customers.exclude(email="").count() > 300
    assert customers.filter(marketing_consent=True).count() > 300
    assert not customers.filter(name_pinyin="").exists()
    assert customers.exclude(birthday=None).count() > 1500
    assert {"老客户", "会员", "投诉过", "企业客户"} <= set(
        Tag.objects.values_list("name", flat=True)
    )
    assert StoredItem.objects.filter(unit="瓶").exists()
    assert StoredItem.objects.filter(name__startswith="储值卡").exists()
    surnames = Counter(
        name[0] for name in customers.filter(kind="person").values_list("name", flat=True)
    )
    assert surnames.most_common(1)[0][0] in "王李张刘陈"


def test_building_customers_is_deterministic():
    today = date(2026, 11, 23)
    assert build_customers(today=today, count=50) == build_customers(today=today, count=50)
    assert build_customers(today=today, count=50) != build_customers(today=today, count=50, seed=1)

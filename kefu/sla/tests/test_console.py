"""Business calendar pages: who may see and edit, special days that move due times, years."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from kefu.audit.models import AuditEntry
from kefu.sla.calendar import add_working_time
from kefu.sla.choices import DayKind, DaySource
from kefu.sla.loading import working_calendar
from kefu.sla.models import BusinessCalendar, CalendarDay
from kefu.sla.services import create_calendar, load_provisional_year

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
OFFICE = {weekday: [(time(9), time(12)), (time(13), time(18))] for weekday in range(5)}
FRIDAY_AFTERNOON = datetime(2026, 11, 13, 17, 0, tzinfo=SHANGHAI)
SATURDAY = date(2026, 11, 14)
WARNING_2027 = (
    "2027 年的法定节假日为临时数据（来自 python-holidays），请录入国务院公布的正式安排（含调休）"
)


@pytest.fixture
def office(db) -> BusinessCalendar:
    return create_calendar(actor=None, code="office", name="办公时间", weekly_hours=OFFICE)


def due_in_two_hours(calendar: BusinessCalendar) -> datetime:
    return add_working_time(FRIDAY_AFTERNOON, timedelta(hours=2), working_calendar(calendar))


def page_due(client, calendar: BusinessCalendar) -> str:
    response = client.get(
        f"/sla/{calendar.code}/due/",
        {"start": "2026-11-13T17:00", "working_hours": "2"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    due: datetime = response.context["due"]
    return due.isoformat()


def test_a_makeup_working_day_added_on_the_page_counts_and_removing_it_reverses(
    client, cast, office
):
    client.force_login(cast.admin)
    assert due_in_two_hours(office) == datetime(2026, 11, 16, 10, 0, tzinfo=SHANGHAI)
    assert page_due(client, office) == "2026-11-16T10:00:00+08:00"

    response = client.post(
        "/sla/office/days/", {"date": "2026-11-14", "kind": "workday", "name": "调休上班"}
    )
    assert response.status_code == 302
    day = CalendarDay.objects.get(calendar=office, date=SATURDAY)
    assert (day.kind, day.source, day.name) == (DayKind.WORKDAY, DaySource.MANUAL, "调休上班")
    assert due_in_two_hours(office) == datetime(2026, 11, 14, 10, 0, tzinfo=SHANGHAI)
    assert page_due(client, office) == "2026-11-14T10:00:00+08:00"
    page = client.get("/sla/office/?year=2026").content.decode()
    assert 'data-date="2026-11-14" data-kind="workday"' in page

    response = client.post("/sla/office/days/2026-11-14/remove/")
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(calendar=office, date=SATURDAY).exists()
    assert due_in_two_hours(office) == datetime(2026, 11, 16, 10, 0, tzinfo=SHANGHAI)
    assert AuditEntry.objects.filter(object_type="sla.calendarday", action="delete").count() == 1


def test_a_holiday_entered_on_the_page_is_skipped_by_the_due_time(client, cast, office):
    client.force_login(cast.admin)
    client.post("/sla/office/days/", {"date": "2026-11-16", "kind": "holiday", "name": "停工"})
    assert due_in_two_hours(office) == datetime(2026, 11, 17, 10, 0, tzinfo=SHANGHAI)


def test_a_day_form_with_a_missing_date_is_refused_and_keeps_the_input(client, cast, office):
    client.force_login(cast.admin)
    response = client.post("/sla/office/days/", {"date": "", "kind": "workday", "name": "调休"})
    assert response.status_code == 422
    assert response.context["day_form"]["name"].value() == "调休"
    assert not CalendarDay.objects.exists()


@pytest.mark.parametrize("role", ["agent", "supervisor", "qa", "auditor"])
def test_staff_without_the_change_capability_see_calendars_but_cannot_edit(
    client, cast, office, role
):
    client.force_login(cast.by_role(role))
    assert client.get("/sla/").status_code == 200
    page = client.get("/sla/office/")
    assert page.status_code == 200
    assert page.context["can_change"] is False
    assert 'data-testid="day-form"' not in page.content.decode()
    attempts = [
        ("/sla/office/days/", {"date": "2026-11-14", "kind": "workday"}),
        ("/sla/office/hours/", {"weekday_0": "08:00-20:00"}),
        ("/sla/office/years/2026/load/official/", {}),
        ("/sla/office/years/2027/confirm/", {}),
    ]
    for url, data in attempts:
        assert client.post(url, data).status_code == 403, url
    assert client.get("/sla/office/hours/").status_code == 403
    assert not CalendarDay.objects.exists()
    assert office.periods.count() == 10


@pytest.mark.parametrize("role", ["handler", "partner"])
def test_department_handlers_and_partners_do_not_see_calendars(client, cast, office, role):
    client.force_login(cast.by_role(role))
    assert client.get("/sla/").status_code == 403
    assert client.get("/sla/office/").status_code == 403


def test_the_calendars_item_is_in_the_navigation_of_those_who_may_view(client, cast, office):
    client.force_login(cast.supervisor)
    keys = {item["key"] for item in client.get("/").context["nav_items"]}
    assert "calendars" in keys
    assert "workflows" not in keys


def test_a_provisional_year_shows_the_warning_until_confirmed(client, cast, office):
    load_provisional_year(actor=None, calendar=office, year=2027)
    client.force_login(cast.admin)
    listing = client.get("/sla/").content.decode()
    assert WARNING_2027 in listing
    detail = client.get("/sla/office/?year=2027").content.decode()
    assert WARNING_2027 in detail
    assert "/sla/office/years/2027/confirm/" in detail
    assert "/sla/office/years/2027/load/official/" not in detail  # chinese-calendar lacks 2027
    response = client.post("/sla/office/years/2027/confirm/")
    assert response.status_code == 302
    assert not CalendarDay.objects.filter(source=DaySource.PROVISIONAL).exists()
    assert WARNING_2027 not in client.get("/sla/").content.decode()


def test_loading_the_official_year_from_the_page(client, cast, office):
    client.force_login(cast.admin)
    response = client.post("/sla/office/years/2026/load/official/", follow=True)
    days = CalendarDay.objects.filter(calendar=office).in_year(2026)
    assert days.filter(date=date(2026, 10, 1), kind=DayKind.HOLIDAY).exists()
    assert days.filter(kind=DayKind.WORKDAY).exists()
    assert "2026" in response.content.decode()
    refused = client.post("/sla/office/years/2027/load/official/", follow=True)
    assert "chinese-calendar" in refused.content.decode()
    assert not CalendarDay.objects.filter(calendar=office).in_year(2027).exists()


def test_loading_a_provisional_year_from_the_page(client, cast, office):
    client.force_login(cast.admin)
    client.post("/sla/office/years/2027/load/provisional/")
    days = CalendarDay.objects.filter(calendar=office).in_year(2027)
    assert days.exists()
    assert set(days.values_list("source", flat=True)) == {DaySource.PROVISIONAL}


def test_weekly_hours_with_overlapping_periods_are_refused(client, cast, office):
    client.force_login(cast.admin)
    response = client.post(
        "/sla/office/hours/",
        {"weekday_0": "09:00-12:00, 11:00-13:00", "weekday_1": "9点到5点"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "星期一：时段 11:00–13:00 与前一个时段重叠。" in body
    assert "9点到5点" in body
    assert office.periods.count() == 10


def test_weekly_hours_are_saved_with_a_lunch_break(client, cast, office):
    client.force_login(cast.admin)
    form = client.get("/sla/office/hours/").context["form"]
    assert form["weekday_0"].value() == "09:00-12:00, 13:00-18:00"
    data = {f"weekday_{d}": "08:30-12:00, 13:30-17:30" for d in range(5)}
    data["weekday_5"] = "09:00-12:00"
    response = client.post("/sla/office/hours/", data)
    assert response.status_code == 302
    saturday = [(p.starts_at, p.ends_at) for p in office.periods.filter(weekday=5)]
    assert saturday == [(time(9), time(12))]
    assert office.periods.count() == 11
    # Saturday now works: 17:00–17:30 on Friday, then 09:00–10:30 on Saturday.
    assert due_in_two_hours(office) == datetime(2026, 11, 14, 10, 30, tzinfo=SHANGHAI)
    entry = AuditEntry.objects.filter(object_type="sla.businesscalendar", action="update").get()
    assert "5 09:00-12:00" in entry.changes["periods"][1]


def test_the_due_calculator_warns_about_years_without_holidays(client, cast, office):
    client.force_login(cast.agent)
    response = client.get("/sla/office/due/", {"start": "2026-11-13T17:00", "working_hours": "2"})
    assert response.status_code == 200
    assert "未载入 2026 年的节假日" in response.content.decode()
    empty = client.get("/sla/office/due/", {"start": "2026-11-13T17:00"}, HTTP_HX_REQUEST="true")
    assert "due" not in empty.context
    assert "请填写工作小时数或分钟数" in empty.content.decode()


def test_setting_weekly_hours_checks_overlaps_and_the_change_capability(cast, office):
    from kefu.core.errors import NotPermitted, ValidationFailed
    from kefu.sla.hours import set_weekly_hours

    with pytest.raises(NotPermitted):
        set_weekly_hours(actor=cast.supervisor, calendar=office, weekly_hours={}, is_24x7=True)
    with pytest.raises(ValidationFailed) as refused:
        set_weekly_hours(
            actor=cast.admin,
            calendar=office,
            weekly_hours={2: [(time(13), time(18)), (time(9), time(14))], 3: [(time(18), time(9))]},
            is_24x7=False,
        )
    assert set(refused.value.fields) == {"weekday_2", "weekday_3"}
    office.refresh_from_db()
    assert (office.is_24x7, office.periods.count()) == (False, 10)
    set_weekly_hours(actor=cast.admin, calendar=office, weekly_hours={}, is_24x7=True)
    assert (office.is_24x7, office.periods.count()) == (True, 0)

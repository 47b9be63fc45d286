"""The callback workbench (回访工作台), team view, targets, rules pages and the API: scope,
one-screen outcome entry and progress."""

from __future__ import annotations

from datetime import timedelta

import pytest

from kefu.accounts.services import create_user
from kefu.callbacks.days import local_today
from kefu.callbacks.models import CallbackRule, CallbackTarget, CallbackTask
from kefu.callbacks.progress import progress_of
from kefu.callbacks.services import schedule_task, set_target
from kefu.core.errors import NotPermitted, ValidationFailed
from kefu.tickets.choices import EventKind
from kefu.tickets.models import Ticket, TicketEvent

from .conftest import awaiting_callback, make_customer

pytestmark = pytest.mark.django_db


def task_for(cast, customer, assignee, due_days=0, key=None):
    task, _ = schedule_task(
        actor=None, customer=customer, reason="manual", assignee=assignee,
        due_on=local_today() + timedelta(days=due_days),
        dedupe_key=key or f"test:{customer.pk}:{assignee and assignee.pk}:{due_days}",
    )  # fmt: skip
    return task


@pytest.fixture
def agent2(cast):
    return create_user(actor=None, username="agent2", password="x" * 12, roles=["agent"])


@pytest.fixture
def board(cast, agent2):
    """Tasks of the agent (overdue, today, later), of agent2 and unassigned."""
    a = make_customer(cast, "甲客户", "13800000011")
    b = make_customer(cast, "乙客户", "13800000012")
    c = make_customer(cast, "丙客户", "13800000013")
    return {
        "overdue": task_for(cast, a, cast.agent, -2),
        "today": task_for(cast, b, cast.agent, 0),
        "later": task_for(cast, c, cast.agent, 3),
        "other": task_for(cast, c, agent2, 0),
        "unassigned": task_for(cast, a, None, 0),
    }


def test_the_workbench_lists_my_tasks_due_today_overdue_first(client, cast, board):
    client.force_login(cast.agent)
    response = client.get("/callbacks/")
    assert response.status_code == 200
    shown = [task.pk for task, _form in response.context["rows"]]
    assert shown == [board["overdue"].pk, board["today"].pk]
    body = response.content.decode()
    assert "138****0011" in body
    assert "13800000011" not in body
    assert f'id="task-{board["other"].pk}"' not in body
    assert response.context["overdue_count"] == 1
    assert response.context["upcoming"] == 1
    assert response.context["unassigned"] == 1


def test_an_agent_cannot_see_or_complete_another_agents_task(client, cast, board, api_as):
    other = board["other"]
    client.force_login(cast.agent)
    response = client.post(f"/callbacks/{other.pk}/complete/", {f"t{other.pk}-outcome": "reached"})
    assert response.status_code == 404
    api = api_as("agent")
    assert api.get(f"/{other.pk}").status_code == 404
    assert api.post(f"/{other.pk}/complete", {"outcome": "reached"}).status_code == 404
    ids = {item["id"] for item in api.get("", limit=200).json()["items"]}
    assert other.pk not in ids
    assert board["unassigned"].pk in ids  # anyone may take an unassigned task
    assert {board["overdue"].pk, board["today"].pk, board["later"].pk} <= ids
    other.refresh_from_db()
    assert other.status == "open"
    # A supervisor sees every task.
    sup_ids = {item["id"] for item in api_as("supervisor").get("", limit=200).json()["items"]}
    assert other.pk in sup_ids


@pytest.mark.parametrize("role", ["handler", "partner", "qa"])
def test_roles_outside_the_callback_work_see_nothing(client, cast, board, api_as, role):
    assert api_as(role).get("").status_code == 403
    client.force_login(cast.by_role(role))
    assert client.get("/callbacks/").status_code == 403
    assert CallbackTask.objects.visible_to(cast.by_role(role)).count() == 0


def test_the_api_lists_mine_for_today_and_records_a_call(cast, board, api_as):
    api = api_as("agent")
    today = local_today().isoformat()
    body = api.get("", mine="true", status="open", due_by=today).json()
    assert [item["id"] for item in body["items"]] == [board["overdue"].pk, board["today"].pk]
    assert body["items"][0]["is_overdue"] is True
    assert body["items"][0]["customer"]["phone"] == "138****0011"
    overdue = api.get("", overdue="true").json()["items"]
    assert [item["id"] for item in overdue] == [board["overdue"].pk]
    response = api.post(f"/{board['today'].pk}/complete", {"outcome": "refused"})
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["last_outcome"]) == ("open", "refused")
    response = api.post(
        f"/{board['today'].pk}/complete",
        {"outcome": "reached", "satisfaction": "satisfied", "notes": "好"},
    )
    assert (response.json()["status"], response.json()["outcome"]) == ("done", "reached")
    again = api.post(f"/{board['today'].pk}/complete", {"outcome": "reached"})
    assert again.status_code == 409
    assert again.json()["error"]["code"] == "task_closed"
    bad = api.post(f"/{board['overdue'].pk}/complete", {"outcome": "maybe"})
    assert bad.status_code == 422


def test_the_api_completes_a_work_order_callback(cast, customer, api_as):
    ticket = awaiting_callback(cast, customer)
    task = CallbackTask.objects.get(ticket=ticket)
    response = api_as("agent").post(
        f"/{task.pk}/complete", {"outcome": "reached", "satisfaction": "very_satisfied"}
    )
    assert response.status_code == 200, response.json()
    assert response.json()["ticket"] == ticket.number
    assert TicketEvent.objects.filter(ticket=ticket, kind=EventKind.CALLBACK).count() == 1


def test_one_screen_entry_returns_the_row_and_refreshes_progress(client, cast, board):
    client.force_login(cast.agent)
    task = board["today"]
    prefix = f"t{task.pk}"
    response = client.post(
        f"/callbacks/{task.pk}/complete/",
        {f"{prefix}-outcome": "reached", f"{prefix}-satisfaction": "satisfied",
         f"{prefix}-notes": "客户很满意"},
        headers={"HX-Request": "true"},
    )  # fmt: skip
    assert response.status_code == 200
    assert response["HX-Trigger"] == "callbackRecorded"
    body = response.content.decode()
    assert f'id="task-{task.pk}"' in body
    assert "<form" not in body
    task.refresh_from_db()
    assert (task.status, task.done_by) == ("done", cast.agent)
    progress = client.get("/callbacks/progress/").content.decode()
    assert "1 / 10" in progress


def test_an_invalid_entry_shows_the_errors_in_the_row_and_records_nothing(client, cast, board):
    client.force_login(cast.agent)
    task = board["today"]
    past = (local_today() - timedelta(days=1)).isoformat()
    response = client.post(
        f"/callbacks/{task.pk}/complete/",
        {f"t{task.pk}-outcome": "not_reached", f"t{task.pk}-next_callback_on": past},
        headers={"HX-Request": "true", "Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "The next callback must be after today." in response.content.decode()
    task.refresh_from_db()
    assert (task.status, task.attempts) == ("open", 0)


def test_targets_progress_counts_my_callbacks_and_customers_today(cast, board):
    from kefu.callbacks.services import complete_task

    complete_task(actor=cast.agent, task=board["today"], outcome="reached")
    complete_task(actor=cast.agent, task=board["overdue"], outcome="not_reached")  # an attempt
    complete_task(actor=cast.agent, task=board["later"], outcome="wrong_number", close=True)
    complete_task(actor=cast.supervisor, task=board["unassigned"], outcome="reached")
    mine = progress_of([cast.agent], local_today())[0]
    # board made three customers by the agent today
    assert (mine.callbacks_done, mine.customers_created) == (2, 3)
    assert (mine.target.callbacks, mine.target.new_customers, mine.target.source) == (
        10, 10, "default",
    )  # fmt: skip
    assert (mine.open_count, mine.overdue_count) == (1, 1)
    assert mine.callbacks_percent == 20
    set_target(actor=cast.supervisor, role="agent", callbacks_per_day=4, new_customers_per_day=3)
    mine = progress_of([cast.agent], local_today())[0]
    assert (mine.target.callbacks, mine.target.source, mine.customers_met) == (4, "role", True)
    set_target(actor=cast.supervisor, user=cast.agent, callbacks_per_day=2,
               new_customers_per_day=20)  # fmt: skip
    mine = progress_of([cast.agent], local_today())[0]
    assert (mine.target.source, mine.callbacks_met, mine.customers_met) == ("person", True, False)
    tomorrow = progress_of([cast.agent], local_today() + timedelta(days=1))[0]
    assert (tomorrow.callbacks_done, tomorrow.customers_created) == (0, 0)


def test_only_supervisors_set_targets(client, cast):
    with pytest.raises(NotPermitted):
        set_target(actor=cast.agent, role="agent", callbacks_per_day=1, new_customers_per_day=1)
    with pytest.raises(ValidationFailed):
        set_target(actor=cast.manager, callbacks_per_day=1, new_customers_per_day=1)
    client.force_login(cast.agent)
    assert client.get("/callbacks/targets/").status_code == 403
    client.force_login(cast.supervisor)
    response = client.post(
        "/callbacks/targets/",
        {"user": cast.agent.pk, "role": "", "callbacks_per_day": 12, "new_customers_per_day": 8},
    )
    assert response.status_code == 302
    target = CallbackTarget.objects.get(user=cast.agent)
    assert (target.callbacks_per_day, target.new_customers_per_day) == (12, 8)


def test_the_team_view_shows_each_persons_progress_to_supervisors_only(client, cast, board):
    client.force_login(cast.agent)
    assert client.get("/callbacks/team/").status_code == 403
    client.force_login(cast.supervisor)
    response = client.get("/callbacks/team/")
    assert response.status_code == 200
    rows = {row.user.username: row for row in response.context["rows"]}
    assert (rows["agent"].open_count, rows["agent"].overdue_count) == (3, 1)
    assert rows["agent2"].open_count == 1
    assert "handler" not in rows
    assert "partner" not in rows
    assert response.context["unassigned_due"] == 1


def test_rules_are_edited_in_the_console_by_supervisors(client, cast):
    client.force_login(cast.agent)
    assert client.get("/callbacks/rules/").status_code == 403
    client.force_login(cast.supervisor)
    data = {
        "name": "生日关怀", "kind": "birthday", "is_active": "on", "days": 7,
        "interval_a_days": 30, "interval_b_days": 90, "interval_c_days": 180,
        "weekdays": ["2", "3"], "assignee_strategy": "owner", "daily_limit": 0, "note": "生日祝福",
    }  # fmt: skip
    response = client.post("/callbacks/rules/new/", data)
    assert response.status_code == 302, response.context["form"].errors
    rule = CallbackRule.objects.get(name="生日关怀")
    assert (rule.weekdays, rule.days, rule.updated_by) == ([2, 3], 7, cast.supervisor)
    bad = client.post(
        f"/callbacks/rules/{rule.pk}/",
        {**data, "assignee_strategy": "team", "team": ""},
        headers={"Accept-Language": "en"},
    )
    assert bad.status_code == 200
    assert "Choose the team whose agents take turns." in bad.content.decode()
    rule.refresh_from_db()
    assert rule.assignee_strategy == "owner"
    page = client.get("/callbacks/rules/").content.decode()
    assert "生日关怀" in page


def test_every_callback_page_renders_for_every_role(client, cast, board):
    from kefu.conftest import ROLES

    rule = CallbackRule.objects.create(
        name="沉睡客户", kind="dormant", updated_at=board["today"].created_at
    )
    urls = [
        "/callbacks/",
        "/callbacks/progress/",
        "/callbacks/team/",
        "/callbacks/rules/",
        "/callbacks/rules/new/",
        f"/callbacks/rules/{rule.pk}/",
        "/callbacks/targets/",
    ]
    for role in ROLES:
        user = cast.by_role(role)
        client.force_login(user)
        for url in urls:
            status = client.get(url).status_code
            assert status in (200, 403), (role, url, status)
            if user.has_perm("callbacks.view_all_callbacks"):
                assert status == 200, (role, url)


def test_the_workbench_query_count_does_not_grow_with_tasks(
    client, cast, django_assert_max_num_queries
):
    for n in range(15):
        c = make_customer(cast, f"客户{n}", f"1370000{n:04d}")
        task_for(cast, c, cast.agent, 0)
    client.force_login(cast.agent)
    with django_assert_max_num_queries(25):
        assert client.get("/callbacks/").status_code == 200


def test_a_tickets_work_order_page_still_offers_its_direct_callback(cast, customer):
    ticket = awaiting_callback(cast, customer)
    assert Ticket.objects.get(pk=ticket.pk).state == "pending_callback"

"""Grade rules page (with "recompute now") and the duplicates page with merge."""

from decimal import Decimal

from kefu.audit.models import AuditEntry
from kefu.customers.models import Customer, GradeRule
from kefu.customers.services import create_customer


def login(client, user):
    client.force_login(user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def rules_form(**overrides):
    data = {
        "spend_A": "10000",
        "visits_A": "12",
        "spend_B": "3000",
        "visits_B": "4",
        "spend_C": "0",
        "visits_C": "0",
    }
    data.update(overrides)
    return data


def test_manager_changes_the_rules_and_recomputes_grades(
    client, cast, django_capture_on_commit_callbacks
):
    customer = create_customer(
        actor=cast.admin, data={"name": "张三丰", "spend_12m": "5000", "visits_12m": "5"}
    )
    login(client, cast.manager)
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            "/customers/grade-rules/",
            rules_form(spend_A="4000", visits_A="5", spend_B="1000", visits_B="2"),
        )
    assert response.status_code == 302
    rule = GradeRule.objects.get(grade="A")
    assert rule.min_spend_12m == Decimal("4000")
    assert rule.min_visits_12m == 5
    assert 'value="4000' in client.get("/customers/grade-rules/").content.decode()
    customer.refresh_from_db()
    assert customer.grade == "B"  # the rules apply at the next recompute
    recompute = client.post("/customers/grade-rules/recompute/", follow=True)
    assert "1 customer changed grade" in recompute.content.decode()
    customer.refresh_from_db()
    assert customer.grade == "A"


def test_rules_that_contradict_each_other_are_shown_on_the_form(client, cast):
    login(client, cast.manager)
    response = client.post("/customers/grade-rules/", rules_form(spend_A="100", visits_A="1"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "errorlist" in body
    assert 'value="100"' in body
    assert GradeRule.objects.get(grade="A").min_spend_12m != Decimal("100")


def test_auditor_reads_the_rules_but_cannot_post(client, cast):
    login(client, cast.auditor)
    body = client.get("/customers/grade-rules/").content.decode()
    assert 'data-testid="grade-rules"' in body
    assert 'name="spend_A"' not in body
    assert client.post("/customers/grade-rules/", rules_form()).status_code == 403


def test_duplicates_page_lists_groups_and_merges_with_a_reason(client, cast):
    keep = create_customer(actor=cast.admin, data={"name": "张三丰", "phone": "13812345678"})
    dup = create_customer(actor=cast.admin, data={"name": "张三", "phone": "13812345678"})
    create_customer(actor=cast.admin, data={"name": "李四", "phone": "13900001111"})
    login(client, cast.manager)
    body = client.get("/customers/duplicates/").content.decode()
    assert body.count('data-testid="duplicate-group"') == 1
    assert "张三丰" in body
    assert "李四" not in body
    assert "13812345678" not in body
    assert "138****5678" in body
    refused = client.post(
        "/customers/merge/",
        {"keep": keep.pk, "remove": dup.pk, "reason": "", "back": "duplicates"},
        follow=True,
    )
    assert "Give a reason." in refused.content.decode()
    assert Customer.objects.get(pk=dup.pk).is_active
    same = client.post(
        "/customers/merge/",
        {"keep": keep.pk, "remove": keep.pk, "reason": "x", "back": "duplicates"},
        follow=True,
    )
    assert "Choose two different customers." in same.content.decode()
    done = client.post(
        "/customers/merge/",
        {"keep": keep.pk, "remove": dup.pk, "reason": "同一个人", "back": "duplicates"},
    )
    assert done.status_code == 302
    assert done["Location"] == f"/customers/{keep.pk}/"
    assert Customer.objects.get(pk=dup.pk).merged_into_id == keep.pk
    assert AuditEntry.objects.filter(action="merge", reason="同一个人").exists()
    assert 'data-testid="no-duplicates"' in client.get("/customers/duplicates/").content.decode()


def test_merging_an_unknown_customer_is_not_found(client, cast):
    keep = create_customer(actor=cast.admin, data={"name": "张三丰"})
    response = login(client, cast.manager).post(
        "/customers/merge/", {"keep": keep.pk, "remove": 999999, "reason": "x"}
    )
    assert response.status_code == 404

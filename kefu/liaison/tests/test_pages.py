"""Contact order pages: the inbox per role, the detail page, the addressee's steps, scope."""

from __future__ import annotations

import pytest
from django.utils import translation

from kefu.liaison.models import ContactOrder
from kefu.tickets.models import Ticket

pytestmark = pytest.mark.django_db

LIST = "/contact-orders/"


def _page(client, user, url, **kwargs):
    client.force_login(user)
    return client.get(url, **kwargs)


def test_the_handler_sees_the_order_sent_to_its_department(client, cast, forwarded):
    order = ContactOrder.objects.get()
    response = _page(client, cast.handler, LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert order.number in html
    assert "Sent to my department" in html or "发给本部门" in html
    detail = client.get(f"{LIST}{order.number}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert "138****8000" in text
    assert "13800138000" not in text
    assert 'data-step="start_investigation"' in text
    assert 'data-step="send_back"' in text
    assert text.index('data-step="start_investigation"') < text.index('data-step="send_back"')
    assert 'name="return_reason"' in text
    assert 'data-step="submit_findings"' not in text  # not offered before investigating


def test_a_partner_of_another_company_gets_404_and_an_empty_inbox(client, cast, forwarded):
    order = ContactOrder.objects.get()
    response = _page(client, cast.partner, LIST)
    assert response.status_code == 200
    assert order.number not in response.content.decode()
    assert client.get(f"{LIST}{order.number}/").status_code == 404
    assert client.get(f"{LIST}{order.number}/pdf/").status_code == 404
    assert client.post(f"{LIST}{order.number}/steps/send_back/", {}).status_code == 404
    assert client.get(f"{LIST}opinion-form/{order.ticket.number}.pdf").status_code == 404


def test_the_agent_sees_every_order_but_gets_no_handler_buttons(client, cast, forwarded):
    order = ContactOrder.objects.get()
    assert order.number in _page(client, cast.agent, LIST).content.decode()
    text = client.get(f"{LIST}{order.number}/").content.decode()
    assert "data-step=" not in text
    response = client.post(
        f"{LIST}{order.number}/steps/start_investigation/", {"expected_state": "forwarded"}
    )
    assert response.status_code == 403
    assert ContactOrder.objects.get().status == "sent"


def test_qa_without_the_capability_is_refused_the_inbox(client, cast, forwarded):
    assert _page(client, cast.qa, LIST).status_code == 403


def test_the_handler_answers_through_the_page_and_refusals_show_their_message(
    client, cast, forwarded
):
    order = ContactOrder.objects.get()
    client.force_login(cast.handler)
    url = f"{LIST}{order.number}/steps/"
    response = client.post(f"{url}start_investigation/", {"expected_state": "forwarded"})
    assert response.status_code == 302
    assert ContactOrder.objects.get().status == "acknowledged"
    page = client.get(f"{LIST}{order.number}/").content.decode()
    assert 'data-step="submit_findings"' in page
    assert 'name="cause"' in page
    assert 'name="solution"' in page

    with translation.override("zh-hans"):
        refused = client.post(
            f"{url}submit_findings/",
            {"expected_state": "investigating", "cause": "维修工赶工", "solution": ""},
            headers={"accept-language": "zh-hans"},
        )
    assert refused.status_code == 422
    assert "请填写“解决方案”。" in refused.content.decode()
    assert ContactOrder.objects.get().status == "acknowledged"
    assert Ticket.objects.get(pk=forwarded.pk).state == "investigating"

    done = client.post(
        f"{url}submit_findings/",
        {
            "expected_state": "investigating",
            "cause": "维修工赶工",
            "solution": "<script>x</script>",
        },
    )
    assert done.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.cause, order.solution) == (
        "answered",
        "维修工赶工",
        "<script>x</script>",
    )
    page = client.get(f"{LIST}{order.number}/").content.decode()
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "data-step=" not in page  # answered: nothing left to do here


def test_a_stale_step_is_refused_with_its_message(client, cast, forwarded):
    order = ContactOrder.objects.get()
    client.force_login(cast.handler)
    response = client.post(
        f"{LIST}{order.number}/steps/send_back/",
        {"expected_state": "received", "return_reason": "非本部门"},
    )
    assert response.status_code == 409
    assert 'data-testid="step-error"' in response.content.decode()
    assert ContactOrder.objects.get().status == "sent"


def test_the_open_inbox_lists_by_reply_time_and_marks_overdue(client, cast, forwarded, monkeypatch):
    from datetime import timedelta

    from kefu.liaison.tests.conftest import DUE

    monkeypatch.setattr("kefu.core.clock.now", lambda: DUE + timedelta(hours=1))
    text = _page(client, cast.handler, LIST).content.decode()
    assert 'data-testid="overdue"' in text
    closed = client.get(LIST, {"show": "closed"}).content.decode()
    assert ContactOrder.objects.get().number not in closed


def test_the_work_order_page_shows_the_contact_order_panel(client, cast, forwarded, settings):
    # Independent of whether collectstatic has run since the work order page's assets changed.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    order = ContactOrder.objects.get()
    response = _page(client, cast.handler, f"/work-orders/{forwarded.number}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert 'data-testid="contact-orders-panel"' in text
    assert f"/contact-orders/{order.number}/pdf/" in text
    assert f"/contact-orders/opinion-form/{forwarded.number}.pdf" in text


def test_the_inbox_costs_the_same_queries_for_one_order_or_three(
    client, cast, customer, office, pinned
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kefu.liaison.tests.conftest import forward, open_complaint, step

    def add_order(title):
        ticket = open_complaint(cast, customer, title=title)
        forward(cast, step(cast.agent, ticket, "classify", {"category": "服务态度"}))

    client.force_login(cast.handler)
    add_order("一")
    client.get(LIST)  # warm the session and caches
    with CaptureQueriesContext(connection) as one:
        assert client.get(LIST).status_code == 200
    add_order("二")
    add_order("三")
    with CaptureQueriesContext(connection) as three:
        html = client.get(LIST).content.decode()
    assert html.count("data-number=") == 3
    assert len(three) == len(one)

"""Journey (issue 3): an agent records a phone complaint and forwards it to 工程部 with a work
contact order; the handler answers it; the agent replies and confirms satisfaction; the
complaint waits in 待回访; archiving before the callback is refused with a clear message;
after the callback it archives."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from kefu.liaison.models import ContactOrder
from kefu.tickets.models import Ticket
from kefu.web.tests.test_browser_customers import login

pytestmark = pytest.mark.browser


def take_step(page: Page, code: str, fields: dict[str, str] | None = None) -> None:
    """Open a step's form on the work order page, fill it and confirm it."""
    page.locator(f"[data-step={code}]").first.click()
    form = page.locator(f"[data-step-form={code}]")
    expect(form).to_be_visible()
    for name, value in (fields or {}).items():
        field = form.locator(f"[name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    form.locator("[data-testid=step-submit]").click()


def expect_state(page: Page, code: str, label: str) -> None:
    state = page.locator("[data-testid=state]")
    expect(state).to_have_attribute("data-state", code)
    expect(state).to_have_text(label)


def test_phone_complaint_to_engineering_and_back_to_the_archive(page: Page, live_server, cast):
    base = live_server.url

    # The agent records the phone complaint of a new caller.
    login(page, base, "agent")
    page.goto(f"{base}/work-orders/new/")
    form = page.locator("[data-testid=ticket-form]")
    form.locator("[name=type]").select_option("complaint")
    form.locator("[name=channel]").select_option("phone")
    form.locator("[name=customer_name]").fill("李秀英")
    form.locator("[name=customer_phone]").fill("13912345678")
    form.locator("[name=title]").fill("卫生间天花板漏水")
    form.locator("[data-testid=description]").fill("楼上卫生间渗水，已经三天了。")
    form.locator("[data-testid=create-submit]").click()
    expect(page.locator("[data-testid=ticket-number]")).to_contain_text(re.compile(r"TS\d{8}-"))
    number = page.locator("[data-testid=ticket-number]").inner_text().split()[0]
    expect_state(page, "received", "已受理")
    assert "13912345678" not in page.content()  # the caller's phone shows masked

    take_step(page, "classify", {"category": "产品质量"})
    expect_state(page, "classified", "已分类")
    take_step(
        page,
        "forward",
        {
            "responsible_department": "工程部",
            "requested_action": "核实漏水原因并提出维修方案",
            "reply_due_at": "2026-12-01T12:00",
        },
    )
    expect_state(page, "forwarded", "已转责任部门（待处理）")
    order = ContactOrder.objects.get(ticket__number=number)
    expect(page.locator("[data-testid=contact-orders-panel]")).to_contain_text(order.number)

    # The handler of 工程部 answers the work contact order in Kefu.
    page.context.clear_cookies()
    login(page, base, "handler")
    page.goto(f"{base}/contact-orders/")
    page.get_by_role("link", name=order.number).first.click()
    expect(page.locator("[data-testid=addressed-to]")).to_have_text("工程部")
    page.locator("form[data-form=start_investigation] [data-step=start_investigation]").click()
    answer = page.locator("form[data-form=submit_findings]")
    answer.locator("[name=cause]").fill("楼上防水层破损")
    answer.locator("[name=solution]").fill("重做防水，修复天花板")
    answer.locator("[data-step=submit_findings]").click()
    expect(page.locator("[data-testid=answer-cause]")).to_have_text("楼上防水层破损")

    # The agent replies, and the customer is satisfied: the complaint waits for its callback.
    page.context.clear_cookies()
    login(page, base, "agent")
    page.goto(f"{base}/work-orders/{number}/")
    expect_state(page, "feedback_received", "已反馈")
    take_step(page, "reply", {"reply": "已安排重做防水并修复天花板，给您带来不便深表歉意。"})
    take_step(page, "confirm_satisfied", {"satisfaction": "满意"})
    expect_state(page, "pending_callback", "待回访")
    expect(page.locator("[data-testid=callback-form]")).to_be_visible()

    # Archiving before the callback is refused, clearly, and nothing moves.
    take_step(page, "archive")
    expect(page.locator("[data-testid=refusal]")).to_have_text(
        "回访完成前不能归档：投诉必须先完成回访。"
    )
    assert Ticket.objects.get(number=number).state == "pending_callback"

    # The callback is recorded on the work order; now it archives.
    page.goto(f"{base}/work-orders/{number}/")
    callback = page.locator("[data-testid=callback-form]")
    callback.locator("[name=outcome]").select_option("reached")
    callback.locator("[name=satisfaction]").select_option("very_satisfied")
    callback.locator("[name=notes]").fill("客户表示漏水已解决")
    callback.locator("[data-testid=callback-submit]").click()
    take_step(page, "archive")
    expect_state(page, "archived", "已归档")
    ticket = Ticket.objects.get(number=number)
    assert ticket.closed_at is not None
    kinds = list(ticket.events.values_list("kind", flat=True))
    assert kinds.count("callback") == 1
    order.refresh_from_db()
    assert order.status == "answered"

"""Journey: an agent finds a customer by the last 4 digits and sees a masked phone; a manager
reveals it with a reason and finds the audit row."""

import pytest
from playwright.sync_api import Page, expect

from kefu.conftest import PASSWORD
from kefu.customers.services import create_customer

pytestmark = pytest.mark.browser


def login(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("[data-testid=current-user]")).to_contain_text(username)


def test_agent_finds_masked_customer_and_manager_reveals_with_audit(
    page: Page, live_server, cast
) -> None:
    customer = create_customer(
        actor=cast.admin,
        data={"name": "张三丰", "phone": "13812345678", "email": "zsf@example.com"},
    )
    create_customer(actor=cast.admin, data={"name": "李四", "phone": "13900001111"})
    base = live_server.url

    login(page, base, "agent")
    page.goto(f"{base}/customers/")
    page.fill("[data-search]", "5678")
    page.keyboard.press("Enter")
    link = page.get_by_role("link", name="张三丰")
    expect(link).to_be_visible()
    expect(page.get_by_role("link", name="李四")).to_have_count(0)
    link.click()
    expect(page).to_have_url(f"{base}/customers/{customer.pk}/")
    expect(page.locator("[data-testid=phone]")).to_have_text("138****5678")
    assert "13812345678" not in page.content()
    expect(page.locator("form[action$='/reveal/']")).to_have_count(0)

    page.context.clear_cookies()
    login(page, base, "manager")
    page.goto(f"{base}/customers/{customer.pk}/")
    expect(page.locator("[data-testid=phone]")).to_have_text("138****5678")
    form = page.locator("form[action$='/reveal/']")
    form.locator("textarea[name=reason]").fill("客户来电要求核对预留手机号")
    form.locator("button[type=submit]").click()
    expect(page.get_by_text("13812345678")).to_be_visible()

    page.goto(f"{base}/audit/?action=reveal")
    row = page.locator("[data-testid=audit-table] tbody tr").first
    expect(row).to_contain_text("manager")
    expect(row).to_contain_text("客户来电要求核对预留手机号")
    expect(row).to_contain_text("张三丰")

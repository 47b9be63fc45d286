"""Stored XSS in a real browser (浏览器验证, issue 6 item 3): the pages that show the payload run
no script of it: ``window.__xss`` stays undefined and no dialog opens."""

from __future__ import annotations

import pytest
from playwright.sync_api import Dialog, Page, expect

from kefu.web.demo import DEMO_PASSWORD
from kefu.web.tests.hostile.payloads import SCRIPT
from kefu.web.tests.hostile.world import build_hostile_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_no_script_of_the_payload_runs_on_the_pages_that_show_it(page: Page, live_server, settings):
    world = build_hostile_world(settings)
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    base = live_server.url
    page.goto(f"{base}/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("[data-testid=current-user]")).to_be_visible()
    from kefu.kb.models import Article

    article = Article.objects.filter(title__startswith="<script>").order_by("-pk").first()
    assert article is not None
    paths = [
        f"/customers/{world.customer.pk}/",
        f"/customers/{world.customer.pk}/edit/",
        "/customers/",
        f"/work-orders/{world.ticket.number}/",
        f"/work-orders/{world.ticket.number}/records/",
        "/work-orders/",
        "/contact-orders/",
        f"/knowledge/{article.pk}/",
        "/knowledge/",
        "/work-orders/reply-templates/",
        "/quality/errors/",
        "/callbacks/",
        "/org/",
        "/surveys/templates/",
    ]
    for path in paths:
        page.goto(f"{base}{path}")
        page.wait_for_load_state("load")
        # The payload is on the page, as text.
        assert SCRIPT in page.locator("body").inner_text() or path == "/callbacks/", path
        assert page.evaluate("typeof window.__xss") == "undefined", path
    assert dialogs == []

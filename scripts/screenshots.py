"""Take the README's console screenshots from a running Kefu with demo data.

    .venv/bin/kefu serve --port 8011 &   then   .venv/bin/python scripts/screenshots.py http://127.0.0.1:8011
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "docs" / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(base: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 760})
        page.goto(f"{base}/login/")
        page.fill("input[name=username]", "manager")
        page.fill("input[name=password]", "kefu-demo")
        page.click("button[type=submit]")
        page.wait_for_url(f"{base}/")
        page.goto(f"{base}/customers/")
        page.screenshot(path=str(OUT / "customers.png"))
        page.locator("table a[href^='/customers/']").first.click()
        page.wait_for_selector("[data-testid=phone]")
        page.screenshot(path=str(OUT / "customer-detail.png"))
        page.goto(f"{base}/org/")
        page.screenshot(path=str(OUT / "org.png"))
        page.goto(f"{base}/work-orders/queue/all/")
        page.screenshot(path=str(OUT / "work-orders.png"))
        page.locator("a[href^='/work-orders/TS']").first.click()
        page.wait_for_selector("[data-testid=state]")
        page.screenshot(path=str(OUT / "work-order.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")

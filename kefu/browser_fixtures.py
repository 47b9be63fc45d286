"""Browser fixtures for every app's journeys (``-m browser``): Playwright drives Debian's
Chromium (``playwright install`` cannot download browsers here). Loaded from kefu/conftest.py."""

import os
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # The sync Playwright API runs an event loop; Django must still let the test use the ORM.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "zh-CN", "timezone_id": "Asia/Shanghai"}


@pytest.fixture(autouse=True)
def plain_static_storage(request: pytest.FixtureRequest, settings: Any) -> None:
    """The live server serves static files from the finders, so the templates of browser
    tests must name them unhashed (the manifest storage names hashed copies that only
    collectstatic writes)."""
    if request.node.get_closest_marker("browser") is None:
        return
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }

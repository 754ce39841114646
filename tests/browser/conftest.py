"""Browser journeys in Debian's headless Chromium through Playwright.

Playwright's own browser download does not work on our machines, so the system Chromium is
launched; a missing Chromium is a failure, never a skip.
"""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = "/usr/bin/chromium"

# Sync Playwright keeps an asyncio loop running in the test thread; Django's ORM calls in the
# live server and fixtures are still synchronous, so the async-safety guard is lifted here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    assert shutil.which(CHROMIUM), f"{CHROMIUM} is missing: install Debian's chromium package (see .ci/run)"
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ],
    }


@pytest.fixture
def login(live_server, page):
    def _login(username: str, password: str = "Passw0rd!x"):
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("用户名").fill(username)
        page.get_by_label("密码").fill(password)
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        return page

    return _login

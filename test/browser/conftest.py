"""Browser tests: Playwright drives Debian's headless Chromium (never a downloaded browser).

Without Chromium they are skipped with a note on how to install it, unless
``SMTP_REQUIRE_BROWSER=1`` is set (CI sets it), which turns a missing browser into a failure.
On a failure, screenshots of the inbox and of the last message page are saved in the test's
output folder (pytest-playwright's ``output_path``, under ``test-results/``).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest

CHROMIUM = os.environ.get("SMTP_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
HOW = "install Debian's Chromium (apt-get install chromium) or set SMTP_CHROMIUM to a Chromium binary"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if CHROMIUM is None:
        if os.environ.get("SMTP_REQUIRE_BROWSER") == "1":
            pytest.fail(f"SMTP_REQUIRE_BROWSER=1 but no Chromium was found: {HOW}")
        pytest.skip(f"browser tests need Chromium: {HOW}")
    flags = [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ]
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": flags, "headless": True}


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.stash[_FAILED] = report.failed


_FAILED = pytest.StashKey[bool]()


@pytest.fixture
def screens(request: pytest.FixtureRequest, page: Any, output_path: str) -> Iterator[dict[str, str]]:
    """Where the test records the inbox's URL and the last message page's URL; on a failure
    both are opened and saved as PNG screenshots in the test's output folder."""
    urls: dict[str, str] = {}
    yield urls
    if request.node.stash.get(_FAILED, False):
        os.makedirs(output_path, exist_ok=True)
        for name, url in urls.items():
            try:
                page.goto(url, timeout=5000)
                page.screenshot(path=os.path.join(output_path, f"{name}.png"), full_page=True)
            except Exception as error:  # noqa: BLE001 - a screenshot must not hide the failure
                print(f"screenshot of {url} failed: {error}")

"""Every operation's example in the API pages of ``docs/`` runs against the sandbox and
succeeds: the sandbox is seeded with what the example refers to (its channel, domain, DKIM key,
callback, and the ids it spells ``YOUR_...``), unless the example creates that itself."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest
from support.resource_http import fake_pem

from smtp.sandbox import Sandbox

DOCS = Path(__file__).resolve().parents[2] / "docs"
APIS = (
    "AccountApi",
    "AlertsApi",
    "APIKeysApi",
    "CallbacksApi",
    "ChannelsApi",
    "DKIMsApi",
    "ReportsApi",
    "StatisticsApi",
)
HOST = "host='https://api.smtp.com'"


def examples() -> list[tuple[str, str]]:
    found = []
    for api in APIS:
        page = DOCS / f"{api}.md"
        if not page.exists():
            continue
        for block in re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.S | re.M):
            called = re.search(r"api_instance\.(\w+)\(", block)
            if called and HOST in block:
                found.append((called.group(1), block))
    return found


EXAMPLES = examples()


def seed(sandbox: Sandbox, operation: str) -> None:
    """What the example of ``operation`` expects to exist, unless it creates it."""
    store = sandbox.store
    assert store is not None
    now = 1_700_000_000

    def work(db: object) -> None:
        execute = db.execute  # type: ignore[attr-defined]
        if operation != "v4_channels_post":
            execute("INSERT INTO channels VALUES ('my-channel', 'my-channel-user', 'pw', 10000, ?)", (now,))
        if operation != "v4_domains_post":
            execute("INSERT INTO domains VALUES ('example.com', 1, ?)", (now,))
            if operation != "v4_domains_domain_name_dkim_keys_post":
                execute("INSERT INTO dkim_keys VALUES ('example.com', 'mail2024', ?)", (fake_pem(),))
        if operation != "v4_callbacks_event_post":
            execute(
                "INSERT INTO callbacks VALUES ('my-channel', 'delivered', 'http', 'https://example.com/e', NULL, ?)",
                (now,),
            )
        execute("INSERT INTO alerts VALUES ('YOUR_ALERT_ID', 'monthly_quota', 0.5, ?)", (now,))
        execute("INSERT INTO api_keys VALUES ('THE_API_KEY', 'ci', NULL, 'active', ?)", (now,))
        execute(
            "INSERT INTO reports VALUES ('YOUR_REPORT_ID', 'periodic', ?, 'daily', ?, NULL)",
            ('{"frequency": "daily", "report_time": 6, "events": []}', now),
        )

    store.transaction(work)


def test_every_resource_page_has_examples() -> None:
    assert len({name for name, _ in EXAMPLES}) == 40


@pytest.mark.parametrize(("operation", "code"), EXAMPLES, ids=[name for name, _ in EXAMPLES])
def test_the_example_succeeds_against_the_sandbox(operation: str, code: str) -> None:
    with Sandbox() as sandbox:
        seed(sandbox, operation)
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(compile(code.replace(HOST, f"host={sandbox.url!r}"), f"docs example of {operation}", "exec"), {})  # noqa: S102
    printed = out.getvalue()
    assert f"{operation} failed" not in printed, printed

"""The web inbox in a real headless Chromium: what a developer sees after their app sent mail."""

from __future__ import annotations

import base64
import http.server
import threading
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

import smtp
from smtp.sandbox import Sandbox

pytest.importorskip("playwright")
from playwright.sync_api import Page, expect  # noqa: E402

# a 4x4 red PNG
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8CAB+GTG8HSALfKY52fTcuYAAAAAElFTkSuQmCC"
)
TIMEOUT = 10_000  # ms that an expectation waits


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


@pytest.fixture
def api(sandbox: Sandbox) -> Iterator[smtp.MessagesApi]:
    config = smtp.Configuration(host=sandbox.url, api_key={"apiKey": "browser-test"})
    with smtp.ApiClient(config) as client:
        yield smtp.MessagesApi(client)


def to(address: str, name: str | None = None) -> smtp.V4MessagesRecipientsTo:
    return smtp.V4MessagesRecipientsTo(address=address, name=name)


def send(
    api: smtp.MessagesApi,
    subject: str,
    *,
    html: str | None = None,
    text: str = "plain text body",
    recipients: list[smtp.V4MessagesRecipientsTo] | None = None,
    bcc: list[smtp.V4MessagesRecipientsTo] | None = None,
    attachments: list[smtp.V4MessagesBodyAttachments] | None = None,
    sender: smtp.V4MessagesRecipientsTo | None = None,
    channel: str = "main",
) -> str:
    parts = [smtp.V4MessagesBodyParts(type="text/plain", content=text)]
    if html is not None:
        parts.append(smtp.V4MessagesBodyParts(type="text/html", content=html))
    request = smtp.InlineObject(
        channel=channel,
        recipients=smtp.V4MessagesRecipients(to=recipients or [to("jane@example.com", "Jane")], bcc=bcc),
        originator=smtp.V4MessagesOriginator(_from=sender or to("shop@example.com", "Shop")),
        subject=subject,
        body=smtp.V4MessagesBody(parts=parts, attachments=attachments),
    )
    return str(api.v4_messages_post(request).data.msg_id)


def attachment(filename: str, content: bytes, type: str, **more: Any) -> smtp.V4MessagesBodyAttachments:
    return smtp.V4MessagesBodyAttachments(
        filename=filename, content=base64.b64encode(content).decode(), type=type, **more
    )


class PixelServer(http.server.ThreadingHTTPServer):
    """A stand-in for a remote image host: counts the requests it gets."""

    def __init__(self) -> None:
        self.hits = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(handler) -> None:  # noqa: N805
                self.hits += 1
                handler.send_response(200)
                handler.send_header("Content-Type", "image/png")
                handler.send_header("Content-Length", str(len(PNG)))
                handler.end_headers()
                handler.wfile.write(PNG)

            def log_message(self, *args: Any) -> None:
                pass

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture
def pixel_server() -> Iterator[PixelServer]:
    server = PixelServer()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
    thread.join(5)


def no_dialogs(page: Page) -> list[str]:
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return seen


def test_the_list_updates_live_after_a_send(page: Page, sandbox: Sandbox, api: smtp.MessagesApi, screens: dict) -> None:
    screens["inbox"] = sandbox.inbox_url
    page.goto(sandbox.inbox_url)
    expect(page.locator("tr.empty")).to_be_visible(timeout=TIMEOUT)
    msg_id = send(api, "Your order has shipped", recipients=[to("jane@example.com"), to("bounce@simulator.test")])
    row = page.locator(f'tr[data-id="{msg_id}"]')
    expect(row).to_be_visible(timeout=TIMEOUT)  # no reload: the page polls
    expect(row.locator("td.subject")).to_have_text("Your order has shipped")
    expect(row.locator(".badge.delivered")).to_have_count(1)
    expect(row.locator(".badge.failed")).to_have_count(1)


def test_a_message_with_html_an_inline_image_and_an_attachment(
    page: Page, sandbox: Sandbox, api: smtp.MessagesApi, screens: dict
) -> None:
    pdf = b"%PDF-1.4\n% a small file\n"
    msg_id = send(
        api,
        "Welcome",
        html='<h1 id="greeting">Hello Jane</h1><p><img id="logo" alt="logo" src="cid:logo"></p>',
        attachments=[
            attachment("logo.png", PNG, "image/png", disposition="inline", cid="logo"),
            attachment("terms.pdf", pdf, "application/pdf", disposition="attachment"),
        ],
        bcc=[to("audit@example.com")],
    )
    screens["inbox"] = sandbox.inbox_url
    page.goto(sandbox.inbox_url)
    expect(page.locator(f'tr[data-id="{msg_id}"] .clip')).to_be_visible(timeout=TIMEOUT)
    page.locator(f'tr[data-id="{msg_id}"] td.subject a').click()
    screens["message"] = page.url
    frame = page.frame_locator("iframe.body")
    expect(frame.locator("#greeting")).to_have_text("Hello Jane", timeout=TIMEOUT)
    logo = frame.locator("#logo")
    expect(logo).to_be_visible(timeout=TIMEOUT)
    assert logo.bounding_box() is not None and logo.bounding_box()["width"] == 4  # the 4x4 image loaded
    files = page.locator("ul.attachments li")
    expect(files).to_have_count(2)
    expect(files.filter(has_text="terms.pdf")).to_contain_text("application/pdf")
    expect(files.filter(has_text="terms.pdf")).to_contain_text("B")
    with page.expect_download() as download:
        files.filter(has_text="terms.pdf").locator("a").click()
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == pdf
    expect(page.locator("ul.envelope li").filter(has_text="audit@example.com")).to_contain_text("bcc")
    page.locator("nav.tabs a", has_text="Text").click()
    expect(page.locator("pre.text")).to_have_text("plain text body")
    page.locator("nav.tabs a", has_text="Headers").click()
    expect(page.locator("table.headers")).to_contain_text("Jane <jane@example.com>")
    expect(page.locator("table.headers")).not_to_contain_text("audit@example.com")


XSS = '<img src=x onerror="alert(document.domain)"><script>alert(1)</script>'


def test_hostile_content_never_runs(page: Page, sandbox: Sandbox, api: smtp.MessagesApi, screens: dict) -> None:
    dialogs = no_dialogs(page)
    msg_id = send(
        api,
        f"Subject {XSS}",
        html=f'<p id="p">body</p>{XSS}<form action="/"><button id="go">go</button></form>'
        '<a id="top" href="/" target="_top">top</a>',
        recipients=[to("jane@example.com", f'Jane {XSS}"')],
        attachments=[attachment(f"x{XSS}.txt", b"data", "text/plain", disposition="attachment")],
        sender=to("shop@example.com", f"Shop {XSS}"),
    )
    screens["inbox"] = sandbox.inbox_url
    page.goto(sandbox.inbox_url)
    row = page.locator(f'tr[data-id="{msg_id}"]')
    expect(row.locator("td.subject a")).to_have_text(f"Subject {XSS}", timeout=TIMEOUT)
    page.goto(f"{sandbox.url}/inbox/m/{msg_id}")
    screens["message"] = page.url
    expect(page.locator("h1")).to_have_text(f"Subject {XSS}")
    expect(page.frame_locator("iframe.body").locator("#p")).to_have_text("body", timeout=TIMEOUT)
    page.frame_locator("iframe.body").locator("#go").click()  # the form may not submit...
    page.frame_locator("iframe.body").locator("#top").click()  # ...nor the frame navigate the page
    expect(page).to_have_url(f"{sandbox.url}/inbox/m/{msg_id}")
    page.locator("nav.tabs a", has_text="Headers").click()
    expect(page.locator("table.headers")).to_contain_text(XSS)
    for view in ("text", "raw"):
        page.goto(f"{sandbox.url}/inbox/m/{msg_id}?view={view}")
    expect(page.locator("ul.attachments")).to_contain_text(f"x{XSS}.txt")
    page.goto(f"{sandbox.url}/inbox/m/{msg_id}")
    page.wait_for_timeout(300)  # time for any payload to fire (it must not)
    assert dialogs == []


def test_remote_images_are_blocked_until_asked_for(
    page: Page, sandbox: Sandbox, api: smtp.MessagesApi, pixel_server: PixelServer, screens: dict
) -> None:
    remote = f"http://127.0.0.1:{pixel_server.server_address[1]}/track.png"
    msg_id = send(api, "Newsletter", html=f'<p id="p">news</p><img id="remote" src="{remote}">')
    page.goto(f"{sandbox.url}/inbox/m/{msg_id}")
    screens["message"] = page.url
    expect(page.frame_locator("iframe.body").locator("#p")).to_have_text("news", timeout=TIMEOUT)
    page.wait_for_timeout(300)
    assert pixel_server.hits == 0
    page.locator("input[data-action=remote-images]").check()
    expect(page.frame_locator("iframe.body").locator("#p")).to_have_text("news", timeout=TIMEOUT)
    for _ in range(50):  # bounded: at most 5 s
        if pixel_server.hits:
            break
        page.wait_for_timeout(100)
    assert pixel_server.hits >= 1


def test_the_downloaded_eml_is_what_the_api_stored(page: Page, sandbox: Sandbox, api: smtp.MessagesApi) -> None:
    msg_id = send(api, "Receipt ü", html="<p>total: 10 €</p>")
    page.goto(f"{sandbox.url}/inbox/m/{msg_id}")
    with page.expect_download() as download:
        page.locator("nav.tabs a", has_text="Download .eml").click()
    with open(download.value.path(), "rb") as saved:
        assert saved.read() == sandbox.message(msg_id).raw
    with urllib.request.urlopen(f"{sandbox.url}/sandbox/messages/{msg_id}.eml") as reply:
        assert reply.read() == sandbox.message(msg_id).raw


def test_simulating_a_bounce_shows_in_v4_messages_get(
    page: Page, sandbox: Sandbox, api: smtp.MessagesApi, screens: dict
) -> None:
    msg_id = send(api, "Bounce me", recipients=[to("jane@example.com")])
    page.goto(f"{sandbox.url}/inbox/m/{msg_id}")
    screens["message"] = page.url
    page.locator("section.recipient button[data-event=bounce]").click()
    expect(page.locator("section.recipient .badge")).to_have_text("failed", timeout=TIMEOUT)
    page.locator("section.recipient button[data-event=click]").click()
    expect(page.locator("section.recipient .badge")).to_have_text("clicked", timeout=TIMEOUT)
    items = api.v4_messages_get(start=0, limit=10, offset=0, channel="main", msg_id=msg_id).data.items
    assert [item.details.delivery.event for item in items] == ["failed"]
    assert items[0].details.delivery.code == "550"
    assert len(items[0].clicks.items) == 1 and len(items[0].opens.items) == 1
    failed = api.v4_messages_get(start=0, limit=10, offset=0, channel="main", event="failed").data.items
    assert [item.msg_id for item in failed] == [msg_id]


def test_search(page: Page, sandbox: Sandbox, api: smtp.MessagesApi, screens: dict) -> None:
    invoice = send(api, "Invoice 1001", recipients=[to("ann@example.com")], channel="billing")
    reset = send(api, "Password reset", recipients=[to("bob@example.com")], channel="auth")
    screens["inbox"] = sandbox.inbox_url
    page.goto(sandbox.inbox_url)
    search = page.locator("form.search input[name=q]")
    for query, expected in [
        ("invoice", invoice),
        ("to:bob", reset),
        ("channel:billing", invoice),
        ("from:shop subject:password", reset),
    ]:
        search.fill(query)
        search.press("Enter")
        expect(page.locator("table.messages tbody tr")).to_have_count(1, timeout=TIMEOUT)
        expect(page.locator(f'tr[data-id="{expected}"]')).to_be_visible()
    search.fill("nothing-matches-this")
    search.press("Enter")
    expect(page.locator("tr.empty")).to_be_visible(timeout=TIMEOUT)


def test_with_an_api_key_the_inbox_asks_for_it_once(page: Page, screens: dict) -> None:
    with Sandbox(api_keys=["s3cret-key"]) as sandbox:
        config = smtp.Configuration(host=sandbox.url, api_key={"apiKey": "s3cret-key"})
        with smtp.ApiClient(config) as client:
            msg_id = send(smtp.MessagesApi(client), "Behind a key")
        screens["inbox"] = sandbox.inbox_url
        page.goto(sandbox.inbox_url)
        expect(page.locator("form[data-action=login]")).to_be_visible(timeout=TIMEOUT)
        expect(page.locator("table.messages")).to_have_count(0)
        page.locator("input[name=key]").fill("wrong")
        page.locator("form[data-action=login] button").click()
        expect(page.locator(".error")).to_be_visible(timeout=TIMEOUT)
        page.locator("input[name=key]").fill("s3cret-key")
        page.locator("form[data-action=login] button").click()
        expect(page.locator(f'tr[data-id="{msg_id}"]')).to_be_visible(timeout=TIMEOUT)
        page.goto(f"{sandbox.url}/inbox/m/{msg_id}")  # the cookie keeps the session
        expect(page.locator("h1")).to_have_text("Behind a key")

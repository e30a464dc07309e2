"""The web inbox over raw HTTP: its JSON, its security headers and its refusals."""

from __future__ import annotations

import base64
import http.client
import json
from collections.abc import Iterator
from typing import Any

import pytest

import smtp
from smtp.sandbox import Sandbox

HOSTILE = "<script>alert(1)</script>\"'&"


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as running:
        yield running


def request(
    sandbox: Sandbox, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", sandbox.port, timeout=10)
    try:
        payload = json.dumps(body).encode() if body is not None else None
        connection.request(method, path, body=payload, headers=headers or {})
        reply = connection.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        connection.close()


def send(sandbox: Sandbox, subject: str = "Hello", key: str = "k", **extra: Any) -> str:
    config = smtp.Configuration(host=sandbox.url, api_key={"apiKey": key})
    with smtp.ApiClient(config) as client:
        request = {
            "channel": extra.pop("channel", "main"),
            "recipients": {"to": [{"address": "jane@example.com", "name": HOSTILE}], **extra.pop("recipients", {})},
            "originator": {"from": {"address": "shop@example.com"}},
            "subject": subject,
            "body": {"parts": [{"type": "text/html", "content": "<p>hi <img src='cid:logo'></p>"}], **extra},
        }
        return str(smtp.MessagesApi(client).v4_messages_post(smtp.InlineObject.from_dict(request)).data.msg_id)


SAME_SITE = {"X-Smtp-Inbox": "1", "Content-Type": "application/json"}


def test_the_inbox_page_escapes_every_message_value(sandbox: Sandbox) -> None:
    send(sandbox, subject=f"Hi {HOSTILE}")
    status, headers, body = request(sandbox, "GET", "/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"<script>alert" not in body
    assert b"Hi &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#x27;&amp;" in body
    assert "script-src 'self'" in headers["content-security-policy"]  # no inline script could run anyway


def test_the_json_behind_the_pages(sandbox: Sandbox) -> None:
    msg_id = send(sandbox, recipients={"bcc": [{"address": "bounce@simulator.test"}]})
    status, _, body = request(sandbox, "GET", "/sandbox/inbox")
    page = json.loads(body)["data"]
    assert status == 200 and page["total"] == 1 and page["pages"] == 1
    (listed,) = page["messages"]
    assert listed["msg_id"] == msg_id
    assert [s["status"] for s in listed["statuses"]] == ["delivered", "failed"]
    status, _, body = request(sandbox, "GET", f"/sandbox/inbox/{msg_id}")
    view = json.loads(body)["data"]
    assert [(r["address"], r["kind"]) for r in view["recipients"]] == [
        ("jane@example.com", "to"),
        ("bounce@simulator.test", "bcc"),
    ]
    assert view["has_html"] and view["recipients"][1]["item"]["details"]["delivery"]["code"] == "550"


def test_pages_of_fifty_newest_first_and_search(sandbox: Sandbox) -> None:
    ids = [send(sandbox, subject=f"number {n}", channel="even" if n % 2 == 0 else "odd") for n in range(55)]
    first = json.loads(request(sandbox, "GET", "/sandbox/inbox")[2])["data"]
    assert first["pages"] == 2 and len(first["messages"]) == 50
    assert first["messages"][0]["msg_id"] == ids[-1]
    second = json.loads(request(sandbox, "GET", "/sandbox/inbox?page=2")[2])["data"]
    assert [m["msg_id"] for m in second["messages"]] == ids[4::-1]
    found = json.loads(request(sandbox, "GET", "/sandbox/inbox?q=channel:odd+subject:%22number+1%22")[2])["data"]
    assert sorted(m["subject"] for m in found["messages"]) == ["number 1"] + [f"number {n}" for n in range(11, 20, 2)]
    literal = json.loads(request(sandbox, "GET", "/sandbox/inbox?q=50%25_")[2])["data"]
    assert literal["total"] == 0  # % and _ are not wildcards


def test_state_changes_need_the_same_origin(sandbox: Sandbox) -> None:
    msg_id = send(sandbox)
    simulate = f"/sandbox/inbox/{msg_id}/simulate"
    event = {"rcpt": 0, "event": "open"}
    assert request(sandbox, "POST", simulate, event, {"Content-Type": "application/json"})[0] == 403
    foreign = {**SAME_SITE, "Origin": "http://evil.example"}
    assert request(sandbox, "POST", simulate, event, foreign)[0] == 403
    assert request(sandbox, "DELETE", "/sandbox/inbox", None, {"Origin": "http://evil.example"})[0] == 403
    assert sandbox.messages()  # nothing was deleted
    origin = {**SAME_SITE, "Origin": f"http://127.0.0.1:{sandbox.port}"}
    status, _, body = request(sandbox, "POST", simulate, event, origin)
    assert status == 200 and len(json.loads(body)["data"]["item"]["opens"]["items"]) == 1
    assert request(sandbox, "DELETE", "/sandbox/inbox", None, SAME_SITE)[0] == 200
    assert sandbox.messages() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [({"rcpt": 0, "event": "explode"}, "event"), ({"rcpt": -1, "event": "open"}, "rcpt"), ([], "request")],
)
def test_simulate_names_what_is_wrong(sandbox: Sandbox, body: Any, field: str) -> None:
    msg_id = send(sandbox)
    status, _, reply = request(sandbox, "POST", f"/sandbox/inbox/{msg_id}/simulate", body, SAME_SITE)
    assert status == 400 and field in json.loads(reply)["data"]["errors"]
    status, _, _ = request(
        sandbox, "POST", f"/sandbox/inbox/{msg_id}/simulate", {"rcpt": 5, "event": "open"}, SAME_SITE
    )
    assert status == 404
    assert request(sandbox, "POST", "/sandbox/inbox/nope/simulate", {"rcpt": 0, "event": "open"}, SAME_SITE)[0] == 404


def test_the_html_body_is_served_sandboxed_with_its_own_policy(sandbox: Sandbox) -> None:
    png = base64.b64encode(b"\x89PNG\r\n\x1a\n").decode()
    msg_id = send(sandbox, attachments=[{"type": "image/png", "disposition": "inline", "cid": "logo", "content": png}])
    status, headers, body = request(sandbox, "GET", f"/inbox/m/{msg_id}/body.html")
    policy = headers["content-security-policy"]
    assert status == 200 and "sandbox" in policy and "img-src 'self' data:" in policy and "script-src" not in policy
    assert f"/inbox/m/{msg_id}/cid/logo".encode() in body and b"cid:" not in body
    remote = request(sandbox, "GET", f"/inbox/m/{msg_id}/body.html?remote=1")[1]["content-security-policy"]
    assert "img-src * data:" in remote
    status, headers, _ = request(sandbox, "GET", f"/inbox/m/{msg_id}/cid/logo")
    assert status == 200 and headers["content-type"] == "image/png" and headers["x-content-type-options"] == "nosniff"
    status, headers, _ = request(sandbox, "GET", f"/inbox/m/{msg_id}/part/0")  # the HTML part: a download
    assert status == 200 and headers["content-disposition"].startswith("attachment;")
    assert request(sandbox, "GET", f"/inbox/m/{msg_id}/part/99")[0] == 404
    assert request(sandbox, "GET", "/inbox/m/unknown")[0] == 404
    assert request(sandbox, "GET", "/inbox/static/../server.py")[0] == 404


def test_with_keys_the_inbox_wants_a_session() -> None:
    with Sandbox(api_keys=["the-key"]) as sandbox:
        send(sandbox, key="the-key")
        status, _, body = request(sandbox, "GET", "/")
        assert status == 401 and b'data-action="login"' in body and b"jane@example.com" not in body
        assert request(sandbox, "GET", "/sandbox/inbox")[0] == 401
        assert request(sandbox, "POST", "/sandbox/inbox/login", {"key": "wrong"}, SAME_SITE)[0] == 401
        assert request(sandbox, "POST", "/sandbox/inbox/login", {"key": "the-key"}, {"Content-Type": "x"})[0] == 403
        status, headers, _ = request(sandbox, "POST", "/sandbox/inbox/login", {"key": "the-key"}, SAME_SITE)
        cookie = headers["set-cookie"]
        assert status == 200 and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "the-key" not in cookie
        session = {"Cookie": cookie.split(";", 1)[0]}
        assert request(sandbox, "GET", "/", None, session)[0] == 200
        assert request(sandbox, "GET", "/sandbox/inbox", None, {"Cookie": "smtp_inbox=forged"})[0] == 401
        assert request(sandbox, "GET", "/sandbox/inbox", None, {"X-SMTPCOM-API": "the-key"})[0] == 200

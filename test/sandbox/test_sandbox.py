"""The sandbox's HTTP side: authentication, protocol errors, keep-alive and single-write
replies, the inspection endpoints and the pytest fixture.
"""

from __future__ import annotations

import base64
import json
import socket
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from support.payloads import make_message, make_mime
from support.sandbox import CHANNEL, INVALID_KEY, KEY, Raw, message_payload, mime_payload, sdk_api

import smtp
from smtp.sandbox import Sandbox
from smtp.sandbox.server import _Handler


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    """A sandbox that accepts only ``KEY`` and only the channels ``main`` and ``other``."""
    with Sandbox(api_keys=(KEY,), channels=(CHANNEL, "other")) as sb:
        yield sb


@pytest.fixture
def raw(sandbox: Sandbox) -> Iterator[Raw]:
    client = Raw(sandbox.url)
    yield client
    client.close()


# --------------------------------------------------------------------------------------
# authentication
# --------------------------------------------------------------------------------------
def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


@pytest.mark.parametrize(
    "path, headers",
    [
        ("/v4/messages", {"X-SMTPCOM-API": KEY}),
        (f"/v4/messages?api_key={KEY}", {}),
        ("/v4/messages", {"Authorization": basic("api", KEY)}),
        ("/v4/messages", {"Authorization": basic(KEY, "")}),
        (f"/v4/messages?api_key={KEY}", {"X-SMTPCOM-API": KEY, "Authorization": basic("api", KEY)}),
    ],
    ids=["header", "query", "basic-password", "basic-user", "all-three"],
)
def test_each_auth_scheme_passes(sandbox, path, headers):
    client = Raw(sandbox.url, key=None)
    reply = client.post(path, message_payload(), headers=headers)
    assert reply.status == 200, reply.data
    assert reply.json["status"] == "success"


@pytest.mark.parametrize(
    "path, headers",
    [
        ("/v4/messages", {}),
        ("/v4/messages", {"X-SMTPCOM-API": "wrong"}),
        ("/v4/messages", {"X-SMTPCOM-API": ""}),
        ("/v4/messages?api_key=wrong", {}),
        ("/v4/messages", {"Authorization": basic("api", "wrong")}),
        ("/v4/messages", {"Authorization": "Basic !!!"}),
        ("/v4/messages", {"Authorization": "Bearer " + KEY}),
        ("/v4/messages?api_key=wrong", {"X-SMTPCOM-API": KEY}),
    ],
    ids=[
        "none",
        "wrong-header",
        "empty-header",
        "wrong-query",
        "wrong-basic",
        "broken-basic",
        "bearer",
        "one-of-two-wrong",
    ],
)
def test_bad_or_missing_credentials_get_401_in_the_service_shape(sandbox, path, headers):
    client = Raw(sandbox.url, key=None)
    get_path = path + ("&" if "?" in path else "?") + "start=0&limit=1&offset=0&channel=main"
    for reply in (client.post(path, message_payload(), headers=headers), client.get(get_path, headers=headers)):
        assert reply.status == 401
        assert reply.json == INVALID_KEY
    assert sandbox.messages() == []


def test_without_configured_keys_any_non_empty_credential_passes():
    with Sandbox() as sb:
        client = Raw(sb.url, key=None)
        assert client.post("/v4/messages", message_payload(), headers={"X-SMTPCOM-API": "anything"}).status == 200
        assert client.post("/v4/messages?api_key=x", message_payload()).status == 200
        assert client.post("/v4/messages", message_payload(), headers={"Authorization": basic("u", "p")}).status == 200
        assert client.post("/v4/messages", message_payload()).status == 401
        assert client.post("/v4/messages", message_payload(), headers={"X-SMTPCOM-API": "  "}).status == 401


@pytest.mark.parametrize("scheme", ["apiKey", "apiID", "basicAuth"])
def test_the_sdk_authenticates_with_each_scheme(sandbox, scheme):
    configuration = smtp.Configuration(host=sandbox.url)
    if scheme == "basicAuth":
        configuration.username, configuration.password = "api", KEY
    else:
        configuration.api_key = {scheme: KEY}
    with smtp.ApiClient(configuration) as client:
        reply = smtp.MessagesApi(client).v4_messages_post(make_message())
    assert reply.status == "success"
    assert [m.msg_id for m in sandbox.messages()] == [reply.data.msg_id]


def test_the_sdk_raises_unauthorized_for_a_wrong_key(sandbox):
    api = sdk_api(sandbox.url, key="wrong")
    with pytest.raises(smtp.UnauthorizedException) as caught:
        api.v4_messages_post(make_message())
    assert json.loads(caught.value.body) == INVALID_KEY
    with pytest.raises(smtp.UnauthorizedException):
        api.v4_messages_get(start=0, limit=1, offset=0, channel=CHANNEL)


# --------------------------------------------------------------------------------------
# protocol errors: each a clear JSON error
# --------------------------------------------------------------------------------------
def test_invalid_json_is_a_400(raw):
    for body in (b"{not json", b'{"channel": NaN}', b"\xff\xfe\x00", b"[" * 100000):
        reply = raw.post("/v4/messages", body, headers={"Content-Type": "application/json"})
        assert reply.status == 400, body[:20]
        assert "not valid JSON" in reply.errors["request"]


def test_a_body_that_is_not_an_object_is_a_400(raw):
    reply = raw.post("/v4/messages", [message_payload()])
    assert reply.status == 400
    assert reply.errors == {"request": "the body must be a JSON object, got list"}


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded", "application/jsonx"])
def test_a_wrong_content_type_is_a_415(raw, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    reply = raw.post("/v4/messages", json.dumps(message_payload()).encode(), headers=headers)
    assert reply.status == 415
    assert "application/json" in reply.errors["content_type"]


def test_content_type_parameters_are_accepted(raw):
    reply = raw.post(
        "/v4/messages",
        json.dumps(message_payload()).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
    )
    assert reply.status == 200


def test_an_unknown_path_is_a_404(raw):
    reply = raw.get("/v3/messages")
    assert reply.status == 404
    assert reply.json["status"] == "fail"
    assert "/v3/messages" in reply.errors["path"]


@pytest.mark.parametrize(
    "method, path, allowed",
    [
        ("PUT", "/v4/messages", "GET, POST"),
        ("GET", "/v4/messages/mime", "POST"),
        ("POST", "/sandbox/messages", "DELETE, GET"),
    ],
)
def test_a_wrong_verb_is_a_405_with_allow(raw, method, path, allowed):
    reply = raw.request(method, path, b"{}", headers={"Content-Type": "application/json"})
    assert reply.status == 405
    assert reply.headers["Allow"] == allowed
    assert method in reply.errors["method"]


def test_an_unknown_method_is_a_json_405_with_allow(raw):
    reply = raw.request("BREW", "/v4/messages")
    assert reply.status == 405
    assert reply.headers["Allow"] == "GET, POST"
    assert reply.headers["Content-Type"] == "application/json"
    assert reply.json["status"] == "fail"


def test_a_body_over_the_limit_is_a_413():
    with Sandbox(max_request_bytes=1000) as sb:
        client = Raw(sb.url)
        reply = client.post("/v4/messages", message_payload(subject="x" * 2000))
        assert reply.status == 413
        assert "at most 1000" in reply.errors["request"]
        assert reply.headers["Connection"] == "close"


def _raw_exchange(url: str, head: bytes) -> bytes:
    """Send ``head`` on a fresh socket and read until the server closes it (bounded)."""
    split = urlsplit(url)
    with socket.create_connection((split.hostname, split.port), timeout=5) as sock:
        sock.sendall(head)
        chunks = []
        deadline = time.monotonic() + 5
        while time.monotonic() < deadline:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks.append(chunk)
        return b"".join(chunks)


def test_a_too_large_content_length_is_refused_without_reading_the_body(sandbox):
    # nothing of the announced gigabyte is sent: the answer must come anyway, then the close
    head = (
        f"POST /v4/messages HTTP/1.1\r\nHost: localhost\r\nX-SMTPCOM-API: {KEY}\r\nContent-Type: application/json\r\n"
        "Content-Length: 1000000000\r\n\r\n"
    )
    answer = _raw_exchange(sandbox.url, head.encode())
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"Connection: close" in answer
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["status"] == "fail"


def test_expect_100_continue_with_a_too_large_body_gets_413_before_continue(sandbox):
    head = (
        "POST /v4/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nExpect: 100-continue\r\n"
        "Content-Length: 999999999\r\n\r\n"
    )
    answer = _raw_exchange(sandbox.url, head.encode())
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"100 Continue" not in answer


def test_chunked_bodies_are_refused_with_411(sandbox):
    head = (
        "POST /v4/messages HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
        "2\r\n{}\r\n0\r\n\r\n"
    )
    answer = _raw_exchange(sandbox.url, head.encode())
    assert answer.startswith(b"HTTP/1.1 411 ")


def test_a_malformed_request_line_gets_a_json_400(sandbox):
    answer = _raw_exchange(sandbox.url, b"GARBAGE\r\n\r\n")
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert b"application/json" in answer


# --------------------------------------------------------------------------------------
# keep-alive, one write per reply, TCP_NODELAY
# --------------------------------------------------------------------------------------
def test_keep_alive_serves_many_requests_on_one_connection(sandbox, raw):
    replies = [raw.post("/v4/messages", message_payload()) for _ in range(3)]
    sock = raw.conn.sock
    replies += [
        raw.get("/v4/messages?start=0&limit=10&offset=0&channel=main"),
        raw.get("/nope"),
        raw.post("/v4/messages", {}),
    ]
    assert [r.status for r in replies] == [200, 200, 200, 200, 404, 400]
    assert raw.conn.sock is sock  # never reconnected
    assert len(json.loads(replies[3].data)["data"]["items"]) == 3


def test_every_reply_is_one_write_on_a_nodelay_socket(monkeypatch):
    writes: list[int] = []
    nodelay: list[int] = []
    original_setup = _Handler.setup

    class CountingWriter:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def write(self, data: bytes) -> int:
            writes.append(len(data))
            return self.inner.write(data)

        def flush(self) -> None:
            self.inner.flush()

        def close(self) -> None:
            self.inner.close()

    def setup(self: _Handler) -> None:
        original_setup(self)
        nodelay.append(self.connection.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
        self.wfile = CountingWriter(self.wfile)  # type: ignore[assignment]

    monkeypatch.setattr(_Handler, "setup", setup)
    with Sandbox(api_keys=(KEY,)) as sb:
        client = Raw(sb.url)
        statuses = [
            client.post("/v4/messages", message_payload()).status,
            client.get("/v4/messages?start=0&limit=5&offset=0&channel=main").status,
            client.post("/v4/messages", {}).status,
            client.get("/sandbox/messages").status,
            client.get("/missing").status,
        ]
        client.close()
    assert statuses == [200, 200, 400, 200, 404]
    assert len(writes) == len(statuses)
    assert nodelay and all(nodelay)


# --------------------------------------------------------------------------------------
# inspection endpoints
# --------------------------------------------------------------------------------------
def test_inspection_lists_shows_and_deletes_messages(sandbox, raw):
    first = raw.post("/v4/messages", message_payload(subject="One")).json["data"]["msg_id"]
    second = raw.post("/v4/messages/mime", mime_payload(channel="other")).json["data"]["msg_id"]

    listed = raw.get("/sandbox/messages").json["data"]["messages"]
    assert [m["msg_id"] for m in listed] == [first, second]
    assert listed[0]["recipients"] == ["jane@example.com"]
    assert listed[0]["from"] == "shop@example.com"
    assert listed[0]["subject"] == "One"
    assert listed[1]["source"] == "mime"
    assert listed[0]["size"] == len(sandbox.message(first).raw)
    assert [m["msg_id"] for m in raw.get("/sandbox/messages?channel=other").json["data"]["messages"]] == [second]

    details = raw.get(f"/sandbox/messages/{first}").json["data"]
    assert details["msg_id"] == first
    assert ["Subject", "One"] in details["headers"]
    assert [item["msg_data"]["rcpt_to"] for item in details["items"]] == ["jane@example.com"]

    eml = raw.get(f"/sandbox/messages/{second}.eml")
    assert eml.status == 200
    assert eml.headers["Content-Type"] == "message/rfc822"
    assert eml.data == make_mime().mime.encode()

    assert raw.get("/sandbox/messages/nope.eml").status == 404
    assert raw.get("/sandbox/messages/nope").status == 404

    deleted = raw.request("DELETE", "/sandbox/messages")
    assert deleted.json == {"status": "success", "data": {"deleted": 2}}
    assert raw.get("/sandbox/messages").json["data"]["messages"] == []
    assert sandbox.messages() == []


def test_inspection_needs_the_key_when_keys_are_configured(sandbox):
    client = Raw(sandbox.url, key=None)
    assert client.get("/sandbox/messages").status == 401
    assert client.request("DELETE", "/sandbox/messages").status == 401
    assert client.get(f"/sandbox/messages?api_key={KEY}").status == 200


def test_inspection_is_open_when_no_key_is_configured():
    with Sandbox() as sb:
        client = Raw(sb.url, key=None)
        assert client.get("/sandbox/messages").status == 200
        assert client.post("/v4/messages", message_payload()).status == 401  # the API itself still needs a key


def test_requests_arriving_while_stopping_get_503(sandbox, raw):
    assert raw.post("/v4/messages", message_payload()).status == 200
    assert sandbox._server is not None and sandbox._server.drain(1.0)
    reply = raw.post("/v4/messages", message_payload())
    assert reply.status == 503
    assert reply.headers["Connection"] == "close"
    assert len(sandbox.messages()) == 1


def test_the_request_log_masks_the_api_key(capsys):
    with Sandbox(log=True) as sb:
        Raw(sb.url, key=None).get("/sandbox/messages?api_key=secret-value")
        _raw_exchange(sb.url, b"GARBAGE\r\n\r\n")
    err = capsys.readouterr().err
    assert '"GET /sandbox/messages?api_key=***" 200' in err
    assert "secret-value" not in err
    assert " 400 " in err and "Traceback" not in err


def test_the_sandbox_object(sandbox):
    assert sandbox.url == f"http://127.0.0.1:{sandbox.port}"
    assert sandbox.running
    reply = sdk_api(sandbox.url).v4_messages_post(make_message())
    (stored,) = sandbox.messages()
    assert stored.msg_id == reply.data.msg_id
    assert stored.channel == CHANNEL
    assert stored.mail_from == "shop@example.com"
    assert stored.recipients == ["jane@example.com"]
    assert stored.message["Subject"] == "Hello"
    assert isinstance(stored.raw, bytes)
    assert abs(stored.created - time.time()) < 60
    assert sandbox.message(stored.msg_id).raw == stored.raw
    with pytest.raises(KeyError):
        sandbox.message("missing")
    assert sandbox.messages(channel="other") == []
    assert sandbox.reset() == 1
    assert sandbox.messages() == []


def test_stop_is_idempotent_and_refuses_use_after():
    sb = Sandbox().start()
    url = sb.url
    sb.stop()
    sb.stop()
    assert not sb.running
    with pytest.raises(RuntimeError):
        sb.messages()
    with pytest.raises(smtp.ApiConnectionError):
        sdk_api(url).v4_messages_post(make_message())


# --------------------------------------------------------------------------------------
# the pytest plugin
# --------------------------------------------------------------------------------------
def test_the_fixture_gives_a_configured_client(smtp_sandbox):
    assert smtp_sandbox.url.startswith("http://127.0.0.1:")
    assert smtp_sandbox.configuration.host == smtp_sandbox.url
    assert smtp_sandbox.configuration.api_key == {"apiKey": smtp_sandbox.api_key}
    assert smtp_sandbox.configuration.retries.total == 0
    assert smtp_sandbox.api is smtp_sandbox.messages_api
    assert smtp_sandbox.messages_api.api_client is smtp_sandbox.api_client

    reply = smtp_sandbox.api.v4_messages_post(make_message(channel=smtp_sandbox.channel))
    (stored,) = smtp_sandbox.messages
    assert stored.msg_id == reply.data.msg_id
    assert stored.recipients == ["jane@example.com"]
    assert stored.message.get_content().strip() == "Hi Jane"

    page = smtp_sandbox.api.v4_messages_get(start=0, limit=10, offset=0, channel=smtp_sandbox.channel)
    assert [item.msg_id for item in page.data.items] == [reply.data.msg_id]

    assert smtp_sandbox.reset() == 1
    assert smtp_sandbox.messages == []


def test_the_fixture_sandbox_checks_the_key(smtp_sandbox):
    with pytest.raises(smtp.UnauthorizedException):
        sdk_api(smtp_sandbox.url, key="not-the-key").v4_messages_post(make_message())


# --------------------------------------------------------------------------------------
# docs/sandbox.md
# --------------------------------------------------------------------------------------
def _doc() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / "docs" / "sandbox.md").read_text(encoding="utf-8")


def test_the_docs_list_every_simulated_mailbox():
    from smtp.sandbox import MAILBOXES

    rows = {}
    for line in _doc().splitlines():
        cells = [cell.strip() for cell in line.split("|")]
        if len(cells) > 2 and cells[1].endswith("@simulator.test`"):
            rows[cells[1].strip("`")] = line
    assert set(rows) == {box.address for box in MAILBOXES.values()}
    for box in MAILBOXES.values():
        assert box.code in rows[box.address], box.address


def test_the_docs_examples_run(capsys):
    import re

    blocks = re.findall(r"^```python\n(.*?)^```", _doc(), flags=re.S | re.M)
    assert len(blocks) == 2
    exec(compile(blocks[0], "docs/sandbox.md", "exec"), {})  # noqa: S102 - our own docs
    first, second = capsys.readouterr().out.splitlines()
    assert first.endswith(" 550") and second == "Hello"
    compile(blocks[1], "docs/sandbox.md", "exec")

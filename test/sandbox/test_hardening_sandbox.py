"""The sandbox under hostile input (issue 14, items 10-17), over raw sockets.

Every case must get a 4xx JSON reply that names the field: never a 500, a hang or a dropped
connection. Each socket has a timeout, which is how a hang shows (as a failure, not a wait).
Where the SDK's own validation is involved, the same shared check refuses the input on both sides.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from smtp.models import InlineObject
from smtp.sandbox import Sandbox
from smtp.sandbox.api import SandboxApi
from smtp.sandbox.command import build_arg_parser
from smtp.sandbox.server import SandboxServer
from smtp.sandbox.store import Store
from smtp.validation import (
    MAX_CUSTOM_HEADERS,
    charset_problem,
    custom_headers_problem,
    display_name_problem,
    subject_problem,
    text_problem,
)

KEY = "hardening-key"
TIMEOUT = 15.0  # seconds a reply may take before the case counts as a hang
PNG = "iVBORw0KGgo="


class Reply:
    def __init__(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.status, self.headers, self.body = status, headers, body

    @property
    def json(self) -> Any:
        return json.loads(self.body)

    @property
    def errors(self) -> dict[str, str]:
        return self.json["data"]["errors"]  # type: ignore[no-any-return]

    def __repr__(self) -> str:
        return f"<Reply {self.status} {self.body[:300]!r}>"


def read_reply(sock: socket.socket) -> Reply:
    """One final reply (interim 1xx replies skipped); fails on a closed connection without one."""
    data = b""
    while True:
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                raise AssertionError(f"the connection closed without a reply (got {data[:200]!r})")
            data += chunk
        head, _, data = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if 100 <= status < 200:
            continue
        size = int(headers.get("content-length", "0"))
        while len(data) < size:
            chunk = sock.recv(65536)
            if not chunk:
                break
            data += chunk
        return Reply(status, headers, data[:size])


def address(sb: Sandbox) -> tuple[str, int]:
    return "127.0.0.1", sb.port


def request(
    method: str,
    path: str,
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    host: str = "127.0.0.1",
    key: str | None = KEY,
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {host}", "Connection: close"]
    if key is not None:
        lines.append(f"X-SMTPCOM-API: {key}")
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + (body or b"")


def exchange(sb: Sandbox, data: bytes) -> Reply:
    with socket.create_connection(address(sb), timeout=TIMEOUT) as sock:
        sock.sendall(data)
        return read_reply(sock)


def post(sb: Sandbox, path: str, payload: Any) -> Reply:
    # ensure_ascii keeps a lone surrogate as the JSON escape "\ud800"
    return exchange(sb, request("POST", path, json.dumps(payload).encode()))


def get(sb: Sandbox, path: str, **kwargs: Any) -> Reply:
    return exchange(sb, request("GET", path, **kwargs))


def sdk_refuses(payload: dict[str, Any], field: str) -> None:
    """The SDK's client-side validation (the models, calling the shared checks) names the same field."""
    assert field in InlineObject.from_dict(payload).validate()


def assert_refused(reply: Reply, field: str, status: int = 400) -> None:
    assert reply.status == status, reply
    assert reply.headers["content-type"] == "application/json"
    assert reply.json["status"] == "fail"
    assert field in reply.errors, reply


def message(**changes: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "channel": "main",
        "recipients": {"to": [{"address": "jane@example.com"}]},
        "originator": {"from": {"address": "shop@example.com"}},
        "subject": "Hello",
        "body": {"parts": [{"type": "text/plain", "content": "Hi"}]},
    }
    payload.update(changes)
    return payload


def mime(text: str) -> dict[str, Any]:
    return {
        "channel": "main",
        "recipients": {"to": [{"address": "jane@example.com"}]},
        "originator": {"from": {"address": "shop@example.com"}},
        "mime": text,
    }


def attachment(**fields: Any) -> dict[str, Any]:
    return {"body": {"parts": [{"content": "Hi"}], "attachments": [{"content": PNG, "filename": "a.png", **fields}]}}


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(api_keys=(KEY,)) as sb:
        yield sb


@pytest.fixture
def open_sandbox() -> Iterator[Sandbox]:
    """A sandbox without --api-key: any credential passes, the inspection endpoints are open."""
    with Sandbox() as sb:
        yield sb


# -- 10: inputs the SDK accepted and the sandbox could not build --------------------------------
NON_TEXT_CODECS = ["rot13", "hex", "base64", "zlib", "bz2", "uu", "quopri", "idna", "undefined"]


@pytest.mark.parametrize("charset", NON_TEXT_CODECS)
def test_a_non_text_codec_as_charset_is_refused_on_both_sides(sandbox, charset):
    assert charset_problem(charset) is not None
    payload = message(body={"parts": [{"content": "Hi", "charset": charset}]})
    sdk_refuses(payload, "body.parts[0].charset")
    assert_refused(post(sandbox, "/v4/messages", payload), "body.parts[0].charset")


def test_text_charsets_still_pass(sandbox):
    for charset in ("utf-8", "ISO-8859-1", "us-ascii", "koi8-r"):
        assert charset_problem(charset) is None
        reply = post(sandbox, "/v4/messages", message(body={"parts": [{"content": "Hi", "charset": charset}]}))
        assert reply.status == 200, reply


SEPARATORS = ["\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c"]


@pytest.mark.parametrize("separator", SEPARATORS, ids=[hex(ord(s)) for s in SEPARATORS])
def test_line_separators_in_subject_filename_and_cid_are_refused(sandbox, separator):
    assert subject_problem(f"a{separator}b") is not None
    assert display_name_problem(f"a{separator}b") is not None
    cases = [
        (message(subject=f"Hello{separator}Bcc: x@example.net"), "subject"),
        (message(**attachment(filename=f"a{separator}.png")), "body.attachments[0].filename"),
        (message(**attachment(disposition="inline", cid=f"logo{separator}")), "body.attachments[0].cid"),
    ]
    for payload, field in cases:
        sdk_refuses(payload, field)
        assert_refused(post(sandbox, "/v4/messages", payload), field)


def test_a_subject_may_still_span_lines_with_cr_and_lf(sandbox):
    assert post(sandbox, "/v4/messages", message(subject="two\r\nlines")).status == 200


@pytest.mark.parametrize(
    "payload, field",
    [
        (message(subject="a\ud800b"), "subject"),
        (message(channel="main\udfff"), "channel"),
        (message(**attachment(filename="\ud800.png")), "body.attachments[0].filename"),
        (message(custom_headers={"X-A": "\ud800"}), "custom_headers"),
    ],
    ids=["subject", "channel", "filename", "header"],
)
def test_a_lone_surrogate_is_refused(sandbox, payload, field):
    assert text_problem("\ud800") is not None
    sdk_refuses(payload, field)
    assert_refused(post(sandbox, "/v4/messages", payload), field)


def test_a_message_id_the_email_package_cannot_parse_is_refused(sandbox):
    reply = post(sandbox, "/v4/messages", message(custom_headers={"Message-ID": "<<>>"}))
    assert_refused(reply, "custom_headers")


def test_x_smtpapi_nested_5000_deep_is_refused(sandbox):
    deep = '{"a":' * 5000 + "1" + "}" * 5000
    assert_refused(post(sandbox, "/v4/messages", message(custom_headers={"X-SMTPAPI": deep})), "custom_headers")
    text = f"From: shop@example.com\r\nX-SMTPAPI: {deep}\r\nSubject: x\r\n\r\nbody\r\n"
    assert_refused(post(sandbox, "/v4/messages/mime", mime(text)), "mime")


@pytest.mark.parametrize("header", ["Subject: a", "From: b@example.com", "Message-ID: <x@example.com>"])
def test_a_mime_header_section_with_non_ascii_and_a_repeated_unique_header_is_refused(sandbox, header):
    text = f"From: shop@example.com\r\nSubject: Grüße\r\nMessage-ID: <m@example.com>\r\n{header}\r\n\r\nbody\r\n"
    assert_refused(post(sandbox, "/v4/messages/mime", mime(text)), "mime")


def test_a_group_address_is_stored_and_can_be_read_back(open_sandbox):
    text = "From: shop@example.com\r\nTo: a:b:c;d;\r\nSubject: group\r\n\r\nbody\r\n"
    reply = post(open_sandbox, "/v4/messages/mime", mime(text))
    assert reply.status == 200, reply
    msg_id = reply.json["data"]["msg_id"]
    details = get(open_sandbox, f"/sandbox/messages/{msg_id}")
    assert details.status == 200, details
    assert ["To", "a:b:c;d;"] in details.json["data"]["headers"]
    assert get(open_sandbox, f"/sandbox/messages/{msg_id}.eml").status == 200
    assert get(open_sandbox, "/sandbox/messages").status == 200


GET_QUERY = "/v4/messages?limit=10&offset=0&channel=main&start="


@pytest.mark.parametrize("start", ["%C2%B2", "%EF%BC%91%EF%BC%92", "Sat,%2001%20Jan%2010000%2000:00:00%20+0000"])
def test_a_start_that_is_no_time_is_refused(sandbox, start):
    assert_refused(get(sandbox, GET_QUERY + start), "start")


def test_an_end_in_the_year_10000_is_refused(sandbox):
    assert_refused(get(sandbox, GET_QUERY + "0&end=Sat,%2001%20Jan%2010000%2000:00:00%20+0000"), "end")


@pytest.mark.parametrize("length", ["\xb2", "9" * 5000, "1e3", "-1"])
@pytest.mark.parametrize("expect", [False, True])
def test_a_content_length_that_is_not_ascii_digits_or_absurd_gets_a_400(sandbox, length, expect):
    head = f"POST /v4/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nX-SMTPCOM-API: {KEY}\r\n"
    head += "Content-Type: application/json\r\n" + f"Content-Length: {length}\r\n"
    if expect:
        head += "Expect: 100-continue\r\n"
    with socket.create_connection(address(sandbox), timeout=TIMEOUT) as sock:
        sock.sendall((head + "\r\n").encode("latin-1"))
        reply = read_reply(sock)
    assert_refused(reply, "request")
    assert reply.headers["connection"] == "close"


# -- 11: custom_headers in linear time, with a cap ----------------------------------------------
def test_ten_thousand_custom_headers_are_refused_quickly(sandbox):
    headers = {f"X-H{i}": "v" for i in range(10_000)}
    assert custom_headers_problem(headers) is not None
    sdk_refuses(message(custom_headers=headers), "custom_headers")
    assert_refused(post(sandbox, "/v4/messages", message(custom_headers=headers)), "custom_headers")


def test_the_custom_header_cap_is_shared_and_exact(sandbox):
    at_cap = {f"X-H{i}": "v" for i in range(MAX_CUSTOM_HEADERS)}
    assert custom_headers_problem(at_cap) is None
    assert post(sandbox, "/v4/messages", message(custom_headers=at_cap)).status == 200
    over = {"X-List": ["v"] * (MAX_CUSTOM_HEADERS + 1)}
    assert custom_headers_problem(over) is not None
    assert_refused(post(sandbox, "/v4/messages", message(custom_headers=over)), "custom_headers")


# -- 12: credentials before the body -----------------------------------------------------------
@pytest.mark.parametrize("key", [None, "wrong"])
def test_credentials_are_checked_before_the_body_is_read(sandbox, key):
    # 20 MiB announced and none of it sent: the 401 must come without waiting for the body
    head = request("POST", "/v4/messages", key=key, headers={"Content-Type": "application/json"})
    head = head.replace(b"\r\n\r\n", f"\r\nContent-Length: {20 * 1024 * 1024 - 1}\r\n\r\n".encode())
    with socket.create_connection(address(sandbox), timeout=TIMEOUT) as sock:
        sock.sendall(head)
        reply = read_reply(sock)
    assert reply.status == 401, reply
    assert reply.headers["connection"] == "close"


def test_an_unauthenticated_expect_100_continue_never_gets_a_continue(sandbox):
    head = request("POST", "/v4/messages", key=None, headers={"Expect": "100-continue", "Content-Length": "100"})
    with socket.create_connection(address(sandbox), timeout=TIMEOUT) as sock:
        sock.sendall(head)
        first = sock.recv(65536)
    assert first.startswith(b"HTTP/1.1 401 "), first


def test_an_authenticated_expect_100_continue_gets_a_continue_then_the_answer(sandbox):
    body = json.dumps(message()).encode()
    head = request("POST", "/v4/messages", headers={"Expect": "100-continue"})
    head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n".encode()
    head = head.replace(b"\r\n\r\nContent-Type", b"\r\nContent-Type")
    with socket.create_connection(address(sandbox), timeout=TIMEOUT) as sock:
        sock.sendall(head)
        first = sock.recv(65536)
        assert first.startswith(b"HTTP/1.1 100 "), first
        sock.sendall(body)
        assert read_reply(sock).status == 200


# -- 13: one decoded path for routing and authentication ----------------------------------------
@pytest.mark.parametrize("path", ["/%76%34/messages", "/v4%2Fmessages", "/%76%34/messages/mime"])
def test_a_percent_encoded_api_path_still_needs_a_credential(open_sandbox, path):
    for method in ("GET", "POST"):
        body = b"{}" if method == "POST" else None
        reply = exchange(open_sandbox, request(method, path + "?limit=1&offset=0&channel=c&start=0", body, key=None))
        if reply.status != 405:
            assert reply.status == 401, (method, path, reply)


def test_the_inspection_endpoints_stay_open_without_a_key(open_sandbox):
    assert get(open_sandbox, "/sandbox/messages", key=None).status == 200
    assert get(open_sandbox, "/%73andbox/messages", key=None).status == 200


# -- 14: unknown methods ---------------------------------------------------------------------
@pytest.mark.parametrize("method", ["TRACE", "PROPFIND", "FOO"])
def test_an_unknown_method_gets_405_with_allow(sandbox, method):
    reply = exchange(sandbox, request(method, "/v4/messages"))
    assert_refused(reply, "method", 405)
    assert reply.headers["allow"] == "GET, POST"
    assert exchange(sandbox, request(method, "/nowhere")).status == 404


# -- 15: a POST with no body ------------------------------------------------------------------
@pytest.mark.parametrize(
    "path, fields",
    [
        ("/v4/messages", ["channel", "recipients", "originator"]),
        ("/v4/messages/mime", ["mime", "channel", "recipients", "originator"]),
    ],
)
@pytest.mark.parametrize("framing", ["none", "zero"])
def test_a_post_without_a_body_names_the_required_fields(sandbox, path, fields, framing):
    headers = {"Content-Length": "0"} if framing == "zero" else {}
    reply = exchange(sandbox, request("POST", path, headers=headers))
    assert reply.status == 400, reply
    assert set(fields) <= set(reply.errors), reply


# -- 16: the listen backlog --------------------------------------------------------------------
def test_a_burst_of_connections_is_queued_not_dropped():
    store = Store(None)
    server = SandboxServer(("127.0.0.1", 0), SandboxApi(store))  # listening, not accepting
    sockets = []
    try:
        for _ in range(100):
            sockets.append(socket.create_connection(("127.0.0.1", server.server_port), timeout=3))
    finally:
        for sock in sockets:
            sock.close()
        server.server_close()
        store.close()
    assert len(sockets) == 100


# -- 17: the Host header ------------------------------------------------------------------------
@pytest.mark.parametrize("host", ["rebind.evil.example", "rebind.evil.example:8025", "localhost.evil.example"])
def test_a_foreign_host_header_is_refused(open_sandbox, host):
    assert_refused(get(open_sandbox, "/sandbox/messages", host=host, key=None), "host", 421)
    assert_refused(get(open_sandbox, GET_QUERY + "0", host=host), "host", 421)


def test_the_bound_names_are_accepted(open_sandbox):
    for host in ("localhost", f"localhost:{open_sandbox.port}", "127.0.0.1", f"127.0.0.1:{open_sandbox.port}"):
        assert get(open_sandbox, "/sandbox/messages", host=host).status == 200, host


def test_allow_host_adds_names():
    assert build_arg_parser().parse_args(["--allow-host", "box.test", "--allow-host", "b"]).allow_hosts == [
        "box.test",
        "b",
    ]
    with Sandbox(allow_hosts=["Box.Test"]) as sb:
        assert get(sb, "/sandbox/messages", host=f"box.test:{sb.port}").status == 200
        assert get(sb, "/sandbox/messages", host="other.test").status == 421


def test_a_sandbox_bound_to_every_address_accepts_ip_literals_but_not_names():
    with Sandbox(host="0.0.0.0") as sb:
        assert get(sb, "/sandbox/messages", host="10.1.2.3:8025").status == 200
        assert get(sb, "/sandbox/messages", host="rebind.evil.example").status == 421

"""The SDK against a hostile or careless server and a careless caller (issue 14, SDK items 1-7, 9).

Each test talks to ``misbehaving.MisbehavingServer`` on 127.0.0.1. Durations are chosen so
that a client without the fix gets a different answer (a late success, a 1xx taken for the
answer, a leaked key, a RecursionError), never so that a clock decides.
"""

from __future__ import annotations

import ast
import datetime
import pathlib
import traceback
import tracemalloc
from typing import Any

import pytest
import urllib3
from support.servers import (
    MisbehavingServer,
    echo_credentials,
    gzip_bomb,
    header_trickle,
    interim,
    messages_api,
    nested,
    read_page,
    reply,
)

import smtp
from smtp import cli
from smtp._time import TimeProblem, parse_time, to_epoch
from smtp.paging import to_epoch as paging_to_epoch

KEY = "sk-live-0123456789abcdef"
PASSWORD = "hunter2-very-secret"
SHORT = (0.5, 1.0)  # a try's deadline: 1.5 s


@pytest.fixture
def server():
    srv = MisbehavingServer()
    try:
        yield srv
    finally:
        srv.close()


def send(api: smtp.MessagesApi, subject: str = "hello", **kwargs):
    body = smtp.InlineObject(
        channel="main",
        recipients=smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(address="to@example.com")]),
        originator=smtp.V4MessagesOriginator(_from=smtp.V4MessagesRecipientsTo(address="from@example.com")),
        subject=subject,
        body=smtp.V4MessagesBody(parts=[smtp.V4MessagesBodyParts(type="text/plain", content="hi")]),
    )
    return api.v4_messages_post(inline_object=body, **kwargs)


# -- 1. the deadline covers the status line, the headers and interim replies ----------------
@pytest.mark.parametrize("call", ["read", "send"])
def test_headers_trickled_one_line_at_a_time_end_at_the_deadline(server, call):
    # 10 lines, 0.3 s apart: the whole answer would arrive after 3 s; each try may take 1.5 s
    server.plan(header_trickle(lines=10, interval=0.3))
    with messages_api(server.url, timeout=SHORT) as api, pytest.raises(smtp.ApiTimeoutError) as caught:
        read_page(api) if call == "read" else send(api)
    assert caught.value.maybe_accepted is (call == "send")
    assert server.count == 1


def test_repeated_100_continue_ends_at_the_deadline(server):
    server.plan(interim(100, count=10, interval=0.3))
    with messages_api(server.url, timeout=SHORT) as api, pytest.raises(smtp.ApiTimeoutError):
        send(api)
    assert server.count == 1


def test_the_deadline_is_a_total_timeout_too(server):
    server.plan(header_trickle(lines=10, interval=0.3))
    with messages_api(server.url, timeout=urllib3.Timeout(total=1.5)) as api, pytest.raises(smtp.ApiTimeoutError):
        read_page(api)


def test_a_pooled_connection_keeps_its_usual_timeout_after_a_deadline(server):
    # the socket timeout is lowered to what is left of the deadline for each read, then restored:
    # the next request on the same connection, slower than that remainder, still succeeds
    server.plan(reply(200, {"status": "success", "data": {"items": []}}))
    with messages_api(server.url, timeout=(1.0, 2.0)) as api:
        read_page(api)
        server.plan(header_trickle(lines=3, interval=0.2, body={"status": "success", "data": {"items": []}}))
        assert read_page(api).data.items == []
    assert server.connections == 1


# -- 2. interim replies are skipped ------------------------------------------------------------
@pytest.mark.parametrize("status", [100, 102, 103])
def test_an_interim_reply_is_never_taken_for_the_answer(server, status):
    server.plan(interim(status, count=2))
    with messages_api(server.url, timeout=SHORT) as api:
        assert send(api, subject="the-real-answer").data.msg_id == "the-real-answer"
        assert read_page(api, msg_id="read-answer").data.items[0].msg_id == "read-answer"
    assert server.count == 2


def test_endless_interim_replies_end_at_the_deadline(server):
    server.plan(interim(103, count=200, interval=0.05))
    with messages_api(server.url, timeout=(0.5, 5.0)) as api, pytest.raises(smtp.ApiException) as caught:
        send(api)
    assert caught.value.maybe_accepted and caught.value.status != 103


# -- 3. echoed credentials are redacted in every error made from the reply ------------------
def _everything_shown(error: BaseException) -> str:
    shown = [str(error), repr(error), "".join(traceback.format_exception(error))]
    for name in ("body", "reason", "errors", "headers", "problem"):
        shown.append(repr(getattr(error, name, None)))
    return "\n".join(shown)


@pytest.mark.parametrize("status", [400, 401, 403, 500])
def test_an_echoed_api_key_is_redacted(server, status):
    server.plan(echo_credentials(status))
    with messages_api(server.url, api_key={"apiKey": KEY, "apiID": KEY + "-query"}) as api:
        with pytest.raises(smtp.ApiException) as caught:
            send(api)
    assert server.last.header("X-SMTPCOM-API") == KEY  # it was sent, and echoed
    shown = _everything_shown(caught.value)
    assert KEY not in shown and "***" in shown
    assert "Invalid credentials" in caught.value.body


def test_echoed_basic_auth_credentials_are_redacted(server):
    server.plan(echo_credentials(401))
    with messages_api(server.url, api_key={}, username="someone@example.com", password=PASSWORD) as api:
        with pytest.raises(smtp.UnauthorizedException) as caught:
            read_page(api)
    shown = _everything_shown(caught.value)
    assert PASSWORD not in shown
    assert server.last.header("Authorization").partition(" ")[2] not in shown


def test_an_echoed_key_in_a_2xx_that_is_not_json_is_redacted(server):
    server.plan(reply(200, f"<html>proxy says: bad key {KEY}</html>".encode(), {"Content-Type": "text/html"}))
    with (
        messages_api(server.url, api_key={"apiKey": KEY}) as api,
        pytest.raises(smtp.UnexpectedResponseError) as caught,
    ):
        send(api)
    assert KEY not in _everything_shown(caught.value)


def test_the_cli_never_prints_an_echoed_key(server, capsys):
    server.plan(echo_credentials(401))
    code = cli.main(["messages", "--channel", "main", "--api-key", KEY, "--host", server.url])
    err = capsys.readouterr().err
    assert code == 1 and "401" in err and KEY not in err and "Traceback" not in err


# -- 4. deeply nested error bodies ---------------------------------------------------------------
@pytest.mark.parametrize("opener", ["[", "{"])
def test_a_deeply_nested_error_body_never_raises_recursion_error(server, opener, capsys):
    server.plan(nested(400, 200000, opener))
    with messages_api(server.url) as api, pytest.raises(smtp.BadRequestException) as caught:
        send(api)
    assert caught.value.errors == {}
    assert "HTTP response body" in str(caught.value)
    server.plan(nested(400, 200000, opener), nested(500, 200000, opener))
    for _ in range(2):
        code = cli.main(["messages", "--channel", "main", "--api-key", KEY, "--host", server.url])
        err = capsys.readouterr().err
        assert code == 1 and "Traceback" not in err and "RecursionError" not in err


def test_a_shallow_error_body_is_still_read(server):
    server.plan(reply(400, {"status": "fail", "data": {"errors": {"subject": "is too long"}}}))
    with messages_api(server.url) as api, pytest.raises(smtp.BadRequestException) as caught:
        send(api)
    assert caught.value.errors == {"subject": "is too long"}


# -- 5. the decoded size of a reply is capped --------------------------------------------------
def test_a_gzip_bomb_is_refused_without_inflating_it(server):
    server.plan(gzip_bomb(256 << 20))  # 256 MiB once inflated, about 256 KB on the wire
    tracemalloc.start()
    try:
        with messages_api(server.url, max_response_bytes=1 << 20) as api:
            with pytest.raises(smtp.UnexpectedResponseError, match="max_response_bytes") as caught:
                send(api)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 32 << 20
    assert caught.value.status == 200 and "do not send it again" in str(caught.value)
    assert server.count == 1  # a send is not repeated


def test_the_default_cap_refuses_a_bomb_too(server):
    server.plan(gzip_bomb(96 << 20))
    with messages_api(server.url) as api, pytest.raises(smtp.UnexpectedResponseError, match="67108864 bytes"):
        read_page(api)


def test_a_declared_length_over_the_cap_is_refused_before_reading(server):
    server.plan(reply(200, {"status": "success", "data": {"items": []}, "padding": "x" * 5000}))
    with messages_api(server.url, max_response_bytes=1000) as api, pytest.raises(smtp.UnexpectedResponseError):
        read_page(api)


@pytest.mark.parametrize("cap", [-1, "64M", 1.5])
def test_a_cap_that_is_no_size_is_an_api_value_error(server, cap):
    with messages_api(server.url, max_response_bytes=cap) as api:
        with pytest.raises(smtp.ApiValueError, match="max_response_bytes"):
            read_page(api)
    assert server.count == 0


def test_a_gzip_reply_within_the_cap_is_decoded(server):
    import gzip
    import json

    data = gzip.compress(json.dumps({"status": "success", "data": {"msg_id": "zipped"}}).encode())
    deflated = __import__("zlib").compress(json.dumps({"status": "success", "data": {"msg_id": "deflated"}}).encode())
    server.plan(
        reply(200, data, {"Content-Type": "application/json", "Content-Encoding": "gzip"}),
        reply(200, deflated, {"Content-Type": "application/json", "Content-Encoding": "deflate"}),
    )
    with messages_api(server.url) as api:
        assert send(api).data.msg_id == "zipped"
        assert send(api).data.msg_id == "deflated"


def test_an_error_reply_over_the_cap_keeps_its_status(server):
    server.plan(gzip_bomb(8 << 20, status=503))
    with messages_api(server.url, max_response_bytes=1 << 20) as api, pytest.raises(smtp.ServiceException) as caught:
        send(api)
    assert caught.value.maybe_accepted and len(caught.value.body or "") <= 1 << 16


# -- 6. non-SDK exceptions never escape ---------------------------------------------------------
@pytest.mark.parametrize("value", [float("nan"), float("inf"), -float("inf"), 1e300, 10**400])
def test_non_finite_and_huge_times_are_api_value_errors(server, value):
    with messages_api(server.url) as api, pytest.raises(smtp.ApiValueError, match="start") as caught:
        api.v4_messages_get(value, 10, 0, "main")
    assert "start" in caught.value.errors
    with smtp.Client(api_key=KEY, host=server.url, channel="main") as client:
        with pytest.raises(smtp.ApiValueError, match="start"):
            list(client.messages(start=value))
    assert server.count == 0


@pytest.mark.parametrize("text", ["²", "٣", "9" * 400, "9" * 400 + "s", "Fri, 20 Nov 10000 10:00:00 +0000", "²h"])
def test_time_text_that_is_no_time_is_refused_by_every_reader(server, text):
    with pytest.raises(smtp.ApiValueError, match="start"):
        paging_to_epoch(text, "start")
    with pytest.raises(TimeProblem):
        to_epoch(text, loose=True)
    assert parse_time(text)[0] is None
    with smtp.Client(api_key=KEY, host=server.url, channel="main") as client:
        with pytest.raises(smtp.ApiValueError, match="start"):
            list(client.messages(start=text))
    assert server.count == 0


@pytest.mark.parametrize("since", ["²", "9" * 400 + "s", "9" * 400])
def test_cli_since_that_is_no_time_exits_2(server, since, capsys):
    code = cli.main(["messages", "--channel", "main", "--since", since, "--api-key", KEY, "--host", server.url])
    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert err.startswith("smtp: error: start:")  # the time it could not read, named
    assert server.count == 0


@pytest.mark.parametrize("timeout", [1e30, (1e30, 1), (1, 1e30), urllib3.Timeout(total=1e30), float("inf")])
def test_absurd_timeouts_are_api_value_errors_naming_the_setting(server, timeout):
    with messages_api(server.url) as api, pytest.raises(smtp.ApiValueError, match="_request_timeout"):
        read_page(api, _request_timeout=timeout)
    with pytest.raises(smtp.ApiValueError, match="Configuration.timeout"):
        smtp.Configuration(host=server.url, timeout=timeout)
    config = smtp.Configuration(host=server.url)
    with pytest.raises(smtp.ApiValueError, match="Configuration.timeout"):
        config.timeout = timeout
    assert server.count == 0


def test_cli_timeout_of_1e30_exits_2(server, capsys):
    code = cli.main(["messages", "--channel", "main", "--timeout", "1e30", "--api-key", KEY, "--host", server.url])
    err = capsys.readouterr().err
    assert code == 2 and "timeout" in err and "Traceback" not in err


@pytest.mark.parametrize("proxy", ["proxy.local:3128", " ", "socks9://proxy.local:1", "http://", "http://[::1"])
def test_a_bad_proxy_is_an_api_value_error_when_the_client_is_built(proxy):
    config = smtp.Configuration(host="http://127.0.0.1:9")
    config.proxy = proxy
    with pytest.raises(smtp.ApiValueError, match="Configuration.proxy"):
        smtp.ApiClient(config)


def test_a_bad_proxy_url_is_shown_without_its_password():
    config = smtp.Configuration(host="http://127.0.0.1:9")
    config.proxy = f"ftp://user:{PASSWORD}@proxy.local:21"
    with pytest.raises(smtp.ApiValueError) as caught:
        smtp.ApiClient(config)
    assert PASSWORD not in str(caught.value)


@pytest.mark.parametrize("field", ["password", "username"])
def test_a_lone_surrogate_in_basic_credentials_is_an_api_value_error(server, field):
    settings = {"username": "someone", "password": PASSWORD, field: "abc\ud800def"}
    with messages_api(server.url, api_key={}, **settings) as api, pytest.raises(smtp.ApiValueError, match=field):
        read_page(api)
    assert server.count == 0


def test_attachment_paths_that_cannot_be_read_are_api_value_errors(tmp_path):
    from smtp.mail import attachment, build_message

    for path in (tmp_path / "missing.pdf", tmp_path, str(tmp_path / "a\0b")):
        with pytest.raises(smtp.ApiValueError, match="attachments"):
            attachment(path)
        with pytest.raises(smtp.ApiValueError, match=r"attachments\[0\]"):
            build_message("main", "from@example.com", "to@example.com", "s", "t", attachments=[path])


# -- 7. a timeout with a None part ----------------------------------------------------------------
@pytest.mark.parametrize(
    "timeout", [urllib3.Timeout(connect=1, read=None), urllib3.Timeout(connect=None, read=1), (1, None), (None, 1)]
)
def test_a_timeout_part_of_none_is_refused(server, timeout):
    with messages_api(server.url) as api, pytest.raises(smtp.ApiValueError, match="_request_timeout"):
        read_page(api, _request_timeout=timeout)
    with pytest.raises(smtp.ApiValueError, match="Configuration.timeout"):
        smtp.Configuration(timeout=timeout)
    assert server.count == 0


def test_a_total_bounds_the_parts_it_leaves_open(server):
    with messages_api(server.url, timeout=urllib3.Timeout(total=2, read=None)) as api:
        assert read_page(api, msg_id="ok").data.items[0].msg_id == "ok"


# -- 9. reprs never show a credential ---------------------------------------------------------------
def test_reprs_hide_userinfo_in_the_host_and_a_key_given_as_username():
    config = smtp.Configuration(host=f"http://user:{PASSWORD}@127.0.0.1:9", username=KEY, password=PASSWORD)
    with smtp.ApiClient(config) as api_client:
        shown = repr(config) + repr(api_client)
    with smtp.Client(api_key=KEY, host=f"http://user:{PASSWORD}@127.0.0.1:9") as client:
        shown += repr(client)
    assert PASSWORD not in shown and KEY not in shown and "127.0.0.1:9" in shown


# -- the bottom layer ----------------------------------------------------------------------------
def test_exceptions_no_longer_import_retry():
    source = pathlib.Path(smtp.exceptions.__file__).read_text()
    imported = {node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom) and node.module}
    assert "smtp.retry" not in imported


def test_retry_after_reads_seconds_and_http_dates_in_one_place():
    from smtp._http import parse_retry_after

    now = datetime.datetime(2015, 10, 21, 7, 28, tzinfo=datetime.timezone.utc).timestamp()
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:30 GMT", now=now) == 30.0
    assert parse_retry_after("²") is None and parse_retry_after("9" * 400) is None
    assert smtp.retry.parse_retry_after is parse_retry_after


def test_the_naive_datetime_message_is_written_once():
    from smtp import _time

    root = pathlib.Path(_time.__file__).parent
    copies = [p for p in root.rglob("*.py") if "a naive datetime is ambiguous" in p.read_text()]
    assert copies == [root / "_time.py"]


def echo_request(status: int = 400) -> Any:
    """A 400 that repeats the request's whole path and query in its text and its field errors."""

    def act(ex: Any) -> bool:
        target = ex.request.path + "?" + "&".join(f"{k}={v}" for k, vs in ex.request.query.items() for v in vs)
        from urllib.parse import unquote

        shown = unquote(target)
        body = {"status": "fail", "data": {"errors": {"request": f"cannot do {shown}"}}}
        return reply(status, body, {"X-Echo": unquote(ex.request.path)[:200]})(ex)

    return act


@pytest.mark.parametrize(
    "call, secret",
    [
        (lambda c: smtp.ChannelsApi(c).v4_channels_post("news", "user", "S3cret-smtp-pass", 10), "S3cret-smtp-pass"),
        (
            lambda c: smtp.DKIMsApi(c).v4_domains_domain_name_dkim_keys_post("example.com", "s1", PEM_KEY),
            "MIIBOgIBAAJBAK",
        ),
        (lambda c: smtp.APIKeysApi(c).get_api_key("0123456789abcdef-key"), "0123456789abcdef-key"),
    ],
    ids=["smtp_password", "private_key", "api_key in the path"],
)
def test_other_secrets_the_server_echoes_are_redacted(call: Any, secret: str) -> None:
    with MisbehavingServer() as server:
        server.plan(echo_request())
        config = smtp.Configuration(host=server.url, api_key={"apiKey": "the-api-key"})
        config.retries = 0
        with smtp.ApiClient(config) as client, pytest.raises(smtp.ApiException) as caught:
            call(client)
    error = caught.value
    shown = str(error) + repr(error.body) + repr(error.errors) + repr(dict(error.headers or {}))
    assert secret not in shown
    assert "***" in shown


PEM_KEY = (
    "-----BEGIN RSA PRIVATE KEY-----\n"
    "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu\n"
    "-----END RSA PRIVATE KEY-----"
)

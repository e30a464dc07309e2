"""Retries: what is tried again, how often, and after how long; never a send twice.

Each rule is proven by the number of requests the misbehaving server read. Waits are recorded
through the transport's ``sleep`` seam instead of being slept, so no test waits for a backoff.
"""

from __future__ import annotations

import random
import socket
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import pytest
import urllib3
from support.payloads import make_message, make_mime
from support.servers import (
    Blackhole,
    MisbehavingServer,
    hang_up,
    messages_api,
    read_page,
    refused_url,
    reply,
    reset,
    retry_after,
    stall,
    trickle,
    truncated,
)

import smtp
from smtp.rest import RESTClientObject, _never_sent
from smtp.retry import MAYBE_SENT, NEVER_SENT, RetryPolicy, parse_retry_after

SHORT = (1.0, 0.3)  # connect, read: a stalled reply fails fast

SENDS = {
    "v4_messages_post": lambda api: api.v4_messages_post(make_message()),
    "v4_messages_mime_post": lambda api: api.v4_messages_mime_post(make_mime()),
}


def record_waits(api: smtp.MessagesApi) -> list[float]:
    """Make the client record its waits between tries instead of sleeping."""
    waits: list[float] = []
    api.api_client.rest_client.sleep = waits.append
    return waits


def http_date(seconds_from_now: float) -> str:
    return format_datetime(datetime.now(timezone.utc) + timedelta(seconds=seconds_from_now), usegmt=True)


# -- reads (GET) ------------------------------------------------------------------------------
READ_RETRIED = {
    "reset": reset,
    "hang up": hang_up,
    "read timeout": stall,
    "cut-off body": truncated,
    "429": lambda: reply(429),
    "502": lambda: reply(502),
    "503": lambda: reply(503),
    "504": lambda: reply(504),
}


@pytest.mark.parametrize("case", sorted(READ_RETRIED))
def test_a_read_is_retried_on_connection_errors_timeouts_and_busy_statuses(case):
    with MisbehavingServer() as server, messages_api(server.url, retries=2, timeout=SHORT) as api:
        server.plan(READ_RETRIED[case](), READ_RETRIED[case]())
        page = read_page(api, msg_id="wanted")
        assert server.count == 3
    assert page.data.items[0].msg_id == "wanted"


@pytest.mark.parametrize("status", [500, 400, 401, 403, 404])
def test_a_read_is_not_retried_on_other_statuses(status):
    with MisbehavingServer() as server, messages_api(server.url, retries=3) as api:
        server.plan(reply(status))
        with pytest.raises(smtp.ApiException) as caught:
            read_page(api)
        assert server.count == 1
    assert caught.value.status == status


def test_a_read_gives_up_after_the_policys_total_and_says_how_many_tries():
    with MisbehavingServer() as server, messages_api(server.url, retries=2) as api:
        server.plan(reply(503), reply(503), reply(503), reply(503))
        with pytest.raises(smtp.ServiceException) as caught:
            read_page(api)
        assert server.count == 3
    assert caught.value.attempts == 3
    assert "Tried 3 times" in str(caught.value)
    assert caught.value.maybe_accepted is False


# -- sends (POST): never twice ---------------------------------------------------------------
@pytest.mark.parametrize("op", sorted(SENDS))
@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_a_send_that_got_a_5xx_is_never_resent(op, status):
    with MisbehavingServer() as server, messages_api(server.url, retries=5) as api:
        server.plan(reply(status), reply(status))
        with pytest.raises(smtp.ServiceException) as caught:
            SENDS[op](api)
        assert server.count == 1
    assert caught.value.maybe_accepted is True
    assert "may or may not have been accepted" in str(caught.value)


BROKEN_AFTER_WRITE = {
    "reset": reset,
    "hang up": hang_up,
    "read timeout": stall,
    "cut-off body": truncated,
    "slow body": trickle,
}


@pytest.mark.parametrize("op", sorted(SENDS))
@pytest.mark.parametrize("case", sorted(BROKEN_AFTER_WRITE))
def test_a_send_whose_connection_broke_after_the_request_was_written_is_never_resent(op, case):
    with MisbehavingServer() as server, messages_api(server.url, retries=5, timeout=SHORT) as api:
        server.plan(BROKEN_AFTER_WRITE[case](), BROKEN_AFTER_WRITE[case]())
        with pytest.raises(smtp.ApiException) as caught:
            SENDS[op](api)
        assert server.count == 1
    assert caught.value.note, "the error must say what became of the message"
    assert "accepted" in str(caught.value)


@pytest.mark.parametrize("op", sorted(SENDS))
def test_a_send_is_retried_on_429_and_arrives_once(op):
    with MisbehavingServer() as server, messages_api(server.url, retries=2) as api:
        server.plan(retry_after("0"), reply(429))
        reply_ = SENDS[op](api)
        assert server.count == 3
    assert reply_.status == "success"


@pytest.mark.parametrize("op", sorted(SENDS))
def test_a_send_that_was_refused_is_retried_and_arrives_exactly_once(op):
    server = MisbehavingServer(start=False)  # bound but not listening: connections are refused
    try:
        with messages_api(server.url, retries=2) as api:
            api.api_client.rest_client.sleep = lambda seconds: server.start()
            reply_ = SENDS[op](api)
            assert server.count == 1
        assert reply_.status == "success"
    finally:
        server.close()


def test_a_send_to_a_refusing_port_is_tried_total_plus_one_times():
    with messages_api(refused_url(), retries=2) as api:
        waits = record_waits(api)
        with pytest.raises(smtp.ApiConnectionError) as caught:
            api.v4_messages_post(make_message())
    assert caught.value.attempts == 3 and len(waits) == 2
    assert caught.value.sent is False and caught.value.maybe_accepted is False
    assert "may or may not" not in str(caught.value)


def test_a_send_whose_connect_timed_out_is_retried():
    with Blackhole() as hole, messages_api(hole.url, retries=1, timeout=(0.2, 1.0)) as api:
        with pytest.raises(smtp.ApiTimeoutError) as caught:
            api.v4_messages_post(make_message())
    assert caught.value.attempts == 2
    assert caught.value.sent is False


def dns_failure() -> Exception:
    """The error urllib3 raises when a host name does not resolve."""
    cls = getattr(urllib3.exceptions, "NameResolutionError", None)
    if cls is None:  # urllib3 1.26 raises a NewConnectionError
        return urllib3.exceptions.NewConnectionError(None, "Name or service not known")
    return cls("nowhere.invalid", None, socket.gaierror(-2, "Name or service not known"))


def test_dns_and_connect_failures_count_as_never_sent_and_everything_else_as_maybe_sent():
    never = [
        dns_failure(),
        urllib3.exceptions.NewConnectionError(None, "refused"),
        urllib3.exceptions.ConnectTimeoutError(None, "connect timed out"),
        urllib3.exceptions.ProxyError("proxy down", urllib3.exceptions.NewConnectionError(None, "refused")),
    ]
    maybe = [
        urllib3.exceptions.ReadTimeoutError(None, "/x", "read timed out"),
        urllib3.exceptions.ProtocolError("Connection aborted.", ConnectionResetError(104, "reset")),
        urllib3.exceptions.SSLError("handshake"),
        urllib3.exceptions.ProxyError("proxy broke", OSError("reset")),
        ConnectionResetError(104, "reset"),
    ]
    assert all(_never_sent(e) for e in never)
    assert not any(_never_sent(e) for e in maybe)
    policy = RetryPolicy(total=1)
    assert policy.may_retry_error("POST", NEVER_SENT, 0) and policy.may_retry_error("GET", NEVER_SENT, 0)
    assert not policy.may_retry_error("POST", MAYBE_SENT, 0) and policy.may_retry_error("GET", MAYBE_SENT, 0)
    assert not policy.may_retry_error("GET", NEVER_SENT, 1)


# -- waits: backoff with full jitter, Retry-After -----------------------------------------------
def test_backoff_is_full_jitter_under_an_exponential_ceiling_and_a_cap():
    policy = RetryPolicy(total=10, backoff_factor=0.5, backoff_max=3.0)
    random.seed(7)
    for attempt in range(8):
        ceiling = min(3.0, 0.5 * 2**attempt)
        waits = [policy.backoff(attempt) for _ in range(400)]
        assert all(0 <= w <= ceiling for w in waits)
        assert min(waits) < ceiling * 0.05 and max(waits) > ceiling * 0.95  # the whole range, not a fixed step
    assert RetryPolicy(backoff_factor=0).backoff(5) == 0.0


def test_the_waits_between_tries_on_the_wire_follow_the_policy():
    policy = RetryPolicy(total=3, backoff_factor=0.1, backoff_max=0.25)
    with MisbehavingServer() as server, messages_api(server.url, retries=policy) as api:
        waits = record_waits(api)
        server.plan(reply(503), reply(502), reply(504))
        read_page(api)
        assert server.count == 4
    assert len(waits) == 3
    for attempt, wait in enumerate(waits):
        assert 0 <= wait <= min(0.25, 0.1 * 2**attempt)


@pytest.mark.parametrize(
    ("header", "low", "high"), [("7", 7, 7), ("0", 0, 0), (" 12 ", 12, 12), ("date:30", 27, 30.5), ("date:-60", 0, 0)]
)
@pytest.mark.parametrize("kind", ["send 429", "read 429", "read 503"])
def test_retry_after_in_seconds_or_as_an_http_date_sets_the_wait(header, low, high, kind):
    value = http_date(float(header[5:])) if header.startswith("date:") else header
    status = 503 if kind == "read 503" else 429
    with (
        MisbehavingServer() as server,
        messages_api(server.url, retries=RetryPolicy(total=2, backoff_factor=100)) as api,
    ):
        waits = record_waits(api)
        server.plan(retry_after(value, status))
        if kind == "send 429":
            api.v4_messages_post(make_message())
        else:
            read_page(api)
        assert server.count == 2
    assert len(waits) == 1 and low <= waits[0] <= high


@pytest.mark.parametrize("value", ["3600", "date:3600"])
def test_a_retry_after_beyond_the_maximum_is_not_waited_for_and_the_error_carries_it(value):
    header = http_date(3600) if value.startswith("date:") else value
    with (
        MisbehavingServer() as server,
        messages_api(server.url, retries=RetryPolicy(total=3, retry_after_max=60)) as api,
    ):
        waits = record_waits(api)
        server.plan(retry_after(header))
        with pytest.raises(smtp.TooManyRequestsException) as caught:
            api.v4_messages_post(make_message())
        assert server.count == 1
    assert waits == []
    assert 3590 <= caught.value.retry_after <= 3600
    assert "retry_after_max" in str(caught.value)


def test_a_429_left_after_the_last_try_carries_retry_after():
    with MisbehavingServer() as server, messages_api(server.url, retries=1) as api:
        record_waits(api)
        server.plan(retry_after("2"), retry_after("2"))
        with pytest.raises(smtp.TooManyRequestsException) as caught:
            read_page(api)
        assert server.count == 2
    assert caught.value.retry_after == 2.0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5", 5.0),
        (" 5 ", 5.0),
        ("1.5", 1.5),
        ("0", 0.0),
        ("-1", None),
        ("nan", None),
        ("inf", None),
        ("", None),
        (None, None),
        ("soon", None),
        ("Mon, 99 Foo 2020 99:99:99 GMT", None),
        ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),
        ("Wed, 21 Oct 2015 07:28:00 -0000", 0.0),
    ],
)
def test_parse_retry_after(value, expected):
    assert parse_retry_after(value) == expected


def test_parse_retry_after_reads_a_future_http_date():
    assert 95 <= parse_retry_after(http_date(100)) <= 100


# -- the policy object and Configuration.retries -------------------------------------------------
@pytest.mark.parametrize(
    ("setting", "total", "factor"),
    [
        (None, 2, 0.5),
        (True, 2, 0.5),
        (False, 0, 0.5),
        (0, 0, 0.5),
        (4, 4, 0.5),
        (urllib3.Retry(total=3, backoff_factor=0.2), 3, 0.2),
        (urllib3.Retry(0), 0, 0.0),
        (urllib3.Retry(total=False), 0, 0.0),
        (urllib3.Retry(total=None, connect=5, read=1), 5, 0.0),
        (RetryPolicy(total=7, backoff_factor=0.01), 7, 0.01),
    ],
)
def test_configuration_retries_accepts_what_the_generated_sdk_accepted(setting, total, factor):
    config = smtp.Configuration(host="http://127.0.0.1:9")
    config.retries = setting
    policy = RESTClientObject(config).retry_policy
    assert policy.total == total
    assert policy.backoff_factor == factor


@pytest.mark.parametrize(
    ("setting", "error"), [(-1, smtp.ApiValueError), ("3", smtp.ApiTypeError), (2.5, smtp.ApiTypeError)]
)
def test_configuration_retries_refuses_nonsense_with_sdk_errors(setting, error):
    config = smtp.Configuration(host="http://127.0.0.1:9")
    config.retries = setting
    with pytest.raises(error):
        smtp.ApiClient(config)


def test_a_urllib3_retry_cannot_make_a_send_go_out_twice():
    unsafe = urllib3.Retry(total=5, status_forcelist=[500, 503], allowed_methods=None, backoff_factor=0)
    with MisbehavingServer() as server, messages_api(server.url, retries=unsafe) as api:
        server.plan(reply(503), reset())
        with pytest.raises(smtp.ServiceException):
            api.v4_messages_post(make_message())
        with pytest.raises(smtp.ApiConnectionError):
            api.v4_messages_post(make_message())
        assert server.count == 2


def test_the_policy_is_an_immutable_value_and_refuses_to_retry_sends_on_5xx():
    policy = RetryPolicy(total=3, status_unsafe=(code for code in [429, 408]))
    assert policy.status_unsafe == frozenset({429, 408})
    with pytest.raises(AttributeError):
        policy.total = 9  # type: ignore[misc]
    assert policy == RetryPolicy(total=3, status_unsafe=[408, 429]) and hash(policy) == hash(
        RetryPolicy(total=3, status_unsafe=[408, 429])
    )
    assert policy.with_total(1).total == 1 and policy.total == 3
    for bad in ({"status_unsafe": [429, 503]}, {"total": -1}, {"backoff_factor": float("nan")}, {"backoff_max": -1}):
        with pytest.raises(smtp.ApiValueError):
            RetryPolicy(**bad)
    with pytest.raises(smtp.ApiTypeError):
        RetryPolicy(status_idempotent=["abc"])


# -- the other verbs of the whole API: DELETE like a GET, PATCH like a POST ------------------
def channels_api(url: str, retries: int = 3) -> smtp.ChannelsApi:
    config = smtp.Configuration(host=url, api_key={"apiKey": "k"})
    config.retries = RetryPolicy(total=retries, backoff_factor=0)
    config.timeout = SHORT
    return smtp.ChannelsApi(smtp.ApiClient(config))


@pytest.mark.parametrize("case", ["503", "reset"])
def test_a_delete_is_retried_like_a_read(case):
    failure = {"503": lambda: reply(503), "reset": reset}[case]
    body = {"status": "success", "data": {"status": "deleted", "quota": 1}}
    with MisbehavingServer() as server:
        server.plan(failure(), reply(200, body))
        api = channels_api(server.url)
        assert api.v4_channels_name_delete("main").data.status == "deleted"
        assert [(r.method, r.path) for r in server.requests] == [("DELETE", "/v4/channels/main")] * 2


@pytest.mark.parametrize("case", ["503", "reset"])
def test_a_patch_that_may_have_arrived_is_never_resent(case):
    failure = {"503": lambda: reply(503), "reset": reset}[case]
    with MisbehavingServer() as server:
        server.plan(failure(), failure())
        api = channels_api(server.url)
        with pytest.raises(smtp.ApiException) as caught:
            api.v4_channels_name_patch("main", quota=5)
        assert server.count == 1
    assert caught.value.maybe_accepted is True


def test_a_patch_is_retried_on_429_and_arrives_once():
    body = {"status": "success", "data": {"status": "active", "quota": 5}}
    with MisbehavingServer() as server:
        server.plan(retry_after("0"), reply(200, body))
        api = channels_api(server.url)
        assert api.v4_channels_name_patch("main", quota=5).data.quota == 5
        assert [r.method for r in server.requests] == ["PATCH", "PATCH"]

"""Timeouts: finite by default, set on Configuration, overridable per call, and a bound on the
whole reply so that a server trickling its body cannot hold a caller forever."""

from __future__ import annotations

import math
import re

import pytest
import urllib3
from support.payloads import make_message
from support.servers import Blackhole, MisbehavingServer, delay, messages_api, read_page, stall, trickle

import smtp
from smtp.configuration import DEFAULT_TIMEOUT, to_timeout


def finite(value: object) -> bool:
    return isinstance(value, (int, float)) and math.isfinite(value) and value > 0


def test_the_default_timeout_is_finite_for_connect_and_read():
    timeout = smtp.Configuration().get_timeout()
    assert finite(timeout.connect_timeout) and finite(timeout.read_timeout)
    assert (timeout.connect_timeout, timeout.read_timeout) == DEFAULT_TIMEOUT
    assert smtp.Configuration().timeout is None  # None means the default


@pytest.mark.parametrize("given", [urllib3.Timeout(), urllib3.Timeout(connect=2), urllib3.Timeout(read=3)])
def test_a_urllib3_timeout_left_at_its_default_is_made_finite(given):
    timeout = to_timeout(given)
    assert finite(timeout.connect_timeout) and finite(timeout.read_timeout)


def test_configuration_timeout_applies_to_every_call():
    with MisbehavingServer() as server, messages_api(server.url, timeout=(1.0, 0.2)) as api:
        server.plan(stall())
        with pytest.raises(smtp.ApiTimeoutError) as caught:
            api.v4_messages_post(make_message())
    assert read_timeout_of(caught.value) == 0.2


def read_timeout_of(error: BaseException) -> float:
    """The read timeout urllib3 reports in a ReadTimeoutError's text."""
    found = re.search(r"read timeout=([0-9.]+)", str(error.__cause__))
    assert found, error.__cause__
    return float(found.group(1))


@pytest.mark.parametrize(
    ("override", "limit"), [(0.25, 0.25), ((1.0, 0.3), 0.3), (urllib3.Timeout(connect=1, read=0.35), 0.35)]
)
def test_request_timeout_overrides_the_configuration_per_call(override, limit):
    with MisbehavingServer() as server, messages_api(server.url, timeout=(30, 30)) as api:
        server.plan(stall(), stall())
        with pytest.raises(smtp.ApiTimeoutError) as caught:
            read_page(api, _request_timeout=override)
        with pytest.raises(smtp.ApiTimeoutError):
            api.v4_messages_post(make_message(), _request_timeout=override)
    assert 0 < read_timeout_of(caught.value) <= limit


def test_a_connect_timeout_comes_from_the_connect_part():
    with (
        Blackhole() as hole,
        messages_api(hole.url, timeout=(30, 30)) as api,
        pytest.raises(smtp.ApiTimeoutError) as caught,
    ):
        read_page(api, _request_timeout=(0.2, 30))
    assert "connect timeout=0.2" in str(caught.value.__cause__)
    assert "connect timeout" in str(caught.value)


def test_a_reply_after_a_delay_within_the_timeout_arrives():
    with MisbehavingServer() as server, messages_api(server.url, timeout=(1.0, 2.0)) as api:
        server.plan(delay(0.1))
        assert api.v4_messages_post(make_message(subject="late")).data.msg_id == "late"


def test_a_reply_trickling_slower_than_the_timeout_allows_is_cut_off():
    body = {"status": "success", "data": {"msg_id": "x" * 500}}
    with MisbehavingServer() as server, messages_api(server.url, timeout=(0.2, 0.3)) as api:
        server.plan(trickle(body, interval=0.02))  # each byte well within the read timeout, 10 s in all
        with pytest.raises(smtp.ApiTimeoutError) as caught:
            api.v4_messages_post(make_message())
        assert server.count == 1
    error = caught.value
    assert error.status == 200
    assert "did not arrive in time" in str(error) and "most likely accepted" in str(error)


def test_a_quick_trickle_within_the_timeout_is_read_in_full():
    body = {"status": "success", "data": {"msg_id": "slow-but-fine"}}
    with MisbehavingServer() as server, messages_api(server.url, timeout=(1.0, 2.0)) as api:
        server.plan(trickle(body, interval=0.001))
        assert api.v4_messages_post(make_message()).data.msg_id == "slow-but-fine"


@pytest.mark.parametrize(
    "bad", [0, -1, float("nan"), float("inf"), "1", True, (1,), (1, 0), (1, "2"), (1, None), [1, 2, 3], object()]
)
def test_a_bad_timeout_is_an_sdk_error_before_anything_is_sent(bad):
    with MisbehavingServer() as server, messages_api(server.url) as api:
        with pytest.raises(smtp.ApiValueError):
            api.v4_messages_post(make_message(), _request_timeout=bad)
        assert server.count == 0


def test_an_async_call_keeps_its_timeout():
    with MisbehavingServer() as server, messages_api(server.url, timeout=(30, 30)) as api:
        server.plan(stall())
        result = api.v4_messages_post(make_message(), async_req=True, _request_timeout=0.2)
        with pytest.raises(smtp.ApiTimeoutError):
            result.get(timeout=10)

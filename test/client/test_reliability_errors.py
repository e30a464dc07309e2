"""Every failure reaches the caller as an ApiException subclass that says what happened.

HTTP errors map to subclasses by status; transport failures are ApiConnectionError or
ApiTimeoutError with the urllib3 error chained; a 2xx reply that is not the JSON the operation
promises is an UnexpectedResponseError with the status and an excerpt, never an empty model.
"""

from __future__ import annotations

import json

import pytest
import urllib3
from support.payloads import make_message
from support.servers import (
    Blackhole,
    MisbehavingServer,
    html,
    messages_api,
    read_page,
    refused_url,
    reply,
    reset,
    stall,
    truncated,
)

import smtp
from smtp.rest import RESTClientObject

SEND = "send"
READ = "read"


def call(api: smtp.MessagesApi, kind: str) -> object:
    return api.v4_messages_post(make_message()) if kind == SEND else read_page(api)


def test_the_tree_has_one_root_and_keeps_the_builtin_bases():
    leaves = [
        smtp.ApiTypeError,
        smtp.ApiValueError,
        smtp.ApiKeyError,
        smtp.ApiAttributeError,
        smtp.ApiConnectionError,
        smtp.ApiTimeoutError,
        smtp.UnexpectedResponseError,
        smtp.BadRequestException,
        smtp.UnauthorizedException,
        smtp.ForbiddenException,
        smtp.NotFoundException,
        smtp.TooManyRequestsException,
        smtp.ServiceException,
    ]
    for cls in leaves:
        assert issubclass(cls, smtp.ApiException), cls
        assert issubclass(cls, smtp.OpenApiException), cls
    assert issubclass(smtp.ApiTimeoutError, smtp.ApiConnectionError)
    assert issubclass(smtp.ApiTypeError, TypeError) and issubclass(smtp.ApiValueError, ValueError)
    assert smtp.rest.ApiException is smtp.ApiException is smtp.exceptions.ApiException


@pytest.mark.parametrize("kind", [SEND, READ])
@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, smtp.BadRequestException),
        (401, smtp.UnauthorizedException),
        (403, smtp.ForbiddenException),
        (404, smtp.NotFoundException),
        (429, smtp.TooManyRequestsException),
        (500, smtp.ServiceException),
        (502, smtp.ServiceException),
        (503, smtp.ServiceException),
        (504, smtp.ServiceException),
        (599, smtp.ServiceException),
        (409, smtp.ApiException),
    ],
)
def test_each_status_raises_its_subclass_with_the_reply_attached(kind, status, cls):
    body = {"status": "fail", "data": {"why": f"status {status:d}"}}
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reply(status, body, {"X-Request-Id": "r-1"}))
        with pytest.raises(cls) as caught:
            call(api, kind)
    error = caught.value
    assert type(error) is cls
    assert error.status == status
    assert error.reason
    assert json.loads(error.body) == body
    assert error.headers["X-Request-Id"] == "r-1"
    assert f"({status:d})" in str(error)


def test_a_400_exposes_the_field_errors_as_a_dict():
    errors = {"channel": "channel not found", "recipients.to[0].address": "bad address"}
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reply(400, {"status": "fail", "data": {"errors": errors}}))
        with pytest.raises(smtp.BadRequestException) as caught:
            api.v4_messages_post(make_message())
    assert caught.value.errors == errors
    assert json.loads(caught.value.body)["data"]["errors"] == errors
    assert "channel: channel not found" in str(caught.value)


def test_a_400_whose_errors_are_a_list_of_objects_is_merged_and_one_without_errors_is_empty():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reply(400, {"status": "fail", "data": {"errors": [{"limit": "too big"}, {"offset": "negative"}]}}))
        server.plan(reply(400, b"<html>bad</html>", {"Content-Type": "text/html"}))
        with pytest.raises(smtp.BadRequestException) as first:
            read_page(api)
        with pytest.raises(smtp.BadRequestException) as second:
            read_page(api)
    assert first.value.errors == {"limit": "too big", "offset": "negative"}
    assert second.value.errors == {}
    assert "<html>bad</html>" in str(second.value)


def test_an_error_message_shows_a_bounded_part_of_a_huge_body():
    page = b"<html>" + b"x" * 100_000 + b"</html>"
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reply(502, page, {"Content-Type": "text/html"}))
        with pytest.raises(smtp.ServiceException) as caught:
            read_page(api)
    assert len(caught.value.body) == len(page)
    assert len(str(caught.value)) < 3000
    assert "more characters" in str(caught.value)


# -- 2xx replies that are not the promised JSON ---------------------------------------------
NOT_JSON = {
    "html page": html(200),
    "json with an html content type": reply(
        200, b'{"status": "success", "data": {"msg_id": "x"}}', {"Content-Type": "text/html"}
    ),
    "text/plain": reply(200, b"all good", {"Content-Type": "text/plain"}),
    "invalid json": reply(200, b'{"status": "success", "data": ', {"Content-Type": "application/json"}),
    "empty body": reply(200, b"", {"Content-Type": "application/json"}),
    "json null": reply(200, b"null", {"Content-Type": "application/json"}),
    "json list": reply(200, [1, 2, 3]),
    "json string": reply(200, "success"),
    "object without the envelope": reply(200, {"message": "ok"}),
    "empty object": reply(200, {}),
    "data of the wrong shape": reply(200, {"status": "success", "data": [1, 2]}),
    "nested too deep": reply(200, b"[" * 100_000 + b"]" * 100_000, {"Content-Type": "application/json"}),
    "truncated": truncated(200),
}


@pytest.mark.parametrize("kind", [SEND, READ])
@pytest.mark.parametrize("case", sorted(NOT_JSON))
def test_a_2xx_reply_that_is_not_the_promised_json_raises_with_status_and_excerpt(kind, case):
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(NOT_JSON[case])
        with pytest.raises(smtp.UnexpectedResponseError) as caught:
            call(api, kind)
        assert server.count == 1
    error = caught.value
    assert error.status == 200
    assert error.problem
    text = str(error)
    assert "HTTP 200" in text and "Body starts:" in text
    assert len(text) < 1000


def test_the_excerpt_shows_the_start_of_the_body():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(html(200))
        with pytest.raises(smtp.UnexpectedResponseError) as caught:
            api.v4_messages_post(make_message())
    assert "<html><head><title>Gateway" in str(caught.value)
    assert "text/html" in str(caught.value)


def test_a_cut_off_send_reply_says_the_message_was_most_likely_accepted():
    with MisbehavingServer() as server, messages_api(server.url, retries=3) as api:
        server.plan(truncated(200, b'{"status": "success"', 500))
        with pytest.raises(smtp.UnexpectedResponseError) as caught:
            api.v4_messages_post(make_message())
        assert server.count == 1
    assert "cut off after 20 of 500 bytes" in str(caught.value)
    assert "most likely accepted" in str(caught.value)
    assert isinstance(caught.value.__cause__, urllib3.exceptions.HTTPError)


# -- transport failures --------------------------------------------------------------------
def test_refused_is_a_connection_error_with_the_urllib3_error_chained():
    with messages_api(refused_url()) as api, pytest.raises(smtp.ApiConnectionError) as caught:
        api.v4_messages_post(make_message())
    error = caught.value
    assert type(error) is smtp.ApiConnectionError
    assert isinstance(error.__cause__, urllib3.exceptions.NewConnectionError)
    assert error.sent is False and error.maybe_accepted is False
    assert error.status is None
    assert "could not connect" in str(error) and "refused" in str(error).lower()


def test_a_reset_after_the_request_is_a_connection_error_that_may_have_been_sent():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        server.plan(reset())
        with pytest.raises(smtp.ApiConnectionError) as caught:
            api.v4_messages_post(make_message())
    error = caught.value
    assert isinstance(error.__cause__, urllib3.exceptions.ProtocolError)
    assert error.sent is True and error.maybe_accepted is True
    assert "may or may not have been accepted" in str(error)


def test_a_stalled_reply_is_a_timeout_with_the_urllib3_error_chained():
    with MisbehavingServer() as server, messages_api(server.url, timeout=(1.0, 0.2)) as api:
        server.plan(stall())
        with pytest.raises(smtp.ApiTimeoutError) as caught:
            read_page(api)
    assert isinstance(caught.value.__cause__, urllib3.exceptions.ReadTimeoutError)
    assert "read timeout" in str(caught.value)


def test_a_connect_that_never_completes_is_a_timeout_that_was_never_sent():
    with Blackhole() as hole, messages_api(hole.url, timeout=(0.2, 1.0)) as api:
        with pytest.raises(smtp.ApiTimeoutError) as caught:
            api.v4_messages_post(make_message())
    assert isinstance(caught.value.__cause__, urllib3.exceptions.ConnectTimeoutError)
    assert caught.value.sent is False and caught.value.maybe_accepted is False
    assert "connect timeout" in str(caught.value)


@pytest.mark.parametrize("host", ["http://", "http://[::1", "ftp://example.com"])
def test_a_host_that_is_not_a_url_is_an_sdk_error(host):
    with messages_api(host) as api, pytest.raises(smtp.ApiException):
        read_page(api)


def test_raw_transport_bad_arguments_are_sdk_errors():
    rest = RESTClientObject(smtp.Configuration(host="http://127.0.0.1:9"))
    with pytest.raises(smtp.ApiTypeError):
        rest.request("POST", "http://127.0.0.1:9/x", body={"a": {1, 2}})
    with pytest.raises(smtp.ApiTypeError):
        rest.request("GET", "http://127.0.0.1:9/x", query_params=[1, 2, 3])
    with pytest.raises(smtp.ApiValueError):
        rest.request("POST", "http://127.0.0.1:9/x", post_params=[("a", "b")])


def test_unread_replies_are_returned_raw_but_error_replies_still_raise():
    with MisbehavingServer() as server, messages_api(server.url) as api:
        raw = api.v4_messages_post(make_message(subject="raw"), _preload_content=False)
        assert json.loads(raw.data)["data"]["msg_id"] == "raw"
        server.plan(reply(503))
        with pytest.raises(smtp.ServiceException):
            api.v4_messages_post(make_message(), _preload_content=False)

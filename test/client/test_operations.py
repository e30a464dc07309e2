"""Parameter checks and the generated SDK's keyword options, against the recording server."""

from __future__ import annotations

import pytest
import urllib3
from support.payloads import make_message, make_mime

import smtp

GET_ARGS = dict(start="1700000000", limit=10, offset=0, channel="main")


def get(api, **changes):
    kwargs = dict(GET_ARGS)
    kwargs.update(changes)
    return api.v4_messages_get(**kwargs)


# -- client-side validation of parameters ---------------------------------------------------
@pytest.mark.parametrize("missing", ["start", "limit", "offset", "channel"])
def test_missing_required_parameter(api, server, missing):
    with pytest.raises(smtp.ApiValueError, match=f"Missing the required parameter `{missing}`") as info:
        get(api, **{missing: None})
    assert missing in info.value.errors
    assert server.requests == []


@pytest.mark.parametrize(
    "changes, error, field",
    [
        (dict(limit=0), smtp.ApiValueError, "limit"),
        (dict(limit=1001), smtp.ApiValueError, "limit"),
        (dict(offset=-1), smtp.ApiValueError, "offset"),
        (dict(limit="abc"), smtp.ApiTypeError, "limit"),
        (dict(limit="10"), smtp.ApiTypeError, "limit"),
        (dict(limit=True), smtp.ApiTypeError, "limit"),
        (dict(limit=10.0), smtp.ApiTypeError, "limit"),
        (dict(channel=""), smtp.ApiValueError, "channel"),
        (dict(channel=5), smtp.ApiTypeError, "channel"),
        (dict(event="bounced"), smtp.ApiValueError, "event"),
        (dict(event=["delivered", "nope"]), smtp.ApiValueError, "event"),
        (dict(event=[]), smtp.ApiTypeError, "event"),
        (dict(start="yesterday"), smtp.ApiValueError, "start"),
        (dict(start=[1]), smtp.ApiTypeError, "start"),
        (dict(end="not a date"), smtp.ApiValueError, "end"),
        (dict(msg_id=12), smtp.ApiTypeError, "msg_id"),
    ],
)
def test_invalid_parameter(api, server, changes, error, field):
    with pytest.raises(error) as info:
        get(api, **changes)
    assert field in str(info.value)
    assert isinstance(info.value, smtp.ApiException)  # the documented catch-all catches it too
    assert server.requests == []


@pytest.mark.parametrize("limit", [1, 1000])
def test_limit_bounds_are_inclusive(api, server, limit):
    get(api, limit=limit)
    assert server.last.query["limit"] == [str(limit)]


def test_unknown_keyword_is_api_type_error(api, server):
    with pytest.raises(smtp.ApiTypeError, match="unexpected keyword argument 'limits'"):
        api.v4_messages_get("1700000000", 10, 0, "main", limits=5)
    with pytest.raises(smtp.ApiTypeError):
        api.v4_messages_post(make_message(), foo=1)
    assert server.requests == []


def test_duplicate_argument_is_api_type_error(api):
    with pytest.raises(smtp.ApiTypeError, match="multiple values"):
        api.api_client.call_operation(
            smtp.api.messages_api.V4_MESSAGES_POST, (make_message(),), {"inline_object": make_message()}
        )


def test_mime_post_requires_its_body(api, server):
    with pytest.raises(smtp.ApiValueError, match="inline_object1"):
        api.v4_messages_mime_post(None)
    assert server.requests == []


def test_body_must_be_the_model(api, server):
    with pytest.raises(smtp.ApiTypeError, match="InlineObject"):
        api.v4_messages_post({"channel": "main"})
    with pytest.raises(smtp.ApiTypeError, match="InlineObject1"):
        api.v4_messages_mime_post(make_message())
    assert server.requests == []


def test_invalid_body_lists_every_field(api, server):
    bad = smtp.InlineObject(
        channel="",
        recipients=smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(address="not-an-address")]),
    )
    with pytest.raises(smtp.ApiValueError) as info:
        api.v4_messages_post(bad)
    assert set(info.value.errors) == {"channel", "recipients.to[0].address", "originator"}
    assert "recipients.to[0].address" in str(info.value)
    assert server.requests == []


def test_missing_body_of_post_is_reported_by_field(api, server):
    with pytest.raises(smtp.ApiValueError) as info:
        api.v4_messages_post()
    assert {"channel", "recipients", "originator"} <= set(info.value.errors)
    assert server.requests == []


def test_client_side_validation_off_reaches_the_server(server):
    config = smtp.Configuration(host=server.url, api_key={"apiKey": "k"})
    config.client_side_validation = False
    server.reply(400, {"status": "fail", "data": {"errors": {"limit": "must be provided"}}})
    server.reply(400, {"status": "fail", "data": {"errors": {"channel": "could not be blank"}}})
    with smtp.ApiClient(config) as client:
        api = smtp.MessagesApi(client)
        with pytest.raises(smtp.BadRequestException) as first:
            api.v4_messages_get("1700000000", 0, 0, "")
        with pytest.raises(smtp.BadRequestException) as second:
            api.v4_messages_post(smtp.InlineObject(channel=""))
    assert first.value.errors == {"limit": "must be provided"}
    assert second.value.errors == {"channel": "could not be blank"}
    assert len(server.requests) == 2
    assert server.requests[0].query["limit"] == ["0"]
    assert server.requests[1].json == {"channel": ""}


# -- keyword options ------------------------------------------------------------------------
def test_with_http_info_returns_data_status_headers(api, server):
    data, status, headers = api.v4_messages_post_with_http_info(make_message())
    assert isinstance(data, smtp.PostMessageResponse)
    assert status == 200
    assert headers["Content-Type"] == "application/json"
    data, status, _ = api.v4_messages_get_with_http_info("1700000000", 10, 0, "main")
    assert isinstance(data, smtp.MessagesResponse) and status == 200
    data, status, _ = api.v4_messages_mime_post_with_http_info(make_mime())
    assert isinstance(data, smtp.MimeResponse) and status == 200


def test_return_http_data_only(api):
    result = api.v4_messages_post_with_http_info(make_message(), _return_http_data_only=True)
    assert isinstance(result, smtp.PostMessageResponse)


def test_async_req(api, server):
    threads = [api.v4_messages_post(make_message(subject=f"n{i}"), async_req=True) for i in range(5)]
    results = [t.get(timeout=10) for t in threads]
    assert all(r.data.msg_id == "test-msg-id" for r in results)
    assert sorted(r.json["subject"] for r in server.requests) == [f"n{i}" for i in range(5)]
    info = api.v4_messages_get_with_http_info("1700000000", 10, 0, "main", async_req=True).get(timeout=10)
    assert info[1] == 200


def test_async_req_error_is_raised_by_get(api, server):
    server.reply(401, {"status": "fail", "data": {"api_key": "invalid"}})
    result = api.v4_messages_get("1700000000", 10, 0, "main", async_req=True)
    with pytest.raises(smtp.UnauthorizedException):
        result.get(timeout=10)


def test_preload_content_false_returns_the_unread_reply(api, server):
    reply = api.v4_messages_get("1700000000", 10, 0, "main", _preload_content=False)
    assert isinstance(reply, urllib3.HTTPResponse)
    assert reply.status == 200
    assert b'"status": "success"' in reply.data


def test_preload_content_false_still_raises_for_errors(api, server):
    server.reply(500, {"status": "fail"})
    with pytest.raises(smtp.ServiceException):
        api.v4_messages_post(make_message(), _preload_content=False)


@pytest.mark.parametrize("timeout", [5, 2.5, (1, 5), urllib3.Timeout(connect=1, read=4)])
def test_request_timeout_forms(api, server, timeout):
    assert api.v4_messages_get("1700000000", 10, 0, "main", _request_timeout=timeout).status == "success"


@pytest.mark.parametrize("timeout", [0, -1, (1,), (1, "x"), "5"])
def test_request_timeout_refused(api, server, timeout):
    with pytest.raises(smtp.ApiValueError, match="_request_timeout"):
        api.v4_messages_get("1700000000", 10, 0, "main", _request_timeout=timeout)
    assert server.requests == []


def test_request_auth_overrides_configuration(api, server):
    auth = {"in": "query", "key": "api_key", "type": "api_key", "value": "per-call"}
    api.v4_messages_get("1700000000", 10, 0, "main", _request_auth=auth)
    assert server.last.query["api_key"] == ["per-call"]
    assert server.last.header("X-SMTPCOM-API") is None


# -- configuration --------------------------------------------------------------------------
def test_default_configuration_and_copy(server):
    default = smtp.Configuration(host=server.url, api_key={"apiKey": "from-default"})
    smtp.Configuration.set_default(default)
    try:
        copy = smtp.Configuration.get_default_copy()
        assert copy is not default and copy.host == server.url
        with smtp.ApiClient() as client:
            smtp.MessagesApi(client).v4_messages_get("1700000000", 10, 0, "main")
        assert server.last.header("X-SMTPCOM-API") == "from-default"
    finally:
        smtp.Configuration.set_default(None)
    assert smtp.Configuration.get_default_copy().host == "https://api.smtp.com"


def test_configuration_defaults():
    config = smtp.Configuration()
    assert config.host == "https://api.smtp.com"
    assert config.verify_ssl is True
    assert config.client_side_validation is True
    assert config.retries is None
    assert config.connection_pool_maxsize >= 5
    timeout = config.get_timeout()
    assert timeout.connect_timeout and timeout.read_timeout  # finite by default
    assert config.auth_settings() == {}
    assert "Python" in config.to_debug_report()


def test_basic_auth_token():
    config = smtp.Configuration(username="user", password="secret")
    assert config.get_basic_auth_token() == "Basic dXNlcjpzZWNyZXQ="
    assert config.auth_settings()["basicAuth"]["key"] == "Authorization"


def test_host_index_selects_a_documented_server(api):
    assert api.api_client._host(None) == api.api_client.configuration.host
    assert api.api_client._host(0) == "https://api.smtp.com"
    with pytest.raises(smtp.ApiValueError, match="index 3"):
        api.v4_messages_get("1700000000", 10, 0, "main", _host_index=3)


def test_missing_positional_arguments_are_named(api, server):
    with pytest.raises(smtp.ApiValueError, match="`start`"):
        api.v4_messages_get()
    with pytest.raises(smtp.ApiValueError, match="`channel`"):
        api.v4_messages_get("1700000000", 10, 0)
    with pytest.raises(smtp.ApiValueError, match="`inline_object1`"):
        api.v4_messages_mime_post()
    assert server.requests == []


def test_lone_surrogate_is_an_api_value_error_naming_the_field(api, server):
    message = make_message(
        recipients=smtp.V4MessagesRecipients(
            to=[smtp.V4MessagesRecipientsTo(name="bad \ud800", address="jane@example.com")]
        )
    )
    with pytest.raises(smtp.ApiValueError) as info:
        api.v4_messages_post(message)
    assert list(info.value.errors) == ["recipients.to[0].name"]
    with pytest.raises(smtp.ApiValueError, match="subject"):
        api.v4_messages_post(make_message(subject="x\udfff"))
    assert server.requests == []

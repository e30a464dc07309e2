"""What each operation puts on the wire (method, path, query, headers, JSON body) under each
authentication scheme, checked by a real server that records every request."""

from __future__ import annotations

import base64
import datetime
import json

import pytest
from support.payloads import make_message, make_mime

import smtp

AUTH_SCHEMES = {
    "apiKey": dict(api_key={"apiKey": "key-123"}),
    "apiID": dict(api_key={"apiID": "key-456"}),
    "basicAuth": dict(username="user", password="secret"),
}


def check_auth(recorded, scheme):
    if scheme == "apiKey":
        assert recorded.header("X-SMTPCOM-API") == "key-123"
        assert "api_key" not in recorded.query
        assert recorded.header("Authorization") is None
    elif scheme == "apiID":
        assert recorded.query["api_key"] == ["key-456"]
        assert recorded.header("X-SMTPCOM-API") is None
    else:
        expected = "Basic " + base64.b64encode(b"user:secret").decode()
        assert recorded.header("Authorization") == expected
        assert recorded.header("X-SMTPCOM-API") is None
        assert "api_key" not in recorded.query


def run(server, scheme, call):
    config = smtp.Configuration(host=server.url, **AUTH_SCHEMES[scheme])
    with smtp.ApiClient(config) as client:
        return call(smtp.MessagesApi(client))


@pytest.mark.parametrize("scheme", sorted(AUTH_SCHEMES))
def test_get_wire(server, scheme):
    result = run(
        server,
        scheme,
        lambda api: api.v4_messages_get(
            "1700000000", 50, 10, "main", end="1700003600", event="delivered", msg_id="m-1"
        ),
    )
    assert isinstance(result, smtp.MessagesResponse)
    req = server.last
    assert req.method == "GET"
    assert req.path == "/v4/messages"
    assert req.query["start"] == ["1700000000"]
    assert req.query["end"] == ["1700003600"]
    assert req.query["limit"] == ["50"]
    assert req.query["offset"] == ["10"]
    assert req.query["channel"] == ["main"]
    assert req.query["event"] == ["delivered"]
    assert req.query["msg_id"] == ["m-1"]
    assert req.header("Accept") == "application/json"
    assert req.body == b""
    check_auth(req, scheme)


@pytest.mark.parametrize("scheme", sorted(AUTH_SCHEMES))
def test_post_wire(server, scheme):
    message = make_message(custom_headers={"X-Campaign": "fall", "X-Tags": ["a", "b"]})
    result = run(server, scheme, lambda api: api.v4_messages_post(inline_object=message))
    assert isinstance(result, smtp.PostMessageResponse)
    assert result.data.msg_id == "test-msg-id"
    req = server.last
    assert (req.method, req.path) == ("POST", "/v4/messages")
    assert req.header("Content-Type") == "application/json"
    assert req.header("Accept") == "application/json"
    assert req.json == {
        "channel": "main",
        "recipients": {"to": [{"name": "Jane", "address": "jane@example.com"}]},
        "originator": {"from": {"name": "Shop", "address": "shop@example.com"}},
        "custom_headers": {"X-Campaign": "fall", "X-Tags": ["a", "b"]},
        "subject": "Hello",
        "body": {"parts": [{"type": "text/plain", "content": "Hi Jane"}]},
    }
    check_auth(req, scheme)


@pytest.mark.parametrize("scheme", sorted(AUTH_SCHEMES))
def test_mime_post_wire(server, scheme):
    mime = make_mime()
    result = run(server, scheme, lambda api: api.v4_messages_mime_post(mime))
    assert isinstance(result, smtp.MimeResponse)
    req = server.last
    assert (req.method, req.path) == ("POST", "/v4/messages/mime")
    assert req.json["mime"].startswith("From: shop@example.com")
    assert req.json["recipients"] == {"to": [{"address": "jane@example.com"}]}
    assert req.json["originator"] == {"from": {"address": "shop@example.com"}}
    check_auth(req, scheme)


def test_every_configured_scheme_is_sent(server):
    config = smtp.Configuration(host=server.url, api_key={"apiKey": "k1", "apiID": "k2"}, username="u", password="p")
    with smtp.ApiClient(config) as client:
        smtp.MessagesApi(client).v4_messages_post(make_message())
    req = server.last
    assert req.header("X-SMTPCOM-API") == "k1"
    assert req.query["api_key"] == ["k2"]
    assert req.header("Authorization").startswith("Basic ")


def test_api_key_prefix(server):
    config = smtp.Configuration(host=server.url, api_key={"apiKey": "k1"}, api_key_prefix={"apiKey": "Token"})
    with smtp.ApiClient(config) as client:
        smtp.MessagesApi(client).v4_messages_post(make_message())
    assert server.last.header("X-SMTPCOM-API") == "Token k1"


def test_post_body_positional(api, server):
    api.v4_messages_post(make_message())
    assert server.last.json["channel"] == "main"


def test_body_leaves_out_none_fields(api, server):
    api.v4_messages_post(make_message(subject=None, body=None))
    assert "subject" not in server.last.json
    assert "body" not in server.last.json


def test_non_ascii_body_is_utf8_json(api, server):
    api.v4_messages_post(make_message(subject="Grüße — 你好"))
    assert server.last.json["subject"] == "Grüße — 你好"
    assert "Grüße".encode() in server.last.body


def test_event_list_is_form_exploded(api, server):
    api.v4_messages_get("1700000000", 10, 0, "main", event=["accepted", "failed"])
    assert server.last.query["event"] == ["accepted", "failed"]
    assert "event=accepted&event=failed" in server.last.raw_query


@pytest.mark.parametrize(
    "value, expected",
    [
        (1700000000, "1700000000"),
        (1700000000.9, "1700000000"),
        (datetime.datetime(2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc), "1700000000"),
        (
            datetime.datetime(2023, 11, 15, 0, 13, 20, tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
            "1700000000",
        ),
        ("Tue, 14 Nov 2023 22:13:20 +0000", "Tue, 14 Nov 2023 22:13:20 +0000"),
    ],
)
def test_time_parameters(api, server, value, expected):
    api.v4_messages_get(value, 10, 0, "main", end=value)
    assert server.last.query["start"] == [expected]
    assert server.last.query["end"] == [expected]


def test_naive_datetime_is_refused(api, server):
    with pytest.raises(smtp.ApiValueError, match="naive datetime"):
        api.v4_messages_get(datetime.datetime(2026, 11, 20), 10, 0, "main")
    assert server.requests == []


def test_user_agent_names_sdk_and_python(api, server):
    import sys

    api.v4_messages_get("1700000000", 10, 0, "main")
    agent = server.last.header("User-Agent")
    assert agent.startswith(f"smtp-python/{smtp.__version__} ")
    assert f"Python {sys.version_info[0]:d}.{sys.version_info[1]:d}" in agent


def test_default_header_and_cookie(server):
    config = smtp.Configuration(host=server.url, api_key={"apiKey": "k"})
    with smtp.ApiClient(config, header_name="X-Trace", header_value="t-1", cookie="session=abc") as client:
        client.set_default_header("X-Other", "o")
        smtp.MessagesApi(client).v4_messages_get("1700000000", 10, 0, "main")
    assert server.last.header("X-Trace") == "t-1"
    assert server.last.header("X-Other") == "o"
    assert server.last.header("Cookie") == "session=abc"


def test_host_with_path_prefix(server):
    config = smtp.Configuration(host=server.url + "/proxy", api_key={"apiKey": "k"})
    with smtp.ApiClient(config) as client:
        smtp.MessagesApi(client).v4_messages_get("1700000000", 10, 0, "main")
    assert server.last.path == "/proxy/v4/messages"


def test_reply_decoded_into_models(api, server):
    page = {
        "status": "success",
        "data": {
            "items": [
                {
                    "msg_id": "m1",
                    "msg_time": 1700000000,
                    "channel": "main",
                    "smtp_vars": {"order": "42"},
                    "msg_data": {"rcpt_to": "jane@example.com", "from": "shop@example.com", "subject": "Hello"},
                    "details": {
                        "delivery": {"finished": "t", "retries": 0, "event": "delivered", "code": "250", "status": "OK"}
                    },
                    "opens": {"items": [{"open_time": "t1", "remote_ip": "10.0.0.1", "ua": "Mail"}]},
                    "clicks": {"items": [{"click_time": "t2", "remote_ip": "10.0.0.2", "ua": "Web"}]},
                    "abuse": {"complaints": [{"report_time": "t3", "provider": "isp"}]},
                    "unsubs": {"items": [{"unsub_time": "t4"}]},
                    "a_key_added_later": {"ignored": True},
                }
            ]
        },
    }
    server.reply(200, page)
    result = api.v4_messages_get("1700000000", 10, 0, "main")
    item = result.data.items[0]
    assert item.msg_data._from == "shop@example.com"
    assert item.details.delivery.code == "250"
    assert item.opens.items[0].ua == "Mail"
    assert item.clicks.items[0].remote_ip == "10.0.0.2"
    assert item.abuse.complaints[0].provider == "isp"
    assert item.unsubs.items[0].unsub_time == "t4"
    assert item.smtp_vars == {"order": "42"}
    expected = json.loads(json.dumps(page))
    del expected["data"]["items"][0]["a_key_added_later"]
    assert smtp.ApiClient().sanitize_for_serialization(result) == expected

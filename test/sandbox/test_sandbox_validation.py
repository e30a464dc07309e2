"""Every rule the sandbox enforces, driven twice: through raw HTTP, and through the SDK with
client-side validation switched off (so that only the server can refuse).

A case is a valid request with some values replaced (or removed) and the field the 400 must
name: ``{"status": "fail", "data": {"errors": {field: text}}}``.
"""

from __future__ import annotations

import base64
import copy
import re
from typing import Any

import pytest
from support.sandbox import CHANNEL, Raw, message_payload, mime_payload, sdk_api

import smtp
from smtp.validation import MAX_MESSAGE_BYTES

DELETE = object()
_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
PNG = base64.b64encode(b"\x89PNG\r\n").decode()


def changed(payload: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """``payload`` with each ``path: value`` of ``changes`` applied (``DELETE`` removes);
    a path is written as the errors name fields, e.g. ``recipients.to[0].address``."""
    out = copy.deepcopy(payload)
    for path, value in changes.items():
        steps: list[Any] = [int(index) if index else key for key, index in _STEP.findall(path)]
        node = out
        for step in steps[:-1]:
            if isinstance(step, str) and step not in node:
                node[step] = {}
            node = node[step]
        if value is DELETE:
            del node[steps[-1]]
        else:
            node[steps[-1]] = value
    return out


def attachment(**fields: Any) -> list[dict[str, Any]]:
    merged = {"content": PNG, "type": "image/png", "filename": "a.png", **fields}
    return [{k: v for k, v in merged.items() if v is not DELETE}]


MESSAGE_CASES = [
    # channel
    ("channel missing", {"channel": DELETE}, "channel"),
    ("channel blank", {"channel": "  "}, "channel"),
    ("channel not a string", {"channel": 5}, "channel"),
    ("channel with a line break", {"channel": "main\r\nX: y"}, "channel"),
    ("channel unknown", {"channel": "nope"}, "channel"),
    # recipients
    ("recipients missing", {"recipients": DELETE}, "recipients"),
    ("recipients not an object", {"recipients": ["jane@example.com"]}, "recipients"),
    ("no recipient list", {"recipients": {}}, "recipients"),
    ("only empty lists", {"recipients.to": [], "recipients.cc": []}, "recipients"),
    ("to not a list", {"recipients.to": "jane@example.com"}, "recipients.to"),
    ("bulk_list with to", {"recipients.bulk_list": [{"address": "bob@example.com"}]}, "recipients.bulk_list"),
    ("over 1000 recipients", {"recipients.to": [{"address": f"r{i}@example.com"} for i in range(1001)]}, "recipients"),
    (
        "over 1000 across lists",
        {
            "recipients.cc": [{"address": f"c{i}@example.com"} for i in range(600)],
            "recipients.bcc": [{"address": f"b{i}@example.com"} for i in range(400)],
        },
        "recipients",
    ),
    ("address missing", {"recipients.to[0].address": DELETE}, "recipients.to[0].address"),
    ("address invalid", {"recipients.to[0].address": "jane"}, "recipients.to[0].address"),
    ("address not a string", {"recipients.to[0].address": ["jane@example.com"]}, "recipients.to[0].address"),
    (
        "address injecting a header",
        {"recipients.to[0].address": "jane@example.com\r\nBcc: x@example.net"},
        "recipients.to[0].address",
    ),
    ("display name with a line break", {"recipients.to[0].name": "Jane\nBcc: x@example.net"}, "recipients.to[0].name"),
    ("cc address invalid", {"recipients.cc": [{"address": "@example.com"}]}, "recipients.cc[0].address"),
    ("bcc entry not an object", {"recipients.bcc": ["x@example.com"]}, "recipients.bcc[0]"),
    # originator
    ("originator missing", {"originator": DELETE}, "originator"),
    ("originator without from or reply_to", {"originator": {}}, "originator"),
    ("from address invalid", {"originator.from.address": "shop"}, "originator.from.address"),
    ("from without address", {"originator.from": {"name": "Shop"}}, "originator.from.address"),
    ("reply_to invalid", {"originator.reply_to": {"address": "shop@"}}, "originator.reply_to.address"),
    # custom headers
    ("custom headers not an object", {"custom_headers": ["X-A: 1"]}, "custom_headers"),
    ("header name with a space", {"custom_headers": {"Bad Name": "x"}}, "custom_headers"),
    ("header name with a colon", {"custom_headers": {"X-A:": "x"}}, "custom_headers"),
    ("header value injecting a header", {"custom_headers": {"X-A": "a\r\nBcc: x@example.net"}}, "custom_headers"),
    ("header value not a string", {"custom_headers": {"X-A": 5}}, "custom_headers"),
    ("header value an empty list", {"custom_headers": {"X-A": []}}, "custom_headers"),
    ("header list item with a line break", {"custom_headers": {"X-A": ["ok", "b\nc"]}}, "custom_headers"),
    ("structural header", {"custom_headers": {"Content-Type": "text/plain"}}, "custom_headers"),
    ("MIME-Version header", {"custom_headers": {"MIME-Version": "2.0"}}, "custom_headers"),
    ("date header that is no date", {"custom_headers": {"Date": "yesterday"}}, "custom_headers"),
    ("unique header given twice", {"custom_headers": {"Subject": ["a", "b"]}}, "custom_headers"),
    ("X-SMTPAPI that is not JSON", {"custom_headers": {"X-SMTPAPI": "{nope"}}, "custom_headers"),
    # subject
    ("subject of 999 characters", {"subject": "x" * 999}, "subject"),
    ("subject not a string", {"subject": ["Hi"]}, "subject"),
    # body and parts
    ("body not an object", {"body": "Hello"}, "body"),
    ("parts not a list", {"body.parts": {"content": "Hi"}}, "body.parts"),
    ("part content missing", {"body.parts[0].content": DELETE}, "body.parts[0].content"),
    ("part content not a string", {"body.parts[0].content": 42}, "body.parts[0].content"),
    ("part type not a MIME type", {"body.parts[0].type": "text"}, "body.parts[0].type"),
    ("part type message/rfc822", {"body.parts[0].type": "message/rfc822"}, "body.parts[0].type"),
    ("part type multipart", {"body.parts[0].type": "multipart/mixed"}, "body.parts[0].type"),
    ("part encoding unknown", {"body.parts[0].encoding": "uuencode"}, "body.parts[0].encoding"),
    ("part MIME version", {"body.parts[0].version": "2.0"}, "body.parts[0].version"),
    ("part charset unknown", {"body.parts[0].charset": "klingon"}, "body.parts[0].charset"),
    ("part charset not ASCII-compatible", {"body.parts[0].charset": "utf-16"}, "body.parts[0].charset"),
    (
        "content the charset cannot encode",
        {"body.parts[0].charset": "us-ascii", "body.parts[0].content": "Grüße"},
        "body.parts[0].content",
    ),
    (
        "non-ASCII content in 7bit",
        {"body.parts[0].encoding": "7bit", "body.parts[0].content": "Grüße"},
        "body.parts[0].content",
    ),
    (
        "a 999-byte line in 8bit",
        {"body.parts[0].encoding": "8bit", "body.parts[0].content": "x" * 999},
        "body.parts[0].content",
    ),
    # attachments
    ("attachments not a list", {"body.attachments": {"content": PNG}}, "body.attachments"),
    ("attachment content missing", {"body.attachments": attachment(content=DELETE)}, "body.attachments[0].content"),
    (
        "attachment content not base64",
        {"body.attachments": attachment(content="not base64!")},
        "body.attachments[0].content",
    ),
    (
        "attachment base64 of a bad length",
        {"body.attachments": attachment(content="abc")},
        "body.attachments[0].content",
    ),
    (
        "attachment disposition unknown",
        {"body.attachments": attachment(disposition="hidden")},
        "body.attachments[0].disposition",
    ),
    (
        "attachment type message/rfc822",
        {"body.attachments": attachment(type="message/rfc822")},
        "body.attachments[0].type",
    ),
    ("attachment type not a MIME type", {"body.attachments": attachment(type="png")}, "body.attachments[0].type"),
    (
        "attachment filename with a line break",
        {"body.attachments": attachment(filename="a\r\n.png")},
        "body.attachments[0].filename",
    ),
    ("attachment MIME version", {"body.attachments": attachment(version="1.1")}, "body.attachments[0].version"),
    (
        "inline cid not ASCII",
        {"body.attachments": attachment(disposition="inline", cid="lögo")},
        "body.attachments[0].cid",
    ),
    (
        "inline cid with angle brackets inside",
        {"body.attachments": attachment(disposition="inline", cid="a<b")},
        "body.attachments[0].cid",
    ),
    (
        "inline filename not ASCII and no cid",
        {"body.attachments": attachment(disposition="inline", filename="lögo.png")},
        "body.attachments[0].filename",
    ),
]

MIME_CASES = [
    ("mime missing", {"mime": DELETE}, "mime"),
    ("mime not a string", {"mime": 5}, "mime"),
    ("mime blank", {"mime": " \r\n "}, "mime"),
    ("mime without a header section", {"mime": "just some text"}, "mime"),
    (
        "mime with a message/rfc822 part",
        {"mime": "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\n\r\nhi\r\n"},
        "mime",
    ),
    ("mime with an X-SMTPAPI that is not JSON", {"mime": "X-SMTPAPI: nope\r\nSubject: a\r\n\r\nhi\r\n"}, "mime"),
    ("mime channel missing", {"channel": DELETE}, "channel"),
    ("mime channel unknown", {"channel": "nope"}, "channel"),
    ("mime recipients missing", {"recipients": DELETE}, "recipients"),
    ("mime recipients empty", {"recipients": {"to": []}}, "recipients"),
    ("mime bulk_list with to", {"recipients.bulk_list": [{"address": "bob@example.com"}]}, "recipients.bulk_list"),
    ("mime recipient address invalid", {"recipients.to[0].address": "jane"}, "recipients.to[0].address"),
    ("mime originator missing", {"originator": DELETE}, "originator"),
    ("mime originator without from or reply_to", {"originator": {}}, "originator"),
    ("mime from address invalid", {"originator.from.address": "x"}, "originator.from.address"),
]

BIG = "x" * 76 + "\r\n"
SIZE_CASES = [
    # 7.9 MB of bytes is 10.5 MB once in base64 lines
    (
        "generated MIME over 10 MB",
        "/v4/messages",
        message_payload(),
        {"body.attachments": attachment(content=base64.b64encode(b"\0" * 7_900_000).decode())},
        "body",
    ),
    (
        "MIME over 10 MB",
        "/v4/messages/mime",
        mime_payload(),
        {"mime": "Subject: big\r\n\r\n" + BIG * (MAX_MESSAGE_BYTES // len(BIG) + 1)},
        "mime",
    ),
]

CASES = [("/v4/messages", message_payload(), changes, field, name) for name, changes, field in MESSAGE_CASES]
CASES += [("/v4/messages/mime", mime_payload(), changes, field, name) for name, changes, field in MIME_CASES]
CASES += [(path, base, changes, field, name) for name, path, base, changes, field in SIZE_CASES]
IDS = [case[-1] for case in CASES]


@pytest.fixture(scope="module")
def module_sandbox():
    from smtp.sandbox import Sandbox

    with Sandbox(api_keys=("k-123",), channels=(CHANNEL, "other")) as sb:
        yield sb


def test_the_base_requests_are_valid(module_sandbox):
    client = Raw(module_sandbox.url)
    assert client.post("/v4/messages", message_payload()).status == 200
    assert client.post("/v4/messages/mime", mime_payload()).status == 200


@pytest.mark.parametrize("path, base, changes, field, name", CASES, ids=IDS)
def test_raw_http_gets_a_400_naming_the_field(module_sandbox, path, base, changes, field, name):
    before = len(module_sandbox.messages())
    reply = Raw(module_sandbox.url).post(path, changed(base, changes))
    assert reply.status == 400, reply.data[:300]
    assert reply.json["status"] == "fail"
    errors = reply.errors
    assert field in errors, errors
    assert isinstance(errors[field], str) and errors[field]
    assert len(module_sandbox.messages()) == before


def _model(cls: type[smtp.models._base.Model], payload: dict[str, Any]) -> Any:
    """The request as a model when its shape fits, else the model holding the raw JSON values
    (the SDK sends either as it is once client-side validation is off)."""
    if cls.shape_problem(payload) is None:
        return cls.from_dict(payload)
    return cls(**payload)


@pytest.mark.parametrize("path, base, changes, field, name", CASES, ids=IDS)
def test_the_sdk_without_client_checks_gets_a_400_naming_the_field(module_sandbox, path, base, changes, field, name):
    api = sdk_api(module_sandbox.url, validate=False)
    payload = changed(base, changes)
    with pytest.raises(smtp.BadRequestException) as caught:
        if path == "/v4/messages":
            api.v4_messages_post(_model(smtp.InlineObject, payload))
        else:
            api.v4_messages_mime_post(_model(smtp.InlineObject1, payload))
    assert caught.value.status == 400
    assert field in caught.value.errors, caught.value.errors


def test_every_bad_field_is_named_at_once(module_sandbox):
    payload = changed(
        message_payload(),
        {
            "channel": DELETE,
            "recipients.to[0].address": "jane",
            "originator": {},
            "subject": "x" * 1000,
            "custom_headers": {"Bad Name": "x"},
            "body.parts[0].type": "message/rfc822",
        },
    )
    reply = Raw(module_sandbox.url).post("/v4/messages", payload)
    assert reply.status == 400
    assert set(reply.errors) == {
        "channel",
        "recipients.to[0].address",
        "originator",
        "subject",
        "custom_headers",
        "body.parts[0].type",
    }


def test_the_sandbox_and_the_sdk_agree_on_what_is_valid(module_sandbox):
    """For every case the SDK's own validation (client side) refuses the request too, and
    names the same field, unless the rule is one only building the message can check."""
    server_only = {
        "channel unknown", "mime channel unknown", "structural header", "MIME-Version header",
        "date header that is no date", "unique header given twice", "X-SMTPAPI that is not JSON",
        "part type multipart", "part MIME version", "part charset unknown", "part charset not ASCII-compatible",
        "content the charset cannot encode", "non-ASCII content in 7bit", "a 999-byte line in 8bit",
        "attachment MIME version", "inline cid not ASCII", "inline cid with angle brackets inside",
        "inline filename not ASCII and no cid", "mime blank", "mime without a header section",
        "mime with a message/rfc822 part", "mime with an X-SMTPAPI that is not JSON",
    }  # fmt: skip
    for path, base, changes, field, name in CASES:
        payload = changed(base, changes)
        cls = smtp.InlineObject if path == "/v4/messages" else smtp.InlineObject1
        if name in server_only or name.endswith("over 10 MB") or cls.shape_problem(payload) is not None:
            continue  # built-message rules, sizes (checked on the encoded body), shapes no model can hold
        assert field in cls.from_dict(payload).validate(), name


# --------------------------------------------------------------------------------------
# GET /v4/messages parameters
# --------------------------------------------------------------------------------------
GOOD_QUERY = {"start": "0", "limit": "10", "offset": "0", "channel": CHANNEL}
GET_CASES = [
    ("start missing", {"start": None}, "start"),
    ("start blank", {"start": ""}, "start"),
    ("start not a date", {"start": "yesterday"}, "start"),
    ("end not a date", {"end": "2026-01-01"}, "end"),
    ("end before start", {"start": "1700000000", "end": "1600000000"}, "end"),
    ("limit missing", {"limit": None}, "limit"),
    ("limit 0", {"limit": "0"}, "limit"),
    ("limit 1001", {"limit": "1001"}, "limit"),
    ("limit not a number", {"limit": "ten"}, "limit"),
    ("offset missing", {"offset": None}, "offset"),
    ("offset negative", {"offset": "-1"}, "offset"),
    ("offset not a number", {"offset": "x"}, "offset"),
    ("offset beyond int32", {"offset": str(2**31)}, "offset"),
    ("channel missing", {"channel": None}, "channel"),
    ("channel unknown", {"channel": "nope"}, "channel"),
    ("event unknown", {"event": "opened"}, "event"),
]


def _query(changes: dict[str, Any]) -> dict[str, Any]:
    query = {**GOOD_QUERY, **changes}
    return {k: v for k, v in query.items() if v is not None}


@pytest.mark.parametrize("changes, field", [case[1:] for case in GET_CASES], ids=[case[0] for case in GET_CASES])
def test_get_parameters_through_raw_http(module_sandbox, changes, field):
    from urllib.parse import urlencode

    reply = Raw(module_sandbox.url).get("/v4/messages?" + urlencode(_query(changes)))
    assert reply.status == 400
    assert field in reply.errors, reply.errors


@pytest.mark.parametrize("changes, field", [case[1:] for case in GET_CASES], ids=[case[0] for case in GET_CASES])
def test_get_parameters_through_the_sdk_without_client_checks(module_sandbox, changes, field):
    query = _query(changes)
    api = sdk_api(module_sandbox.url, validate=False)
    with pytest.raises(smtp.BadRequestException) as caught:
        api.v4_messages_get(
            query.pop("start", None),
            query.pop("limit", None),
            query.pop("offset", None),
            query.pop("channel", None),
            **query,
        )
    assert field in caught.value.errors, caught.value.errors


def test_get_reports_every_missing_parameter(module_sandbox):
    reply = Raw(module_sandbox.url).get("/v4/messages")
    assert reply.status == 400
    assert set(reply.errors) == {"start", "limit", "offset", "channel"}


def test_a_scalar_parameter_given_twice_is_refused(module_sandbox):
    reply = Raw(module_sandbox.url).get("/v4/messages?start=0&limit=1&limit=2&offset=0&channel=main")
    assert reply.status == 400
    assert reply.errors == {"limit": "must be given once"}


@pytest.mark.parametrize(
    "start", ["0", "Mon, 02 Mar 2020 10:00:00 +0000", "Mon, 02 Mar 2020 10:00:00 GMT", "2 Mar 2020 10:00:00 -0500"]
)
def test_get_accepts_epochs_and_rfc_2822_dates(module_sandbox, start):
    from urllib.parse import urlencode

    reply = Raw(module_sandbox.url).get(
        "/v4/messages?" + urlencode({**GOOD_QUERY, "start": start, "event": "delivered"})
    )
    assert reply.status == 200, reply.data


def test_every_malformed_field_is_named_in_one_reply(smtp_sandbox):
    raw = Raw(smtp_sandbox.url, smtp_sandbox.api_key)
    try:
        body = {"channel": "main", "recipients": {"to": "jane@example.com"}, "originator": [], "body": {"parts": {}}}
        reply = raw.post("/v4/messages", body)
    finally:
        raw.close()
    assert reply.status == 400
    assert set(reply.json["data"]["errors"]) == {"recipients.to", "originator", "body.parts"}

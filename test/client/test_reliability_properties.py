"""Property tests: whatever JSON a server sends, decoding raises nothing but SDK exceptions;
whatever header text a caller gives, no CR or LF reaches the wire."""

from __future__ import annotations

import json
import string
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from support.servers import MisbehavingServer, messages_api, read_page

import smtp
from smtp import models
from smtp.validation import has_line_break

MODEL_NAMES = sorted(models.__all__)
MODELS = [getattr(models, name) for name in MODEL_NAMES]
# JSON keys the models know, so that random objects often hit real fields at any depth
KEYS = sorted({key for cls in MODELS for key in cls.attribute_map.values()})

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=6)
    ),
    max_leaves=40,
)

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


class Reply:
    """The parts of a RESTResponse that deserialize reads."""

    def __init__(self, data: bytes, content_type: str = "application/json") -> None:
        self.status = 200
        self.reason = "OK"
        self.data = data
        self._headers = {"Content-Type": content_type}

    def getheader(self, name: str, default: str | None = None) -> str | None:
        return self._headers.get(name, default)

    def getheaders(self) -> dict[str, str]:
        return self._headers


CLIENT = smtp.ApiClient(smtp.Configuration(host="http://127.0.0.1:9"))


def decode_all_ways(name: str, value: Any) -> None:
    cls = getattr(models, name)
    for decode in (lambda: cls.from_dict(value), lambda: CLIENT.deserialize(Reply(json.dumps(value).encode()), name)):
        try:
            result = decode()
        except smtp.ApiException:
            continue
        assert isinstance(result, cls)


@SETTINGS
@given(name=st.sampled_from(MODEL_NAMES), value=json_values)
def test_any_json_given_to_any_model_decoder_raises_only_sdk_exceptions(name, value):
    decode_all_ways(name, value)


@SETTINGS
@given(
    name=st.sampled_from(["MessagesResponse", "PostMessageResponse", "MimeResponse"]),
    status=json_values,
    data=json_values,
)
def test_any_data_inside_the_reply_envelope_raises_only_sdk_exceptions(name, status, data):
    decode_all_ways(name, {"status": status, "data": data})


@SETTINGS
@given(
    raw=st.binary(max_size=200),
    content_type=st.sampled_from(["application/json", "text/html", "", "application/json; charset=latin-1"]),
)
def test_any_bytes_as_a_reply_body_raise_only_unexpected_response_errors(raw, content_type):
    try:
        CLIENT.deserialize(Reply(raw, content_type), "MessagesResponse")
    except smtp.UnexpectedResponseError:
        pass


header_text = st.text(st.characters(codec="utf-8") | st.sampled_from("\r\n\x00\t :"), max_size=12)
TOKEN = frozenset("!#$%&'*+-.^_`|~" + string.ascii_letters + string.digits)
header_names = st.text(st.sampled_from(sorted(TOKEN)), min_size=1, max_size=12) | header_text


# headers that HTTP or the SDK itself sets on each request
RESERVED = {
    "host",
    "accept",
    "accept-encoding",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "user-agent",
    "cookie",
    "x-smtpcom-api",
    "authorization",
    "expect",
    "te",
    "trailer",
    "upgrade",
}


def acceptable(name: str, value: str) -> bool:
    """What HTTP can carry: a token name, a Latin-1 value without control characters but TAB, and
    without NEL (U+0085), which Python's email parser takes for a line break."""
    return (
        bool(name)
        and TOKEN.issuperset(name)
        and all(c == "\t" or 32 <= ord(c) <= 255 and ord(c) not in (127, 0x85) for c in value)
    )


@pytest.fixture(scope="module")
def wire() -> Iterator[tuple[MisbehavingServer, smtp.MessagesApi]]:
    with MisbehavingServer() as server, messages_api(server.url, timeout=(5, 5)) as api:
        yield server, api


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=header_names, value=header_text)
def test_random_header_names_and_values_never_reach_the_wire_with_cr_or_lf(wire, name, value):
    assume(name.lower() not in RESERVED)
    server, api = wire
    client = api.api_client
    if not acceptable(name, value):
        with pytest.raises(smtp.ApiValueError):
            client.set_default_header(name, value)
        assert name not in client.default_headers
        return
    assert not has_line_break(name) and not has_line_break(value)
    client.set_default_header(name, value)
    try:
        before = server.count
        read_page(api)
        assert server.count == before + 1
        lines = [
            line
            for line in server.last.raw_head.split(b"\r\n")[1:]
            if line.split(b":", 1)[0].decode("latin-1").lower() == name.lower()
        ]
        assert len(lines) == 1
        assert lines[0].split(b":", 1)[1].strip(b" \t") == value.encode("latin-1").strip(b" \t")
    finally:
        del client.default_headers[name]


@SETTINGS
@given(name=header_text, value=header_text | st.lists(header_text, max_size=3))
def test_custom_headers_with_cr_or_lf_never_pass_model_validation(name, value):
    errors = smtp.InlineObject(
        channel="main",
        recipients=smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(address="jane@example.com")]),
        originator=smtp.V4MessagesOriginator(
            _from=smtp.V4MessagesRecipientsTo(name=value if isinstance(value, str) else "x", address="s@example.com")
        ),
        custom_headers={name: value},
    ).validate()
    values = [value] if isinstance(value, str) else value
    if has_line_break(name) or any(has_line_break(v) for v in values):
        assert "custom_headers" in errors
    if isinstance(value, str) and has_line_break(value):
        assert "originator.from.name" in errors


def test_a_header_value_with_nel_is_refused_like_the_other_line_breaks():
    """U+0085 is Latin-1 but a line break to Python's email parser (found by the property above)."""
    config = smtp.Configuration(host="http://127.0.0.1:9", api_key={"apiKey": "k"})
    with smtp.ApiClient(config) as client, pytest.raises(smtp.ApiValueError):
        client.set_default_header("X-Note", "a\x85b")

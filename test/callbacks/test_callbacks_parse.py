"""smtp.callbacks.parse: the service's batches read into typed events, and nothing but
CallbackError for anything else."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from smtp.callbacks import EVENTS, LABELS, CallbackError, CallbackEvent, event_name, parse

UTC = datetime.timezone.utc

#: the shape of the service's documented bounce example (values our own)
BOUNCE = {
    "id": "0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f",
    "event_label": "bounce",
    "sender_id": 4242,
    "tracking_id": "7f1e2d3c-0000-4000-8000-00000000abcd",
    "mail_from": "shop@example.com",
    "rcpt_to": "jane@example.net",
    "subject": "Your order",
    "time_started": 1764000000,
    "time_finished": 1764000003,
    "tries": 1,
    "resp_code": 550,
    "resp_class": 10,
    "resp_msg": "5.1.1 <jane@example.net>: no such user",
    "orderID": "A-17",
    "userID": "123",
}


def test_the_documented_fields_are_typed_and_the_rest_are_unique_args() -> None:
    (event,) = parse(json.dumps([BOUNCE]).encode())
    assert event.id == BOUNCE["id"]
    assert event.label == "bounce" and event.event == "failed"
    assert event.sender_id == "4242"  # identifiers are text
    assert event.tracking_id == BOUNCE["tracking_id"]
    assert (event.mail_from, event.rcpt_to, event.subject) == ("shop@example.com", "jane@example.net", "Your order")
    assert event.time_started == datetime.datetime.fromtimestamp(1764000000, UTC)
    assert event.time_finished is not None and event.time_finished.tzinfo is UTC
    assert (event.tries, event.resp_code, event.resp_class) == (1, 550, 10)
    assert event.resp_msg == BOUNCE["resp_msg"]
    assert event.unique_args == {"orderID": "A-17", "userID": "123"}


def test_to_dict_gives_back_the_service_format() -> None:
    (event,) = parse(json.dumps(BOUNCE))
    assert event.to_dict() == {**BOUNCE, "sender_id": "4242"}


def test_a_single_object_is_a_batch_of_one_and_a_batch_keeps_its_order() -> None:
    assert len(parse(json.dumps(BOUNCE).encode())) == 1
    batch = [dict(BOUNCE, id=str(n)) for n in range(1000)]
    assert [e.id for e in parse(json.dumps(batch).encode())] == [str(n) for n in range(1000)]


def test_unknown_keys_and_labels_are_kept() -> None:
    (event,) = parse(b'[{"id": "x", "event_label": "Teleported", "weird": {"deep": [1, null]}}]')
    assert event.label == "Teleported" and event.event == "Teleported"
    assert event.unique_args == {"weird": {"deep": [1, None]}}


def test_absent_and_null_fields_are_none() -> None:
    (event,) = parse(b'{"id": null}')
    assert event == CallbackEvent(id=None, label=None, event=None)
    assert event.unique_args == {}


@pytest.mark.parametrize("name", EVENTS)
def test_every_subscription_name_maps_to_itself(name: str) -> None:
    assert event_name(name) == name
    assert event_name(f" {name.upper()} ") == name


@pytest.mark.parametrize(("label", "name"), sorted(LABELS.items()))
def test_the_known_labels_map_to_subscription_names(label: str, name: str) -> None:
    assert name in EVENTS
    (event,) = parse(json.dumps({"event_label": label}))
    assert event.event == name and event.label == label


def test_numbers_sent_as_text_and_fractional_times_are_read() -> None:
    (event,) = parse(b'{"time_started": "1764000000", "time_finished": 1764000000.5, "tries": "2"}')
    assert event.time_started == datetime.datetime(2025, 11, 24, 16, 0, tzinfo=UTC)
    assert event.time_finished == event.time_started + datetime.timedelta(seconds=0.5)
    assert event.tries == 2


@pytest.mark.parametrize(
    ("body", "says"),
    [
        (b"", "empty"),
        (b"   ", "empty"),
        (b"<html>", "not JSON"),
        (b"\xff\xfe", "not UTF-8"),
        (b"42", "got a number"),
        (b"[]", "batch is empty"),
        (b'["x"]', "[0]: expected an event object, got a string"),
        (b'[{}, {"tries": "three"}]', "[1].tries: must be an integer, got a string"),
        (b'[{"time_started": true}]', "[0].time_started: must be UNIX seconds, got a boolean"),
        (b'[{"time_finished": 1e300}]', "[0].time_finished: must be UNIX seconds within"),
        (b'[{"id": {"a": 1}}]', "[0].id: must be a string or an integer, got an object"),
        (b'[{"subject": 5}]', "[0].subject: must be a string, got a number"),
        (b'[{"resp_code": NaN}]', "not JSON"),
        (b"[" * 50_000 + b"]" * 50_000, "not JSON"),
    ],
)
def test_what_is_wrong_is_said(body: bytes, says: str) -> None:
    with pytest.raises(CallbackError) as caught:
        parse(body)
    assert says in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_an_error_never_quotes_the_body() -> None:
    with pytest.raises(CallbackError) as caught:
        parse(b'[{"subject": ["my-secret-value"]}]')
    assert "my-secret-value" not in str(caught.value)


# --------------------------------------------------------------------------------------
# hypothesis: anything at all, and near-misses of real events
# --------------------------------------------------------------------------------------
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12,
)
_near_event = st.fixed_dictionaries(
    {},
    optional={key: _json_values | st.just(BOUNCE[key]) for key in BOUNCE},
)


def _check(body: Any) -> None:
    try:
        events = parse(body)
    except CallbackError:
        return
    assert events and all(isinstance(event, CallbackEvent) for event in events)
    for event in events:
        for when in (event.time_started, event.time_finished):
            assert when is None or when.utcoffset() == datetime.timedelta(0)
        json.dumps(event.to_dict(), default=str)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_parse_of_any_bytes_raises_only_callback_error(body: bytes) -> None:
    _check(body)


@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_parse_of_any_json_raises_only_callback_error(value: Any) -> None:
    _check(json.dumps(value).encode())


@settings(max_examples=500, deadline=None)
@given(st.lists(_near_event, min_size=1, max_size=5) | _near_event)
def test_parse_of_near_miss_events_raises_only_callback_error(value: Any) -> None:
    _check(json.dumps(value).encode())


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_of_any_text_raises_only_callback_error(body: str) -> None:
    _check(body)

"""The sandbox's callbacks over raw HTTP: one per channel and event, http or SQS; list,
delete all, and the (empty until delivery) log."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.resource_http import Raw

from smtp.sandbox import Sandbox

HTTP = {"channel": "main", "medium": "http", "address": "https://hooks.example.com/smtp"}
SQS = {"channel": "main", "medium": "sqs", "address": "my-queue", "aws_data": '{"key": "k", "secret": "s"}'}


@pytest.fixture
def raw() -> Iterator[Raw]:
    with Sandbox() as sandbox:
        yield Raw(sandbox.url)


def test_create_get_update_delete(raw: Raw) -> None:
    assert raw.ok("POST", "/v4/callbacks/delivered", HTTP)["data"] == {"callback": "created"}
    got = raw.ok("GET", "/v4/callbacks/delivered", {"channel": "main"})["data"]
    assert got == {**HTTP, "event": "delivered", "aws_data": None}
    raw.ok("PATCH", "/v4/callbacks/delivered", {"channel": "main", "address": "http://other.example/cb"})
    assert raw.ok("GET", "/v4/callbacks/delivered", {"channel": "main"})["data"]["address"] == "http://other.example/cb"
    raw.ok("PATCH", "/v4/callbacks/delivered", {k: v for k, v in SQS.items() if k != "address"})
    changed = raw.ok("GET", "/v4/callbacks/delivered", {"channel": "main"})["data"]
    assert changed["medium"] == "sqs" and changed["aws_data"] == SQS["aws_data"]
    raw.ok("DELETE", "/v4/callbacks/delivered", {"channel": "main"})
    assert "event" in raw.errors("GET", "/v4/callbacks/delivered", {"channel": "main"}, status=404)


def test_list_and_delete_all(raw: Raw) -> None:
    raw.ok("POST", "/v4/callbacks/delivered", HTTP)
    raw.ok("POST", "/v4/callbacks/failed", SQS)
    raw.ok("POST", "/v4/callbacks/opened", {**HTTP, "channel": "promo"})
    items = raw.ok("GET", "/v4/callbacks/")["data"]["items"]
    assert [(i["channel"], i["event"], i["medium"]) for i in items] == [
        ("main", "delivered", "http"),
        ("main", "failed", "sqs"),
        ("promo", "opened", "http"),
    ]
    assert raw.ok("DELETE", "/v4/callbacks/")["data"] == {"callbacks": "deleted"}
    assert raw.ok("GET", "/v4/callbacks/")["data"]["items"] == []


def test_bad_input(raw: Raw) -> None:
    assert "event" in raw.errors("POST", "/v4/callbacks/exploded", HTTP)
    assert set(raw.errors("POST", "/v4/callbacks/delivered")) == {"channel", "medium", "address"}
    assert "medium" in raw.errors("POST", "/v4/callbacks/delivered", {**HTTP, "medium": "pigeon"})
    assert "address" in raw.errors("POST", "/v4/callbacks/delivered", {**HTTP, "address": "ftp://x/y"})
    assert "aws_data" in raw.errors("POST", "/v4/callbacks/delivered", {**SQS, "aws_data": "not json"})
    assert "aws_data" in raw.errors(
        "POST", "/v4/callbacks/delivered", {k: v for k, v in SQS.items() if k != "aws_data"}
    )
    raw.ok("POST", "/v4/callbacks/delivered", HTTP)
    assert "PATCH" in raw.errors("POST", "/v4/callbacks/delivered", HTTP)["event"]
    assert "address" in raw.errors("PATCH", "/v4/callbacks/delivered", {"channel": "main", "address": "nowhere"})
    assert raw.ok("GET", "/v4/callbacks/delivered", {"channel": "main"})["data"]["address"] == HTTP["address"]
    raw.errors("PATCH", "/v4/callbacks/failed", {"channel": "main", "medium": "http"}, status=404)
    raw.errors("DELETE", "/v4/callbacks/failed", {"channel": "main"}, status=404)


def test_unknown_channel_once_channels_exist(raw: Raw) -> None:
    raw.ok("POST", "/v4/channels/", {"name": "main", "smtp_username": "u", "smtp_password": "p", "quota": 10})
    raw.ok("POST", "/v4/callbacks/delivered", HTTP)
    assert "unknown channel" in raw.errors("POST", "/v4/callbacks/delivered", {**HTTP, "channel": "x"})["channel"]
    raw.ok("DELETE", "/v4/channels/main")
    assert raw.ok("GET", "/v4/callbacks/")["data"]["items"] == []


def test_log_is_empty_until_delivery(raw: Raw) -> None:
    raw.ok("POST", "/v4/callbacks/delivered", HTTP)
    assert raw.ok("GET", "/v4/callbacks/log", {"channel": "main", "limit": "5"})["data"] == {"items": []}
    assert raw.errors("GET", "/v4/callbacks/log") == {"channel": "is required"}
    assert "limit" in raw.errors("GET", "/v4/callbacks/log", {"channel": "main", "limit": "0"})


def test_log_reads_the_delivery_attempts() -> None:
    with Sandbox() as sandbox:
        assert sandbox.store is not None
        sandbox.store.transaction(
            lambda db: db.executemany(
                "INSERT INTO callback_attempts (channel, event, address, time, code, msg) VALUES (?, ?, ?, ?, ?, ?)",
                [("main", "delivered", "http://x", 1700000000 + i, 200 + i, f"attempt {i}") for i in range(3)],
            )
        )
        items = Raw(sandbox.url).ok("GET", "/v4/callbacks/log", {"channel": "main", "limit": 2})["data"]["items"]
    assert [(i["code"], i["msg"]) for i in items] == [(202, "attempt 2"), (201, "attempt 1")]
    assert items[0]["time"].endswith("+0000")

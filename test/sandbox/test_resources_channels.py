"""The sandbox's channels over raw HTTP: create, list, get, update, delete; bad input; unknown
names; names that need escaping; and the rule that refuses sends to other channels once any
channel exists (or ``channels=`` is given)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.resource_http import Raw, path_segment

from smtp.sandbox import Sandbox

NEW = {"name": "news", "smtp_username": "news@example.com", "smtp_password": "s3cret", "quota": 1000}


@pytest.fixture
def raw() -> Iterator[Raw]:
    with Sandbox() as sandbox:
        yield Raw(sandbox.url)


def send(raw: Raw, channel: str) -> tuple[int, dict]:
    return raw.send(channel)  # type: ignore[no-any-return]


def test_create_list_get_update_delete(raw: Raw) -> None:
    created = raw.ok("POST", "/v4/channels/", NEW)["data"]
    assert created["label"] == "news" and created["quota"] == 1000 and created["smtp_username"] == "news@example.com"
    assert "smtp_password" not in created and "s3cret" not in str(created)
    (item,) = raw.ok("GET", "/v4/channels/")["data"]["items"]
    assert item["name"] == "news" and item["status"] == "active" and item["usage"] == 0
    assert raw.ok("GET", "/v4/channels/news")["data"]["quota"] == 1000
    updated = raw.ok("PATCH", "/v4/channels/news", {"quota": 5, "smtp_password": "other"})["data"]
    assert updated["quota"] == 5 and updated["smtp_username"] == "news@example.com"
    assert raw.ok("DELETE", "/v4/channels/news")["data"]["label"] == "news"
    assert raw.ok("GET", "/v4/channels/")["data"]["items"] == []
    assert "name" in raw.errors("GET", "/v4/channels/news", status=404)


def test_without_trailing_slash_too(raw: Raw) -> None:
    raw.ok("POST", "/v4/channels", NEW)
    assert len(raw.ok("GET", "/v4/channels")["data"]["items"]) == 1


def test_a_name_with_a_slash_is_one_path_segment(raw: Raw) -> None:
    raw.ok("POST", "/v4/channels/", {**NEW, "name": "a/b c"})
    assert raw.ok("GET", "/v4/channels/" + path_segment("a/b c"))["data"]["label"] == "a/b c"
    raw.errors("GET", "/v4/channels/a/b c".replace(" ", "%20"), status=404)


def test_bad_input_names_every_field(raw: Raw) -> None:
    errors = raw.errors("POST", "/v4/channels/", {"name": "x", "quota": "0"})
    assert set(errors) == {"smtp_username", "smtp_password", "quota"}
    assert "between 1" in errors["quota"]
    assert set(raw.errors("POST", "/v4/channels/", {**NEW, "quota": "many"})) == {"quota"}
    assert set(raw.errors("PATCH", "/v4/channels/x", {"quota": "-3"})) == {"quota"}
    assert raw.ok("GET", "/v4/channels/")["data"]["items"] == []


def test_a_second_channel_of_the_same_name_is_refused_and_nothing_changes(raw: Raw) -> None:
    raw.ok("POST", "/v4/channels/", NEW)
    assert "already exists" in raw.errors("POST", "/v4/channels/", {**NEW, "quota": 7})["name"]
    assert raw.ok("GET", "/v4/channels/news")["data"]["quota"] == 1000


def test_unknown_names_are_404(raw: Raw) -> None:
    for method in ("GET", "PATCH", "DELETE"):
        assert "no channel" in raw.errors(method, "/v4/channels/ghost", {"quota": 3}, status=404)["name"]


def test_wrong_verb_is_405_with_allow(raw: Raw) -> None:
    status, data, headers = raw.request("PUT", "/v4/channels/news")
    assert status == 405 and headers["allow"] == "DELETE, GET, PATCH"


def test_needs_a_key(raw: Raw) -> None:
    status, data, _ = raw.request("GET", "/v4/channels/", key="")
    assert status == 401 and data == {"status": "fail", "data": {"api_key": "invalid"}}


def test_sends_stay_permissive_without_channels(raw: Raw) -> None:
    assert send(raw, "anything")[0] == 200


def test_once_a_channel_exists_sends_to_others_are_refused(raw: Raw) -> None:
    raw.ok("POST", "/v4/channels/", NEW)
    assert send(raw, "news")[0] == 200
    status, data = send(raw, "other")
    assert status == 400 and "unknown channel 'other'" in data["data"]["errors"]["channel"]
    assert raw.ok("GET", "/v4/channels/news")["data"]["usage"] == 1
    raw.ok("DELETE", "/v4/channels/news")
    assert send(raw, "other")[0] == 200


def test_channels_given_at_start_exist() -> None:
    with Sandbox(channels=["main", "promo"]) as sandbox:
        raw = Raw(sandbox.url)
        names = [c["name"] for c in raw.ok("GET", "/v4/channels/")["data"]["items"]]
        assert sorted(names) == ["main", "promo"]
        assert send(raw, "main")[0] == 200
        assert send(raw, "other")[0] == 400

"""The sandbox's API keys (a created key authenticates, a deleted one is refused) and account
(details from the store, contact updates kept), over raw HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.resource_http import Raw

from smtp.sandbox import Sandbox


@pytest.fixture
def strict() -> Iterator[Raw]:
    """A sandbox that accepts only the key ``admin`` (and the keys created through it)."""
    with Sandbox(api_keys=["admin"]) as sandbox:
        yield Raw(sandbox.url, key="admin")


@pytest.fixture
def raw() -> Iterator[Raw]:
    with Sandbox() as sandbox:
        yield Raw(sandbox.url)


def test_a_created_key_authenticates_until_deleted(strict: Raw) -> None:
    status, _, _ = strict.request("GET", "/v4/account/", key="not-yet")
    assert status == 401
    created = strict.ok("POST", "/v4/api_keys/", {"name": "ci", "description": "for CI"})
    key = created["key"]
    assert len(key) == 40 and created["status"] == "active" and created["data"]["name"] == "ci"
    assert created["descrption"] == "for CI"  # as the generated model spells it
    assert strict.request("GET", "/v4/account/", key=key)[0] == 200
    assert strict.request("GET", "/v4/channels/", query={"api_key": key}, key="")[0] == 200
    strict.ok("DELETE", f"/v4/api_keys/{key}")
    assert strict.request("GET", "/v4/account/", key=key)[0] == 401
    assert strict.errors("GET", f"/v4/api_keys/{key}", status=404) == {"api_key": "no such API key is registered"}


def test_a_deleted_key_is_refused_even_by_a_permissive_sandbox(raw: Raw) -> None:
    key = raw.ok("POST", "/v4/api_keys/", {"name": "tmp"})["key"]
    raw.ok("DELETE", f"/v4/api_keys/{key}")
    assert raw.request("GET", "/v4/account/", key=key)[0] == 401
    assert raw.request("GET", "/v4/account/", key="anything-else")[0] == 200


def test_list_get_update(raw: Raw) -> None:
    first = raw.ok("POST", "/v4/api_keys/", {"name": "one"})["key"]
    second = raw.ok("POST", "/v4/api_keys/", {"name": "two", "description": "2"})["key"]
    items = raw.ok("GET", "/v4/api_keys/")["data"]["items"]
    assert [i["key"] for i in items] == [first, second]
    assert raw.ok("GET", f"/v4/api_keys/{second}")["data"]["description"] == "2"
    updated = raw.ok("PATCH", f"/v4/api_keys/{first}", {"name": "renamed", "description": "new"})
    assert updated["data"]["name"] == "renamed" and updated["descrption"] == "new"


def test_key_bad_input(raw: Raw) -> None:
    assert raw.errors("POST", "/v4/api_keys/", {"description": "no name"}) == {"name": "is required"}
    assert raw.errors("POST", "/v4/api_keys/", {"name": "  "}) == {"name": "is required"}
    for method in ("GET", "PATCH", "DELETE"):
        assert "api_key" in raw.errors(method, "/v4/api_keys/0000", status=404)
    assert raw.ok("GET", "/v4/api_keys/")["data"]["items"] == []


def test_account_details_and_usage(raw: Raw) -> None:
    data = raw.ok("GET", "/v4/account/")["data"]
    assert data["status"] == "active" and data["usage"] == 0
    assert data["date_created"] == data["date created"] > 0
    assert set(data["address"]) == {"street", "city", "state", "country"}


def test_contact_update_is_kept(raw: Raw) -> None:
    reply = raw.ok(
        "PATCH",
        "/v4/account/contact",
        {"first_name": "Ada", "email": "ada@example.com", "address.street": "1 Main St", "address.country": "UK"},
    )
    assert reply == {"status": "success", "data": {"account": "updated"}}
    data = raw.ok("GET", "/v4/account/")["data"]
    assert data["first_name"] == "Ada" and data["email"] == "ada@example.com"
    assert data["address"]["street"] == "1 Main St" and data["address"]["country"] == "UK"
    assert data["last_name"] == "User"


def test_contact_bad_input_changes_nothing(raw: Raw) -> None:
    assert "email" in raw.errors("PATCH", "/v4/account/contact", {"email": "not-an-address", "first_name": "X"})
    assert "contact" in raw.errors("PATCH", "/v4/account/contact")
    assert raw.ok("GET", "/v4/account/")["data"]["first_name"] == "Sandbox"

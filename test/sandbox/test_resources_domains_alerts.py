"""The sandbox's domains with their DKIM keys, and its alerts, over raw HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.resource_http import Raw, fake_pem

from smtp.sandbox import Sandbox


@pytest.fixture
def raw() -> Iterator[Raw]:
    with Sandbox() as sandbox:
        yield Raw(sandbox.url)


def test_domain_register_list_get_disable_delete(raw: Raw) -> None:
    assert raw.ok("POST", "/v4/domains/", {"domain_name": "Example.com"})["data"] == {"domain_name": "created"}
    raw.ok("POST", "/v4/domains/", {"domain_name": "mail.example.org"})
    items = raw.ok("GET", "/v4/domains/")["data"]["items"]
    assert items == [
        {"domain_name": "example.com", "enabled": True},
        {"domain_name": "mail.example.org", "enabled": True},
    ]
    assert raw.ok("PATCH", "/v4/domains/example.com", {"enabled": "False"})["data"] == {"domain": "updated"}
    assert raw.ok("GET", "/v4/domains/example.com")["data"] == {"domain_name": "example.com", "enabled": False}
    raw.ok("PATCH", "/v4/domains/example.com", {"enabled": "true"})
    assert raw.ok("GET", "/v4/domains/example.com")["data"]["enabled"] is True
    assert raw.ok("DELETE", "/v4/domains/example.com")["data"] == {"domain": "deleted"}
    assert "domain_name" in raw.errors("GET", "/v4/domains/example.com", status=404)


def test_domain_bad_input(raw: Raw) -> None:
    assert "domain_name" in raw.errors("POST", "/v4/domains/", {"domain_name": "not a domain"})
    assert raw.errors("POST", "/v4/domains/") == {"domain_name": "is required"}
    raw.ok("POST", "/v4/domains/", {"domain_name": "example.com"})
    assert "already" in raw.errors("POST", "/v4/domains/", {"domain_name": "example.com"})["domain_name"]
    assert "enabled" in raw.errors("PATCH", "/v4/domains/example.com", {"enabled": "maybe"})
    assert "enabled" in raw.errors("PATCH", "/v4/domains/example.com")
    for method in ("GET", "DELETE"):
        raw.errors(method, "/v4/domains/nowhere.test", status=404)


def test_dkim_add_get_update_delete(raw: Raw) -> None:
    raw.ok("POST", "/v4/domains/", {"domain_name": "example.com"})
    pem = fake_pem()
    added = raw.ok("POST", "/v4/domains/example.com/dkim_keys", {"selector": "s1", "private_key": pem})
    assert added["data"] == {"dkim_key": "created"}
    got = raw.ok("GET", "/v4/domains/example.com/dkim_keys")["data"]
    assert got == {"domain_name": "example.com", "selector": "s1", "private_key": pem, "is_valid": False}
    rsa = fake_pem("RSA PRIVATE KEY")
    raw.ok("PATCH", "/v4/domains/example.com/dkim_keys", {"selector": "s2", "private_key": rsa})
    assert raw.ok("GET", "/v4/domains/example.com/dkim_keys")["data"]["selector"] == "s2"
    assert raw.ok("DELETE", "/v4/domains/example.com/dkim_keys")["data"] == {"dkim_key": "deleted"}
    raw.errors("GET", "/v4/domains/example.com/dkim_keys", status=404)


def test_dkim_bad_input(raw: Raw) -> None:
    raw.ok("POST", "/v4/domains/", {"domain_name": "example.com"})
    path = "/v4/domains/example.com/dkim_keys"
    errors = raw.errors("POST", path, {"selector": "bad selector", "private_key": "just text"})
    assert set(errors) == {"selector", "private_key"} and "PEM" in errors["private_key"]
    broken = fake_pem().replace("A", "!")
    assert "private_key" in raw.errors("POST", path, {"selector": "s1", "private_key": broken})
    assert set(raw.errors("POST", path)) == {"selector", "private_key"}
    raw.errors("GET", path, status=404)
    raw.errors("POST", "/v4/domains/other.com/dkim_keys", {"selector": "s", "private_key": fake_pem()}, status=404)
    raw.ok("POST", path, {"selector": "s1", "private_key": fake_pem()})
    assert "PATCH" in raw.errors("POST", path, {"selector": "s9", "private_key": fake_pem()})["domain_name"]
    assert raw.ok("GET", path)["data"]["selector"] == "s1"


def test_deleting_a_domain_deletes_its_key(raw: Raw) -> None:
    raw.ok("POST", "/v4/domains/", {"domain_name": "example.com"})
    raw.ok("POST", "/v4/domains/example.com/dkim_keys", {"selector": "s1", "private_key": fake_pem()})
    raw.ok("DELETE", "/v4/domains/example.com")
    raw.ok("POST", "/v4/domains/", {"domain_name": "example.com"})
    raw.errors("GET", "/v4/domains/example.com/dkim_keys", status=404)


def test_alerts_create_list_get_update_delete(raw: Raw) -> None:
    created = raw.ok("POST", "/v4/alerts/", {"type": "monthly_quota", "threshold": "0.5"})["data"]
    assert created["alert"] == "created"
    alert_id = created["alert_id"]
    raw.ok("POST", "/v4/alerts/", {"type": "monthly_quota"})
    items = raw.ok("GET", "/v4/alerts/")["data"]["items"]
    assert [(i["type"], i["threshold"]) for i in items] == [("monthly_quota", "0.5"), ("monthly_quota", "1")]
    assert raw.ok("GET", f"/v4/alerts/{alert_id}")["data"] == {
        "type": "monthly_quota",
        "threshold": "0.5",
        "alert_id": alert_id,
    }
    assert raw.ok("PATCH", f"/v4/alerts/{alert_id}", {"threshold": "0.9"})["data"] == {"alert": "updated"}
    assert raw.ok("GET", f"/v4/alerts/{alert_id}")["data"]["threshold"] == "0.9"
    assert raw.ok("DELETE", f"/v4/alerts/{alert_id}")["data"] == {"alert": "deleted"}
    assert "alert_id" in raw.errors("GET", f"/v4/alerts/{alert_id}", status=404)


def test_alerts_bad_input(raw: Raw) -> None:
    assert "type" in raw.errors("POST", "/v4/alerts/", {"type": "daily_spend"})
    assert "threshold" in raw.errors("POST", "/v4/alerts/", {"type": "monthly_quota", "threshold": "lots"})
    assert "threshold" in raw.errors("POST", "/v4/alerts/", {"type": "monthly_quota", "threshold": "0.3"})
    assert raw.ok("GET", "/v4/alerts/")["data"]["items"] == []
    for method in ("GET", "PATCH", "DELETE"):
        raw.errors(method, "/v4/alerts/ghost", {"threshold": "1"}, status=404)

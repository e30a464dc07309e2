"""Each sandbox resource through the SDK's own API classes: what the client sends, the sandbox
understands, and what the sandbox answers, the SDK's models decode."""

from __future__ import annotations

import urllib.request
from collections.abc import Iterator

import pytest
from support.resource_http import fake_pem

import smtp
from smtp.sandbox import Sandbox

KEY = "admin"


def client_for(url: str, key: str = KEY, validate: bool = True) -> smtp.ApiClient:
    configuration = smtp.Configuration(host=url, api_key={"apiKey": key})
    configuration.retries = smtp.RetryPolicy(total=0)
    configuration.client_side_validation = validate
    return smtp.ApiClient(configuration)


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    with Sandbox(api_keys=[KEY]) as sandbox:
        yield sandbox


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[smtp.ApiClient]:
    with client_for(sandbox.url) as client:
        yield client


def test_channels(client: smtp.ApiClient) -> None:
    api = smtp.ChannelsApi(client)
    created = api.v4_channels_post("team/a", "team@example.com", "pw", 100)
    assert isinstance(created, smtp.Channel) and created.data.label == "team/a" and created.data.quota == 100
    listed = api.v4_channels_get()
    assert isinstance(listed, smtp.Channels) and [c.name for c in listed.data.items] == ["team/a"]
    assert api.get_sender("team/a").data.smtp_username == "team@example.com"
    assert api.v4_channels_name_patch("team/a", quota=7).data.quota == 7
    assert api.v4_channels_name_delete("team/a").data.label == "team/a"
    with pytest.raises(smtp.NotFoundException):
        api.get_sender("team/a")


def test_channels_without_path_parameters(client: smtp.ApiClient) -> None:
    api = smtp.ChannelsApi(client)
    assert api.v4_channels_post("main", "u", "p", 5).data.quota == 5
    assert api.v4_channels_get().data.items[0].name == "main"


def test_the_sandbox_refuses_what_client_side_validation_would(sandbox: Sandbox) -> None:
    with client_for(sandbox.url, validate=False) as client:
        with pytest.raises(smtp.BadRequestException) as caught:
            smtp.ChannelsApi(client).v4_channels_post("x", "u", "p", 0)
    assert "quota" in caught.value.errors


def test_api_keys(client: smtp.ApiClient, sandbox: Sandbox) -> None:
    api = smtp.APIKeysApi(client)
    created = api.v4_api_keys_post("ci", description="for CI")
    assert isinstance(created, smtp.APIKey) and len(created.key) == 40 and created.descrption == "for CI"
    assert [k.key for k in api.v4_api_keys_get().data.items] == [created.key]
    with client_for(sandbox.url, key=created.key) as other:
        assert smtp.AccountApi(other).v4_account_get().data.status == "active"
    with client_for(sandbox.url, key="never-made") as other, pytest.raises(smtp.UnauthorizedException):
        smtp.AccountApi(other).v4_account_get()


def test_api_key_by_path(client: smtp.ApiClient, sandbox: Sandbox) -> None:
    api = smtp.APIKeysApi(client)
    key = api.v4_api_keys_post("tmp").key
    assert api.get_api_key(key).key == key
    assert api.v4_api_keys_api_key_patch(key, name="renamed").key == key
    assert api.v4_api_keys_api_key_delete(key).status == "success"
    with client_for(sandbox.url, key=key) as other, pytest.raises(smtp.UnauthorizedException):
        smtp.AccountApi(other).v4_account_get()


def test_account(client: smtp.ApiClient) -> None:
    api = smtp.AccountApi(client)
    reply = api.v4_account_contact_patch(first_name="Ada", address_street="1 Main St", address_country="UK")
    assert isinstance(reply, smtp.UpdateAccountResponse) and reply.data.account == "updated"
    account = api.v4_account_get()
    assert isinstance(account, smtp.Account)
    assert account.data.first_name == "Ada" and account.data.address.street == "1 Main St"
    assert account.data.address.country == "UK" and account.data.date_created > 0


def test_domains_and_dkim(client: smtp.ApiClient) -> None:
    api = smtp.DKIMsApi(client)
    assert api.v4_domains_post("example.com").data.domain_name == "created"
    assert [(d.domain_name, d.enabled) for d in api.v4_domains_get().data.items] == [("example.com", True)]
    api.v4_domains_domain_name_patch("example.com", False)
    assert api.v4_domains_domain_name_get("example.com").data.enabled is False
    assert api.v4_domains_domain_name_dkim_keys_post("example.com", "s1", fake_pem()).data.dkim_key == "created"
    key = api.v4_domains_domain_name_dkim_keys_get("example.com")
    assert isinstance(key, smtp.GetDomainDetails) and key.data.selector == "s1" and key.data.is_valid is False
    api.v4_domains_domain_name_dkim_keys_patch("example.com", "s2", fake_pem("RSA PRIVATE KEY"))
    api.v4_domains_domain_name_dkim_keys_delete("example.com")
    api.v4_domains_domain_name_delete("example.com")
    assert api.v4_domains_get().data.items == []


def test_alerts(client: smtp.ApiClient) -> None:
    api = smtp.AlertsApi(client)
    created = api.v4_alerts_post("monthly_quota")
    (alert,) = api.v4_alerts_get().data.items
    assert alert.alert_id == created.data["alert_id"] and alert.threshold == "1"
    assert api.v4_alerts_alert_id_get(alert.alert_id).data.type == "monthly_quota"
    api.v4_alerts_alert_id_delete(alert.alert_id)
    assert api.v4_alerts_get().data.items == []


def test_callbacks(client: smtp.ApiClient) -> None:
    api = smtp.CallbacksApi(client)
    created = api.v4_callbacks_event_post("delivered", "main", "http", "https://hooks.example.com/smtp")
    assert isinstance(created, smtp.CreateCallbackResponse) and created.status == "success"
    details = api.v4_callbacks_event_get("delivered", "main")
    assert isinstance(details, smtp.GetCallbackDetails) and details.data.address == "https://hooks.example.com/smtp"
    api.v4_callbacks_event_patch("delivered", "main", address="https://hooks.example.com/v2")
    assert [c.address for c in api.v4_callbacks_get().data.items] == ["https://hooks.example.com/v2"]
    assert api.v4_callbacks_log_get("main", limit=10).data.items == []
    api.v4_callbacks_event_delete("delivered", "main")
    api.v4_callbacks_delete()
    assert api.v4_callbacks_get().data.items == []


def test_reports(client: smtp.ApiClient) -> None:
    api = smtp.ReportsApi(client)
    reply = api.v4_reports_ondemand_post(0, columns=["to", "code"])
    report = api.v4_reports_report_id_get(reply.data["report_id"])
    assert isinstance(report, smtp.Report) and report.status == "done" and report.progress == 100
    request = urllib.request.Request(report.url, headers={"X-SMTPCOM-API": KEY})
    with urllib.request.urlopen(request, timeout=10) as download:
        assert download.read() == b"to,code\r\n"
    listed = api.v4_reports_get()
    assert isinstance(listed, smtp.Reports) and listed.data.ondemand[0].progress == 100
    periodic = api.v4_reports_periodic_post("weekly", 8, events=["failed"])
    report_id = periodic.data["report_id"]
    api.v4_reports_periodic_report_id_patch(report_id, "daily", 9)
    assert api.v4_reports_get().data.periodic[0].frequency == "daily"
    api.v4_reports_periodic_report_id_delete(report_id)


def test_statistics(client: smtp.ApiClient) -> None:
    smtp.ChannelsApi(client).v4_channels_post("main", "u", "p", 10)
    api = smtp.StatisticsApi(client)
    stats = api.v4_stats_duration_slice_slice_specifier_group_by_get(
        "0", "last_24hrs", "channel", "main", "domain", 10, 0
    )
    assert isinstance(stats, smtp.StatsResponse) and stats.data.items == []

"""``smtp.Client``'s accessors for the APIs beyond Messages, each once against the sandbox."""

from __future__ import annotations

import csv
import io

import pytest

import smtp
from smtp.callbacks import callback_url


@pytest.fixture
def client(smtp_sandbox):
    with smtp.Client(api_key=smtp_sandbox.api_key, host=smtp_sandbox.url, channel="main", retries=False) as c:
        yield c


def test_api_objects_share_the_clients_api_client(client):
    apis = {
        "messages_api": smtp.MessagesApi,
        "channels_api": smtp.ChannelsApi,
        "callbacks_api": smtp.CallbacksApi,
        "statistics_api": smtp.StatisticsApi,
        "reports_api": smtp.ReportsApi,
        "account_api": smtp.AccountApi,
        "alerts_api": smtp.AlertsApi,
        "api_keys_api": smtp.APIKeysApi,
        "dkims_api": smtp.DKIMsApi,
    }
    for name, cls in apis.items():
        api = getattr(client, name)
        assert isinstance(api, cls) and api.api_client is client.api_client
        assert getattr(client, name) is api
    assert client.messages_api is client.api


def test_channels(client):
    assert client.channels() == []
    created = client.create_channel("main", 100, smtp_password="s3cret-pass")
    assert isinstance(created, smtp.ChannelData) and created.quota == 100
    assert created.smtp_username == "main"
    client.create_channel("other", 5, smtp_username="u2")  # a random password
    assert [c.name for c in client.channels()] == ["main", "other"]
    assert client.get_channel("other").smtp_username == "u2"
    assert client.update_channel("other", quota=7).quota == 7
    client.delete_channel("other")
    assert [c.name for c in client.channels()] == ["main"]
    with pytest.raises(smtp.NotFoundException):
        client.get_channel("nope")


def test_callbacks(client):
    client.create_channel("main", 100)
    url = callback_url("https://hooks.example.com/smtp", "a-long-shared-secret")
    reply = client.register_callback("delivered", url)
    assert reply.status == "success"
    client.register_callback("failed", "https://hooks.example.com/f", channel="main")
    listed = client.callbacks()
    assert sorted((c.event, c.channel, c.medium) for c in listed) == [
        ("delivered", "main", "http"),
        ("failed", "main", "http"),
    ]
    assert client.callbacks(channel="other") == []
    client.delete_callback("failed")
    assert [c.event for c in client.callbacks(channel="main")] == ["delivered"]
    assert client.callback_log(limit=5) == []
    with smtp.Client(api_key="k", host=client.configuration.host) as no_channel:
        with pytest.raises(smtp.ApiValueError, match="channel"):
            no_channel.delete_callback("delivered")


def test_stats_groups_keep_their_value(client):
    client.send(sender="shop@example.com", to=["a@example.com", "b@example.org"], subject="s", text="t")
    groups = client.stats("last_24hrs", group_by="rcpt_domain")
    assert sorted(g["rcpt_domain"] for g in groups) == ["example.com", "example.org"]
    assert all(g["accepted"] == 1 for g in groups)
    only = client.stats("last_24hrs", group_by="rcpt_domain", event=["accepted"], limit=1, offset=1)
    assert only == [{"rcpt_domain": "example.org", "accepted": 1}]
    with pytest.raises(smtp.ApiValueError, match="slice_specifier"):
        client.stats(slice="domain")


def test_reports_request_wait_download_save(client, smtp_sandbox, tmp_path):
    client.send(sender="shop@example.com", to="a@example.com", subject="=SUM(1)", text="t")
    seen = []
    report_id = client.request_report("1h", columns=["to", "subject"])
    report = client.wait_for_report(report_id, timeout=30, poll=0.1, on_progress=seen.append)
    assert isinstance(report, smtp.Report) and report.status == "done" and seen
    assert client.report(report_id).url == report.url
    data = client.download_report(report)
    assert list(csv.reader(io.StringIO(data.decode()))) == [["to", "subject"], ["a@example.com", "'=SUM(1)"]]
    sizes = []
    assert client.save_report(report_id, tmp_path / "r.csv", on_chunk=sizes.append) == len(data)
    assert (tmp_path / "r.csv").read_bytes() == data and sizes[-1] == len(data)
    assert not (tmp_path / "r.csv.part").exists()


def test_wait_for_report_is_bounded(client):
    with pytest.raises(smtp.ApiValueError):
        client.wait_for_report("x", timeout=0)
    with pytest.raises(smtp.NotFoundException):
        client.wait_for_report("0" * 32, timeout=1, poll=0.1)


def test_the_api_key_goes_only_to_the_apis_origin(server):
    server.reply(200, raw=b"a,b\r\n")
    server.reply(200, raw=b"c\r\n")
    report = smtp.Report(report_id="r", status="done", url=server.url + "/files/r.csv")
    with smtp.Client(api_key="the-api-key", host=server.url.replace("127.0.0.1", "localhost")) as elsewhere:
        assert elsewhere.download_report(report) == b"a,b\r\n"
    assert server.last.header("X-SMTPCOM-API") is None and server.last.path == "/files/r.csv"
    with smtp.Client(api_key="the-api-key", host=server.url) as same:
        assert same.download_report(report) == b"c\r\n"
    assert server.last.header("X-SMTPCOM-API") == "the-api-key"
    with smtp.Client(api_key="k", host=server.url) as c, pytest.raises(smtp.ApiValueError, match="no download URL"):
        c.download_report(smtp.Report(report_id="r", status="pending"))


def test_the_docs_example_runs(smtp_sandbox, monkeypatch, tmp_path):
    import pathlib
    import re

    text = (pathlib.Path(__file__).parents[2] / "docs" / "conveniences.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", text[text.index("### The other APIs") :], re.S).group(1)
    monkeypatch.setenv("SMTPCOM_HOST", smtp_sandbox.url)
    monkeypatch.setenv("SMTPCOM_API_KEY", smtp_sandbox.api_key)
    monkeypatch.chdir(tmp_path)
    exec(compile(block, "conveniences.md", "exec"), {})
    assert (tmp_path / "last-day.csv").read_bytes().startswith(b"to,status,code")


def test_request_report_finds_the_id_when_the_reply_has_none(server):
    server.reply(200, {"status": "success", "data": {}})  # what the service answers
    listed = [
        {"report_id": "old", "status": "done", "time_req": 1000, "progress": "100%"},
        {"report_id": "new", "status": "pending", "time_req": 2000, "progress": "0%"},
    ]
    server.reply(200, {"status": "success", "data": {"ondemand": listed, "periodic": []}})
    with smtp.Client(api_key="k", host=server.url, retries=False) as client:
        assert client.request_report(1000, 2000, events=["failed", "delivered"]) == "new"
    assert server.requests[0].method == "POST" and server.requests[0].query["start"] == ["1000"]
    assert server.last.path.rstrip("/") == "/v4/reports"


def test_wait_for_report_times_out(server):
    for _ in range(50):
        server.reply(200, {"report_id": "r", "status": "in_progress", "progress": "40%"})
    seen = []
    with smtp.Client(api_key="k", host=server.url, retries=False) as client:
        with pytest.raises(smtp.ApiTimeoutError, match="not done"):
            client.wait_for_report("r", timeout=0.3, poll=0.05, on_progress=seen.append)
    assert seen and all(r.progress == 40 for r in seen)


def test_stats_reply_without_items_is_an_error(server):
    server.reply(200, {"status": "success", "data": {"items": "nope"}})
    with smtp.Client(api_key="k", host=server.url, channel="main", retries=False) as client:
        with pytest.raises(smtp.UnexpectedResponseError):
            client.stats()

"""smtp.Client: configuration from arguments or the environment, the three shortcuts, the
context manager, and the lazy export that keeps ``import smtp`` fast."""

from __future__ import annotations

import datetime
import subprocess
import sys
from email.message import EmailMessage

import pytest

import smtp
from smtp.client import Client


@pytest.fixture
def env(monkeypatch, server):
    monkeypatch.setenv("SMTPCOM_API_KEY", "env-key")
    monkeypatch.setenv("SMTPCOM_HOST", server.url + "/")
    return server


def test_configured_from_the_environment(env):
    with smtp.Client(channel="main") as client:
        assert client.configuration.host == env.url
        msg_id = client.send("shop@example.com", "jane@example.com", "Hi", text="Hello")
    assert msg_id == "test-msg-id"
    assert env.last.header("X-SMTPCOM-API") == "env-key"
    assert env.last.json["recipients"] == {"to": [{"address": "jane@example.com"}]}
    assert env.last.json["body"]["parts"] == [{"type": "text/plain", "charset": "UTF-8", "content": "Hello"}]


def test_arguments_win_over_the_environment(env, monkeypatch, server):
    monkeypatch.setenv("SMTPCOM_HOST", "http://127.0.0.1:9")
    with Client(api_key="arg-key", host=server.url, channel="main") as client:
        client.send(sender="a@example.com", to="b@example.com", channel="other")
    assert server.last.header("X-SMTPCOM-API") == "arg-key"
    assert server.last.json["channel"] == "other"


def test_missing_key_or_channel_is_a_clear_error(monkeypatch, server):
    monkeypatch.delenv("SMTPCOM_API_KEY", raising=False)
    with pytest.raises(smtp.ApiValueError, match="SMTPCOM_API_KEY"):
        Client()
    with Client(api_key="k", host=server.url) as client:
        with pytest.raises(smtp.ApiValueError, match="channel"):
            client.send("a@example.com", "b@example.com")
        with pytest.raises(smtp.ApiValueError, match="channel"):
            client.messages()
    assert server.requests == []


def test_a_configuration_may_be_given_instead(server):
    config = smtp.Configuration(host=server.url, username="user", password="secret")
    with Client(configuration=config, channel="main") as client:
        assert client.api.api_client is client.api_client and client.configuration is config
        client.send("a@example.com", "b@example.com")
    assert server.last.header("Authorization").startswith("Basic ")
    with pytest.raises(smtp.ApiValueError, match="not both"):
        Client(api_key="k", configuration=config)


def test_repr_never_shows_the_key(server):
    with Client(api_key="very-secret-key", host=server.url, channel="main") as client:
        assert "very-secret-key" not in repr(client)
        assert "main" in repr(client)


def test_send_mime_and_messages(env):
    msg = EmailMessage()
    msg["From"] = "shop@example.com"
    msg["To"] = "jane@example.com"
    msg["Bcc"] = "boss@example.com"
    msg.set_content("hi")
    with smtp.Client(channel="main") as client:
        assert client.send_mime(msg, timeout=5) == "test-msg-id"
        sent = env.last.json
        assert env.last.path == "/v4/messages/mime"
        assert sent["recipients"] == {"to": [{"address": "jane@example.com"}], "bcc": [{"address": "boss@example.com"}]}
        assert "boss@example.com" not in sent["mime"]
        env.reply(200, {"status": "success", "data": {"items": [{"msg_id": "m1"}]}})
        start = datetime.datetime(2026, 11, 20, tzinfo=datetime.timezone.utc)
        assert [i.msg_id for i in client.messages(start, event="failed", page_size=10)] == ["m1"]
        assert env.last.query["event"] == ["failed"] and env.last.query["limit"] == ["10"]


def test_a_send_reply_without_msg_id_is_an_error(env):
    env.reply(200, {"status": "success", "data": {}})
    with smtp.Client(channel="main") as client:
        with pytest.raises(smtp.UnexpectedResponseError, match="msg_id"):
            client.send("a@example.com", "b@example.com")


def test_errors_are_the_sdk_exceptions(env):
    env.reply(401, {"status": "fail", "data": {"api_key": "invalid"}})
    with smtp.Client(channel="main") as client:
        with pytest.raises(smtp.UnauthorizedException):
            client.send("a@example.com", "b@example.com")


def test_client_is_loaded_lazily():
    code = (
        "import sys, smtp; assert 'smtp.client' not in sys.modules; assert 'smtp.mail' not in sys.modules; "
        "from smtp import Client; print(Client.__module__)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "smtp.client"
    assert "Client" in smtp.__all__
    with pytest.raises(AttributeError):
        smtp.NoSuchThing  # noqa: B018


def test_against_the_sandbox(smtp_sandbox):
    with smtp.Client(api_key=smtp_sandbox.api_key, host=smtp_sandbox.url, channel=smtp_sandbox.channel) as client:
        msg_id = client.send(
            sender="Shop <shop@example.com>",
            to=["Jane <jane@example.com>", ("Bob", "bob@example.com")],
            subject="Hello",
            text="Hi",
            attachments=[("a.txt", b"hello")],
        )
        items = list(client.messages("1h"))
    assert sorted(i.msg_data.rcpt_to for i in items) == ["bob@example.com", "jane@example.com"]
    assert {i.msg_id for i in items} == {msg_id}
    assert [m.msg_id for m in smtp_sandbox.messages] == [msg_id]


def test_the_conveniences_page_examples_run(smtp_sandbox, monkeypatch, capsys, tmp_path):
    import re
    from pathlib import Path

    page = Path(__file__).resolve().parents[2] / "docs" / "conveniences.md"
    blocks = re.findall(r"^```python\n(.*?)^```", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    assert len(blocks) >= 4
    monkeypatch.setenv("SMTPCOM_HOST", smtp_sandbox.url)
    monkeypatch.setenv("SMTPCOM_API_KEY", smtp_sandbox.api_key)
    monkeypatch.chdir(tmp_path)  # an example saves a report
    for number, block in enumerate(blocks, 1):
        exec(compile(block, f"docs/conveniences.md python block {number}", "exec"), {"__name__": "doc_example"})  # noqa: S102 - our docs
    assert capsys.readouterr().out.count("accepted:") == 3
    assert len(smtp_sandbox.messages) == 3

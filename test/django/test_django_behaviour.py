"""How ``smtp.django.EmailBackend`` behaves as a Django backend: configuration, errors,
fail_silently, the connection's life, threads, and Django's own mail helpers."""

from __future__ import annotations

import logging
import subprocess
import sys
import threading

import pytest
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.test.utils import override_settings
from support.servers import MisbehavingServer, reply

import smtp
from smtp.django import EmailBackend


def _message(n: int = 0, to: str = "jane@example.com") -> EmailMessage:
    return EmailMessage(f"Message {n}", "x", "shop@example.com", [to])


# --------------------------------------------------------------------------------------
# Django's helpers
# --------------------------------------------------------------------------------------
def test_send_mail(django_sandbox):
    assert mail.send_mail("Welcome", "Hello Jane", None, ["jane@example.com"], html_message="<p>Hello</p>") == 1
    (stored,) = django_sandbox.messages
    assert stored.subject == "Welcome"
    assert stored.mail_from == "shop@example.com"
    assert stored.message.get_body(("html",)).get_content().strip() == "<p>Hello</p>"


def test_send_mass_mail_uses_one_connection(django_sandbox):
    datatuple = [(f"Note {i}", "body", "shop@example.com", [f"r{i}@example.com"]) for i in range(3)]
    assert mail.send_mass_mail(datatuple) == 3
    assert [m.subject for m in django_sandbox.messages] == ["Note 0", "Note 1", "Note 2"]


def test_mail_admins(django_sandbox):
    mail.mail_admins("Disk full", "at 99%", html_message="<b>99%</b>")
    (stored,) = django_sandbox.messages
    assert stored.subject == "[Django] Disk full"
    assert stored.recipients == ["ops@example.com", "dev@example.com"]
    assert stored.mail_from == "server@example.com"


def test_email_multi_alternatives_sent_by_itself(django_sandbox):
    message = EmailMultiAlternatives("Order", "text", to=["jane@example.com"])
    message.attach_alternative("<p>html</p>", "text/html")
    assert message.send() == 1
    (stored,) = django_sandbox.messages
    assert message.smtpcom_msg_id == stored.msg_id
    assert stored.message.get_content_type() == "multipart/alternative"


# --------------------------------------------------------------------------------------
# configuration
# --------------------------------------------------------------------------------------
def test_a_missing_key_is_reported_at_the_first_send_naming_the_setting(monkeypatch):
    monkeypatch.delenv("SMTPCOM_API_KEY", raising=False)
    with override_settings(SMTPCOM_API_KEY=None):
        connection = mail.get_connection()  # nothing checked yet
        with pytest.raises(ImproperlyConfigured, match="SMTPCOM_API_KEY"):
            connection.send_messages([_message()])


def test_fail_silently_logs_a_missing_setting(monkeypatch, caplog):
    monkeypatch.delenv("SMTPCOM_API_KEY", raising=False)
    caplog.set_level(logging.ERROR, logger="smtp.django")
    with override_settings(SMTPCOM_API_KEY=None):
        assert mail.get_connection(fail_silently=True).send_messages([_message()]) == 0
        mail.mail_admins("Server error", "as AdminEmailHandler sends it", fail_silently=True)
    assert "SMTPCOM_API_KEY" in caplog.text
    with override_settings(SMTPCOM_CHANNEL=None, SMTPCOM_API_KEY="some-key", SMTPCOM_HOST="http://127.0.0.1:9"):
        assert mail.get_connection(fail_silently=True).send_messages([_message()]) == 0
    assert "SMTPCOM_CHANNEL" in caplog.text


def test_a_missing_channel_is_reported_naming_the_setting(django_sandbox):
    with override_settings(SMTPCOM_CHANNEL=None):
        with pytest.raises(ImproperlyConfigured, match="SMTPCOM_CHANNEL"):
            mail.get_connection().send_messages([_message()])
        message = _message()
        message.channel = "own"  # a message that names its channel needs no setting
        assert mail.get_connection().send_messages([message]) == 1
    assert [m.channel for m in django_sandbox.messages] == ["own"]


def test_keyword_arguments_override_the_settings(django_sandbox):
    with override_settings(SMTPCOM_API_KEY="wrong", SMTPCOM_HOST="http://127.0.0.1:9", SMTPCOM_CHANNEL="settings"):
        connection = mail.get_connection(
            api_key=django_sandbox.api_key, host=django_sandbox.url, channel="kwarg", timeout=5
        )
        assert connection.send_messages([_message()]) == 1
    assert [m.channel for m in django_sandbox.messages] == ["kwarg"]


def test_the_environment_is_the_fallback(smtp_sandbox, monkeypatch):
    monkeypatch.setenv("SMTPCOM_API_KEY", smtp_sandbox.api_key)
    monkeypatch.setenv("SMTPCOM_HOST", smtp_sandbox.url)
    with override_settings(SMTPCOM_API_KEY=None, SMTPCOM_HOST=None):
        assert mail.get_connection().send_messages([_message()]) == 1
    assert len(smtp_sandbox.messages) == 1


def test_importing_without_django_says_to_install_the_extra():
    code = (
        "import sys; sys.modules['django'] = None\n"
        "try:\n    import smtp.django\nexcept ImportError as e:\n    print(e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert 'pip install "smtp[django]"' in out.stdout, out.stderr


def test_the_core_never_imports_django():
    code = (
        "import sys, smtp, smtp.callbacks, smtp.sandbox, smtp.testing\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


# --------------------------------------------------------------------------------------
# errors and fail_silently
# --------------------------------------------------------------------------------------
def test_an_invalid_address_raises_before_sending(django_sandbox):
    message = EmailMessage("Hi", "x", "shop@example.com", ["jane@example.com", "not an address"])
    with pytest.raises(smtp.ApiValueError, match=r"to\[1\]") as caught:
        mail.get_connection().send_messages([message])
    assert "to[1]" in caught.value.errors
    assert message.smtpcom_msg_id is None
    assert django_sandbox.messages == []


def test_a_refusal_is_raised_without_fail_silently(django_sandbox):
    connection = mail.get_connection(api_key="wrong-key-1234")
    with pytest.raises(smtp.ApiException) as caught:
        connection.send_messages([_message()])
    assert caught.value.status == 401
    assert "wrong-key-1234" not in str(caught.value)


def test_fail_silently_counts_what_was_sent_and_logs_the_rest_redacted(django_sandbox, caplog):
    good, bad_address = _message(1), _message(2, to="nobody")
    caplog.set_level(logging.ERROR, logger="smtp.django")
    assert mail.get_connection(fail_silently=True).send_messages([good, bad_address, _message(3)]) == 2
    assert good.smtpcom_msg_id and bad_address.smtpcom_msg_id is None
    assert len(django_sandbox.messages) == 2
    (record,) = caplog.records
    assert "Message 2" in record.getMessage() and "ApiValueError" in record.getMessage()

    caplog.clear()
    message = _message(4)
    assert mail.get_connection(api_key="wrong-key-5678", fail_silently=True).send_messages([message]) == 0
    assert message.smtpcom_msg_id is None
    (record,) = caplog.records
    assert "401" in record.getMessage() or "Unauthorized" in record.getMessage()
    assert "wrong-key-5678" not in caplog.text


def test_a_send_that_may_have_been_accepted_is_not_retried(caplog):
    with MisbehavingServer() as server:
        server.plan(reply(503, {"status": "fail"}), reply(503, {"status": "fail"}))
        connection = EmailBackend(api_key="key-abcd", host=server.url, channel="main")
        with pytest.raises(smtp.ApiException) as caught:
            connection.send_messages([_message()])
        assert caught.value.maybe_accepted
        assert server.count == 1

        caplog.set_level(logging.ERROR, logger="smtp.django")
        quiet = EmailBackend(api_key="key-abcd", host=server.url, channel="main", fail_silently=True)
        assert quiet.send_messages([_message()]) == 0
        assert server.count == 2
        assert "may have been accepted" in caplog.text
        assert "key-abcd" not in caplog.text


# --------------------------------------------------------------------------------------
# the connection's life
# --------------------------------------------------------------------------------------
def test_open_close_and_with(django_sandbox):
    connection = mail.get_connection()
    assert connection.open() is True
    client = connection._client
    assert connection.open() is False
    assert connection.send_messages([_message(1)]) == 1
    assert connection.send_messages([_message(2)]) == 1
    assert connection._client is client  # one ApiClient while open
    connection.close()
    assert connection._client is None
    connection.close()  # closing twice is harmless

    with mail.get_connection() as connection:
        client = connection._client
        assert client is not None
        connection.send_messages([_message(3)])
        assert connection._client is client
    assert connection._client is None

    connection.send_messages([_message(4)])  # not opened: opened and closed around the send
    assert connection._client is None
    assert len(django_sandbox.messages) == 4


def test_an_empty_list_sends_nothing_and_opens_nothing(monkeypatch):
    monkeypatch.delenv("SMTPCOM_API_KEY", raising=False)
    with override_settings(SMTPCOM_API_KEY=None):
        assert mail.get_connection().send_messages([]) == 0


def test_threads_share_one_backend(django_sandbox):
    connection = mail.get_connection()
    threads, per_thread, results, errors = 6, 5, [], []

    def work(t: int) -> None:
        try:
            for i in range(per_thread):
                message = _message(t * 100 + i)
                results.append((connection.send_messages([message]), message.smtpcom_msg_id))
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    workers = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert not errors
    assert len(results) == threads * per_thread and all(count == 1 for count, _ in results)
    assert len({msg_id for _, msg_id in results}) == threads * per_thread
    assert {m.msg_id for m in django_sandbox.messages} == {msg_id for _, msg_id in results}
    assert connection._client is None  # closed by the last sender


def test_close_while_another_thread_sends_waits_for_it(django_sandbox):
    connection = mail.get_connection()
    connection.open()
    started, release = threading.Event(), threading.Event()

    class Slow(EmailMessage):
        def recipients(self):
            started.set()
            release.wait(10)
            return super().recipients()

    outcome = []
    worker = threading.Thread(target=lambda: outcome.append(connection.send_messages([Slow("S", "x", to=["a@x.io"])])))
    worker.start()
    assert started.wait(10)
    connection.close()  # deferred: a send is in progress
    assert connection._client is not None
    release.set()
    worker.join(10)
    assert outcome == [1]
    assert connection._client is None

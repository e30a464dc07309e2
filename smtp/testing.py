"""A pytest plugin: the ``smtp_sandbox`` fixture, a local SMTP.com Messages API per test.

Installed with the package (entry point ``pytest11``), so any project that depends on
``smtp`` can write::

    def test_welcome_mail(smtp_sandbox):
        send_welcome(smtp_sandbox.api, channel=smtp_sandbox.channel, to="jane@example.com")
        (sent,) = smtp_sandbox.messages
        assert sent.recipients == ["jane@example.com"]
        assert sent.message["Subject"] == "Welcome"

The fixture starts an in-process ``smtp.sandbox.Sandbox`` on a free port of 127.0.0.1 with
an in-memory store and one API key, and yields a ``SandboxFixture``. Nothing heavy is
imported until a test asks for the fixture.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:  # pragma: no cover
    import smtp
    from smtp.sandbox import Sandbox, StoredMessage

__all__ = ["API_KEY", "CHANNEL", "SandboxFixture", "smtp_sandbox"]

#: the API key the fixture's sandbox accepts (and its configuration sends)
API_KEY = "sandbox-test-key"
#: the channel name the fixture suggests (the sandbox accepts any channel)
CHANNEL = "sandbox"


class SandboxFixture:
    """A running sandbox and an SDK client configured for it.

    ``url``, ``inbox_url``, ``api_key``, ``channel``, ``configuration`` (retries off), ``api_client``,
    ``messages_api`` (also ``api``), ``messages`` (what was sent), ``reset()`` and
    ``sandbox`` (the ``Sandbox`` itself).
    """

    def __init__(self, sandbox: Sandbox, api_key: str = API_KEY, channel: str = CHANNEL) -> None:
        import smtp

        self.sandbox = sandbox
        self.url = sandbox.url
        self.api_key = api_key
        self.channel = channel
        self.configuration = smtp.Configuration(host=self.url, api_key={"apiKey": api_key})
        self.configuration.retries = smtp.RetryPolicy(total=0)
        self.api_client = smtp.ApiClient(self.configuration)
        self.messages_api = smtp.MessagesApi(self.api_client)

    @property
    def inbox_url(self) -> str:
        """The sandbox's web inbox: stop in a test (``breakpoint()``) and open it in a browser
        to see what the test sent."""
        return self.sandbox.inbox_url

    @property
    def api(self) -> smtp.MessagesApi:
        """The same ``MessagesApi`` as ``messages_api``."""
        return self.messages_api

    @property
    def messages(self) -> list[StoredMessage]:
        """Every message the sandbox accepted, oldest first: ``msg_id``, ``channel``,
        ``mail_from``, ``recipients``, ``subject``, ``created``, ``raw`` and ``message`` (an
        ``email.message.EmailMessage``)."""
        return self.sandbox.messages()

    def reset(self) -> int:
        """Delete every stored message; returns how many there were."""
        return self.sandbox.reset()

    def close(self) -> None:
        """Close the client (the fixture stops the sandbox)."""
        self.api_client.close()

    def __repr__(self) -> str:
        return f"<SandboxFixture {self.url} channel={self.channel!r}>"


@pytest.fixture
def smtp_sandbox() -> Iterator[SandboxFixture]:
    """A local SMTP.com Messages API for this test, with a configured SDK client."""
    from smtp.sandbox import Sandbox

    with Sandbox(api_keys=(API_KEY,)) as sandbox:
        fixture = SandboxFixture(sandbox)
        try:
            yield fixture
        finally:
            fixture.close()

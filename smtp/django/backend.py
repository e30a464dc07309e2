"""``EmailBackend``: Django's mail sent through the SMTP.com API.

Settings (each overridden by the keyword argument of the same meaning given to
``get_connection``)::

    EMAIL_BACKEND = "smtp.django.EmailBackend"
    SMTPCOM_API_KEY = "..."     # api_key=   else the environment variable SMTPCOM_API_KEY
    SMTPCOM_CHANNEL = "main"    # channel=   (a message's own ``channel`` attribute wins)
    SMTPCOM_HOST = "..."        # host=      else SMTPCOM_HOST, else https://api.smtp.com
                                # timeout=   seconds or (connect, read); the SDK's default

Nothing is read or checked at import: a missing key or channel raises ``ImproperlyConfigured``
naming the setting when the first message is sent.

The backend holds one ``smtp.Client`` (one ``ApiClient``, one connection pool) while it is
open. It is safe to share between threads: sends run concurrently on the shared pool, and a
``close()`` that comes while other threads are sending takes effect when the last one is done.
Sends are never retried by the backend: the SDK already retries a send only when it provably
did not reach the service, so no email goes out twice.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail.backends.base import BaseEmailBackend

from smtp._redact import redact_text
from smtp.client import DEFAULT_HOST, ENV_API_KEY, ENV_HOST, Client
from smtp.django.payload import build_request
from smtp.exceptions import ApiException, UnexpectedResponseError
from smtp.models.send import InlineObject

__all__ = ["EmailBackend"]

logger = logging.getLogger("smtp.django")

SETTING_API_KEY = "SMTPCOM_API_KEY"
SETTING_CHANNEL = "SMTPCOM_CHANNEL"
SETTING_HOST = "SMTPCOM_HOST"


def _setting(name: str) -> Any:
    value = getattr(settings, name, None)
    return None if value in (None, "") else value


class EmailBackend(BaseEmailBackend):
    """A Django email backend that sends each message with the SMTP.com Messages API.

    :param fail_silently: when True, a message the service refuses (or that cannot be sent,
        the configuration included) is logged on the ``smtp.django`` logger, credentials
        redacted, and not counted;
        when False, the SDK's ``ApiException`` subclass is raised (``ApiValueError`` naming
        the field for an invalid address, before anything is sent).
    :param api_key: overrides ``settings.SMTPCOM_API_KEY`` and ``$SMTPCOM_API_KEY``.
    :param channel: overrides ``settings.SMTPCOM_CHANNEL``.
    :param host: overrides ``settings.SMTPCOM_HOST`` and ``$SMTPCOM_HOST``.
    :param timeout: seconds, or ``(connect, read)``, for each request.

    After ``send_messages``, each message's ``smtpcom_msg_id`` holds the service's id for it,
    or None when it was not sent.
    """

    def __init__(
        self,
        fail_silently: bool = False,
        *,
        api_key: str | None = None,
        channel: str | None = None,
        host: str | None = None,
        timeout: None | float | tuple[float, float] = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self._api_key = api_key
        self._channel = channel
        self._host = host
        self.timeout = timeout
        self._lock = threading.Lock()
        self._client: Client | None = None
        self._kept_open = False  # opened by open() / with: stays open until close()
        self._sending = 0  # send_messages calls in progress on the current client

    # -- configuration ------------------------------------------------------------------
    @property
    def channel(self) -> str | None:
        """The channel used for a message that names none (no check: None when unset)."""
        return self._channel or _setting(SETTING_CHANNEL)

    def _new_client(self) -> Client:
        api_key = self._api_key or _setting(SETTING_API_KEY) or os.environ.get(ENV_API_KEY)
        if not api_key:
            raise ImproperlyConfigured(
                f"smtp.django.EmailBackend needs an API key: set {SETTING_API_KEY} in your settings "
                f"(or the environment variable {ENV_API_KEY}), or pass api_key= to get_connection()"
            )
        host = self._host or _setting(SETTING_HOST) or os.environ.get(ENV_HOST) or DEFAULT_HOST
        return Client(api_key=str(api_key), host=str(host), timeout=self.timeout)

    @staticmethod
    def _secrets(client: Client) -> list[str]:
        return [str(v) for v in (client.configuration.api_key or {}).values() if v]

    # -- Django's connection contract ---------------------------------------------------
    def open(self) -> bool:
        """Create the client (and its connection pool) unless it exists; True if created.

        Raises ``ImproperlyConfigured`` when no API key is configured."""
        with self._lock:
            self._kept_open = True
            return self._ensure_client()

    def _ensure_client(self) -> bool:
        if self._client is not None:
            return False
        self._client = self._new_client()
        return True

    def close(self) -> None:
        """Close the client's connections; deferred until sends in other threads are done."""
        with self._lock:
            self._kept_open = False
            if self._sending == 0:
                self._drop_client()

    def _drop_client(self) -> None:
        client, self._client = self._client, None
        if client is not None:
            client.close()

    def __enter__(self) -> EmailBackend:
        try:
            self.open()
        except BaseException:
            self.close()
            raise
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self._client is not None else "closed"
        return f"<smtp.django.EmailBackend channel={self.channel!r} {state}>"

    # -- sending ------------------------------------------------------------------------
    def send_messages(self, email_messages: Sequence[Any]) -> int:
        """Send each message; returns how many were sent.

        A message without recipients is skipped (as by Django's backends). A missing API key
        or channel raises ``ImproperlyConfigured``; with ``fail_silently`` it is logged
        instead, as every other failure (``mail_admins`` from a 500 page must not fail in turn)."""
        if not email_messages:
            return 0
        try:
            with self._lock:
                self._ensure_client()
                client = self._client
                assert client is not None
                self._sending += 1
        except ImproperlyConfigured as error:
            if not self.fail_silently:
                raise
            logger.error("SMTP.com backend not configured; %d message(s) not sent: %s", len(email_messages), error)
            return 0
        sent = 0
        try:
            for message in email_messages:
                try:
                    if self._send(client, message):
                        sent += 1
                except ImproperlyConfigured as error:
                    if not self.fail_silently:
                        raise
                    logger.error("SMTP.com backend not configured; message not sent: %s", error)
        finally:
            with self._lock:
                self._sending -= 1
                if self._sending == 0 and not self._kept_open:
                    self._drop_client()
        return sent

    def _send(self, client: Client, message: Any) -> bool:
        message.smtpcom_msg_id = None
        if not message.recipients():
            return False
        channel = getattr(message, "channel", None) or self.channel
        if not channel:
            raise ImproperlyConfigured(
                f"smtp.django.EmailBackend needs a channel: set {SETTING_CHANNEL} in your settings, "
                "pass channel= to get_connection(), or set the message's channel attribute"
            )
        try:
            request = build_request(message, str(channel))
            reply: Any
            if isinstance(request, InlineObject):
                reply = client.api.v4_messages_post(request)
            else:
                reply = client.api.v4_messages_mime_post(request)
            msg_id = reply.data.msg_id if reply is not None and reply.data is not None else None
            if not msg_id:
                raise UnexpectedResponseError(None, "the reply has no data.msg_id")
        except ApiException as error:
            if not self.fail_silently:
                raise
            self._log_failure(client, message, error)
            return False
        message.smtpcom_msg_id = str(msg_id)
        return True

    def _log_failure(self, client: Client, message: Any, error: ApiException) -> None:
        note = " It may have been accepted all the same, so it is not retried." if error.maybe_accepted else ""
        text = redact_text(f"{type(error).__name__}: {error}", self._secrets(client))
        logger.error(
            "SMTP.com did not send the message with subject %r to %d recipient(s): %s%s",
            str(message.subject)[:200],
            len(message.recipients()),
            text,
            note,
        )

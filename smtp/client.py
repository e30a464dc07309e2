"""``smtp.Client``: send an email, or read what happened to sent ones, in one call.

::

    import smtp

    with smtp.Client(channel="main") as client:          # key and host from the environment
        msg_id = client.send(
            sender="Shop <shop@example.com>",
            to="Jane Doe <jane@example.com>",
            subject="Your order",
            text="It ships today.",
            attachments=["invoice.pdf"],
        )
        for item in client.messages(start="2h"):
            print(item.msg_data.rcpt_to, item.details.delivery.event)

A thin layer over the generated-style API, which stays available as ``client.api`` (the
``MessagesApi``), ``client.api_client`` and ``client.configuration``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from smtp.api.messages_api import MessagesApi
from smtp.api_client import ApiClient
from smtp.configuration import DEFAULT_HOST, Configuration
from smtp.exceptions import ApiValueError, UnexpectedResponseError
from smtp.mail import AddressesLike, AddressLike, AttachmentLike, build_message, build_mime

if TYPE_CHECKING:  # pragma: no cover
    from email.message import Message

    from smtp.models import MessagesResponseDataItems
    from smtp.paging import TimeLike

__all__ = ["Client", "ENV_API_KEY", "ENV_HOST", "DEFAULT_HOST"]

#: environment variable read for the API key when none is passed
ENV_API_KEY = "SMTPCOM_API_KEY"
#: environment variable read for the API's base URL when none is passed
ENV_HOST = "SMTPCOM_HOST"


class Client:
    """The SMTP.com Messages API in a few methods: ``send``, ``send_mime``, ``messages``.

    :param api_key: the API key (sent as header ``X-SMTPCOM-API``); ``$SMTPCOM_API_KEY``
        when None.
    :param host: the API's base URL; ``$SMTPCOM_HOST`` when None, else ``https://api.smtp.com``.
    :param channel: the channel used when a call does not name one.
    :param timeout: seconds, or ``(connect, read)``; the SDK's finite default when None.
    :param retries: a ``smtp.RetryPolicy``, an int or False; the SDK's safe default when None.
    :param configuration: a ready ``smtp.Configuration`` (then ``api_key``, ``host``,
        ``timeout`` and ``retries`` must not be given); for basic auth, proxies, TLS files.

    Use it as a context manager, or call ``close()`` when done.
    """

    def __init__(
        self,
        api_key: str | None = None,
        host: str | None = None,
        channel: str | None = None,
        *,
        timeout: None | float | tuple[float, float] = None,
        retries: Any = None,
        configuration: Configuration | None = None,
    ) -> None:
        if configuration is None:
            api_key = api_key if api_key is not None else os.environ.get(ENV_API_KEY)
            if not api_key:
                raise ApiValueError(
                    f"no API key: pass api_key= or set the environment variable {ENV_API_KEY}",
                    errors={"api_key": "is required"},
                )
            host = host or os.environ.get(ENV_HOST) or DEFAULT_HOST
            configuration = Configuration(host=host.rstrip("/"), api_key={"apiKey": api_key}, timeout=timeout)
            configuration.retries = retries
        elif api_key is not None or host is not None or timeout is not None or retries is not None:
            raise ApiValueError("give either configuration= or api_key/host/timeout/retries, not both")
        self.configuration = configuration
        self.channel = channel
        self.api_client = ApiClient(configuration)
        #: the generated-style ``MessagesApi``, for anything the shortcuts do not cover
        self.api = MessagesApi(self.api_client)

    # -- lifecycle ----------------------------------------------------------------------
    def close(self) -> None:
        """Close pooled connections and threads."""
        self.api_client.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        from smtp._redact import redact_url

        return f"Client(host={redact_url(str(self.configuration.host))!r}, channel={self.channel!r})"

    def _channel(self, channel: str | None) -> str:
        channel = channel or self.channel
        if not channel:
            raise ApiValueError(
                "no channel: pass channel= to Client() or to this call", errors={"channel": "is required"}
            )
        return channel

    # -- the shortcuts ------------------------------------------------------------------
    def send(
        self,
        sender: AddressLike | None = None,
        to: AddressesLike | None = None,
        subject: str | None = None,
        text: str | None = None,
        html: str | None = None,
        *,
        cc: AddressesLike | None = None,
        bcc: AddressesLike | None = None,
        bulk_list: AddressesLike | None = None,
        reply_to: AddressLike | None = None,
        headers: None | Mapping[str, Any] | Iterable[tuple[str, str]] = None,
        attachments: Iterable[AttachmentLike] | None = None,
        inline: None | Mapping[str, AttachmentLike] | Iterable[AttachmentLike] = None,
        channel: str | None = None,
        from_: AddressLike | None = None,
        timeout: None | float | tuple[float, float] = None,
    ) -> str:
        """Send one email and return its ``msg_id``.

        Addresses are ``"Name <a@b.c>"`` strings, ``(name, address)`` tuples or
        ``V4MessagesRecipientsTo``; ``to``, ``cc``, ``bcc`` and ``bulk_list`` take one or a
        list. Attachments are paths, bytes, open files or ``(filename, bytes[, mime_type])``;
        ``inline`` files (a list, or a dict ``{cid: file}``) are shown by the HTML as
        ``<img src="cid:...">``. ``timeout`` (seconds or ``(connect, read)``) is for this call
        only. See ``smtp.mail.build_message`` for every argument.
        """
        message = build_message(
            self._channel(channel),
            sender,
            to,
            subject,
            text,
            html,
            cc=cc,
            bcc=bcc,
            bulk_list=bulk_list,
            reply_to=reply_to,
            headers=headers,
            attachments=attachments,
            inline=inline,
            from_=from_,
        )
        return _msg_id(self.api.v4_messages_post(message, _request_timeout=timeout))

    def send_mime(
        self,
        message: Message | bytes | str,
        *,
        channel: str | None = None,
        sender: AddressLike | None = None,
        to: AddressesLike | None = None,
        cc: AddressesLike | None = None,
        bcc: AddressesLike | None = None,
        reply_to: AddressLike | None = None,
        timeout: None | float | tuple[float, float] = None,
    ) -> str:
        """Send a prepared message (an ``email.message.EmailMessage``, any ``Message``, or its
        bytes or text) and return its ``msg_id``.

        The envelope comes from the To/Cc/Bcc headers and From/Reply-To unless given here; the
        Bcc header is not transmitted. See ``smtp.mail.build_mime``.
        """
        request = build_mime(message, self._channel(channel), sender=sender, to=to, cc=cc, bcc=bcc, reply_to=reply_to)
        return _msg_id(self.api.v4_messages_mime_post(request, _request_timeout=timeout))

    def messages(
        self,
        start: TimeLike = "7d",
        end: TimeLike | None = None,
        *,
        channel: str | None = None,
        event: None | str | Sequence[str] = None,
        msg_id: str | None = None,
        page_size: int = 1000,
        timeout: None | float | tuple[float, float] = None,
    ) -> Iterator[MessagesResponseDataItems]:
        """Every message item (one per message and recipient) from ``start`` to ``end``,
        oldest event first, fetched lazily page by page.

        ``start`` defaults to 7 days ago (all the service keeps); times may be aware
        datetimes, epochs, ``"YYYY-MM-DD"`` (midnight UTC), ISO 8601 or RFC 2822 strings, or
        durations before now such as ``"2h"``. ``timeout`` applies to each page's request.
        See ``smtp.paging.iter_messages``.
        """
        from smtp.paging import iter_messages

        return iter_messages(
            self.api,
            self._channel(channel),
            start,
            end,
            event=event,
            msg_id=msg_id,
            page_size=page_size,
            _request_timeout=timeout,
        )


def _msg_id(reply: Any) -> str:
    """The ``msg_id`` of a send's reply; a reply without one is an error, not an empty ID."""
    msg_id = reply.data.msg_id if reply.data is not None else None
    if not msg_id:
        raise UnexpectedResponseError(None, "the reply has no data.msg_id")
    return str(msg_id)

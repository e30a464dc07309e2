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

The other APIs have one-call accessors too: channels (``channels``, ``get_channel``,
``create_channel``, ``update_channel``, ``delete_channel``), callbacks (``register_callback``,
``callbacks``, ``delete_callback``, ``callback_log``), statistics (``stats``) and reports
(``request_report``, ``report``, ``wait_for_report``, ``download_report``, ``save_report``).

A thin layer over the generated-style API: every API class is a property built on the
client's one ``ApiClient`` (``client.messages_api``, ``client.channels_api``,
``client.callbacks_api``, ``client.statistics_api``, ``client.reports_api``,
``client.account_api``, ``client.alerts_api``, ``client.api_keys_api``, ``client.dkims_api``),
beside ``client.api`` (the ``MessagesApi``), ``client.api_client`` and ``client.configuration``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

import urllib3

from smtp.api.messages_api import MessagesApi
from smtp.api_client import ApiClient
from smtp.configuration import DEFAULT_HOST, Configuration
from smtp.exceptions import ApiException, ApiValueError, UnexpectedResponseError
from smtp.mail import AddressesLike, AddressLike, AttachmentLike, build_message, build_mime

if TYPE_CHECKING:  # pragma: no cover
    from email.message import Message

    from smtp.api.account_api import AccountApi
    from smtp.api.alerts_api import AlertsApi
    from smtp.api.api_keys_api import APIKeysApi
    from smtp.api.callbacks_api import CallbacksApi
    from smtp.api.channels_api import ChannelsApi
    from smtp.api.dki_ms_api import DKIMsApi
    from smtp.api.reports_api import ReportsApi
    from smtp.api.statistics_api import StatisticsApi
    from smtp.models import (
        ChannelData,
        ChannelsDataItems,
        CreateCallbackResponse,
        GetCallbackLogsDataItems,
        GetCallbackResponseDataItems,
        MessagesResponseDataItems,
        Report,
    )
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

    # -- the API classes, on the client's one ApiClient ---------------------------------
    @property
    def messages_api(self) -> MessagesApi:
        """The ``MessagesApi`` (the same object as ``client.api``)."""
        return self.api

    @cached_property
    def channels_api(self) -> ChannelsApi:
        """The ``ChannelsApi``: channels (senders), their credentials and quotas."""
        from smtp.api.channels_api import ChannelsApi

        return ChannelsApi(self.api_client)

    @cached_property
    def callbacks_api(self) -> CallbacksApi:
        """The ``CallbacksApi``: where the service POSTs the events of each channel."""
        from smtp.api.callbacks_api import CallbacksApi

        return CallbacksApi(self.api_client)

    @cached_property
    def statistics_api(self) -> StatisticsApi:
        """The ``StatisticsApi``: event counts."""
        from smtp.api.statistics_api import StatisticsApi

        return StatisticsApi(self.api_client)

    @cached_property
    def reports_api(self) -> ReportsApi:
        """The ``ReportsApi``: on-demand and periodic CSV reports."""
        from smtp.api.reports_api import ReportsApi

        return ReportsApi(self.api_client)

    @cached_property
    def account_api(self) -> AccountApi:
        """The ``AccountApi``: the account's details."""
        from smtp.api.account_api import AccountApi

        return AccountApi(self.api_client)

    @cached_property
    def alerts_api(self) -> AlertsApi:
        """The ``AlertsApi``: quota alerts."""
        from smtp.api.alerts_api import AlertsApi

        return AlertsApi(self.api_client)

    @cached_property
    def api_keys_api(self) -> APIKeysApi:
        """The ``APIKeysApi``: the account's API keys."""
        from smtp.api.api_keys_api import APIKeysApi

        return APIKeysApi(self.api_client)

    @cached_property
    def dkims_api(self) -> DKIMsApi:
        """The ``DKIMsApi``: sending domains and their DKIM keys."""
        from smtp.api.dki_ms_api import DKIMsApi

        return DKIMsApi(self.api_client)

    # -- channels -----------------------------------------------------------------------
    def channels(self, *, timeout: None | float | tuple[float, float] = None) -> list[ChannelsDataItems]:
        """Every channel of the account (archived ones left out)."""
        reply = self.channels_api.v4_channels_get(_request_timeout=timeout)
        return list(reply.data.items or ()) if reply.data is not None else []

    def get_channel(self, name: str, *, timeout: None | float | tuple[float, float] = None) -> ChannelData:
        """One channel: status, quota, usage, SMTP username, creation time. An unknown name
        raises ``NotFoundException``."""
        return _channel_data(self.channels_api.get_sender(name, _request_timeout=timeout))

    def create_channel(
        self,
        name: str,
        quota: int,
        *,
        smtp_username: str | None = None,
        smtp_password: str | None = None,
        timeout: None | float | tuple[float, float] = None,
    ) -> ChannelData:
        """Create a channel with a monthly ``quota``. The SMTP username defaults to ``name``;
        without ``smtp_password`` a random one is set (and never shown): the API sends through
        the channel without it, and ``update_channel`` sets a known one for SMTP relaying."""
        if smtp_password is None:
            import secrets

            smtp_password = secrets.token_urlsafe(24)
        reply = self.channels_api.v4_channels_post(
            name, smtp_username if smtp_username is not None else name, smtp_password, quota, _request_timeout=timeout
        )
        return _channel_data(reply)

    def update_channel(
        self,
        name: str,
        *,
        quota: int | None = None,
        smtp_username: str | None = None,
        smtp_password: str | None = None,
        timeout: None | float | tuple[float, float] = None,
    ) -> ChannelData:
        """Change a channel's quota, SMTP username or SMTP password; only what is given changes."""
        reply = self.channels_api.v4_channels_name_patch(
            name, smtp_username=smtp_username, smtp_password=smtp_password, quota=quota, _request_timeout=timeout
        )
        return _channel_data(reply)

    def delete_channel(self, name: str, *, timeout: None | float | tuple[float, float] = None) -> ChannelData:
        """Cancel a channel (the service keeps it with the status ``canceled``)."""
        return _channel_data(self.channels_api.v4_channels_name_delete(name, _request_timeout=timeout))

    # -- callbacks ----------------------------------------------------------------------
    def register_callback(
        self,
        event: str,
        url: str,
        *,
        channel: str | None = None,
        timeout: None | float | tuple[float, float] = None,
    ) -> CreateCallbackResponse:
        """Have the service POST ``event`` (delivered, failed, bounceback, opened, ...) of a
        channel to ``url`` (medium ``http``). Callbacks are not signed: build the URL with
        ``smtp.callbacks.callback_url(base_url, secret)`` so that the receiver
        (``smtp.callbacks.wsgi_app(..., secret=...)``) can tell them from forgeries. For an
        SQS queue, use ``callbacks_api.v4_callbacks_event_post``."""
        return self.callbacks_api.v4_callbacks_event_post(
            event, self._channel(channel), "http", url, _request_timeout=timeout
        )

    def callbacks(
        self, *, channel: str | None = None, timeout: None | float | tuple[float, float] = None
    ) -> list[GetCallbackResponseDataItems]:
        """Every registered callback, of every channel, or only of ``channel`` when given
        (the client's default channel does not filter this list)."""
        reply = self.callbacks_api.v4_callbacks_get(_request_timeout=timeout)
        items = list(reply.data.items or ()) if reply.data is not None else []
        return [item for item in items if channel is None or item.channel == channel]

    def delete_callback(
        self, event: str, *, channel: str | None = None, timeout: None | float | tuple[float, float] = None
    ) -> None:
        """Remove the callback of ``event`` on a channel."""
        self.callbacks_api.v4_callbacks_event_delete(event, self._channel(channel), _request_timeout=timeout)

    def callback_log(
        self,
        *,
        channel: str | None = None,
        limit: int | None = None,
        timeout: None | float | tuple[float, float] = None,
    ) -> list[GetCallbackLogsDataItems]:
        """The latest callback deliveries of a channel, with what the receiving end answered
        (``limit`` entries; the service's default is 20)."""
        reply = self.callbacks_api.v4_callbacks_log_get(self._channel(channel), limit=limit, _request_timeout=timeout)
        return list(reply.data.items or ()) if reply.data is not None else []

    # -- statistics ---------------------------------------------------------------------
    def stats(
        self,
        duration: str = "last_7days",
        *,
        slice: str = "channel",
        slice_specifier: str | None = None,
        group_by: str = "rcpt_domain",
        start: TimeLike | None = None,
        end: TimeLike | None = None,
        event: None | str | Sequence[str] = None,
        limit: int = 100,
        offset: int = 0,
        timeout: None | float | tuple[float, float] = None,
    ) -> list[dict[str, Any]]:
        """Event counts over a named ``duration`` (last_hour, last_24hrs, last_7days, this_month,
        ...), narrowed to the events whose ``slice`` (channel, domain, rcpt_domain, rcpt_isp)
        is ``slice_specifier`` (the client's channel by default when slicing by channel), one
        group per value of ``group_by``.

        Returns one dict per group, as the service sends it: the group's value under the
        ``group_by`` name (``{"rcpt_domain": "example.com", "delivered": 3, ...}``) and the
        counts (``accepted``, ``delivered``, ``failed``, ``queued``, ``opened``, ``clicked``,
        ``complained``, ``unsubscribed``; only those of ``event`` when given). The
        ``StatsResponse`` model has no field for the group's value, so the reply is read as
        JSON here; ``statistics_api`` gives the model. ``start`` (required on the wire, but
        superseded by ``duration``) defaults to 7 days ago.
        """
        import json

        from smtp.paging import to_epoch

        if slice_specifier is None:
            if slice != "channel":
                raise ApiValueError(
                    "slice_specifier is required unless slicing by channel",
                    errors={"slice_specifier": "is required"},
                )
            slice_specifier = self._channel(None)
        reply = self.statistics_api.v4_stats_duration_slice_slice_specifier_group_by_get_with_http_info(
            to_epoch(start if start is not None else "7d", "start"),
            duration,
            slice,
            slice_specifier,
            group_by,
            limit,
            offset,
            end=to_epoch(end, "end") if end is not None else None,
            event=list(event) if event is not None and not isinstance(event, str) else event,
            _request_timeout=timeout,
            _preload_content=False,
        )
        try:
            body = reply.data
        finally:
            reply.release_conn()
        try:
            data = json.loads(body.decode("utf-8"))
            items = data["data"]["items"]
            if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
                raise TypeError("items is not a list of objects")
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise UnexpectedResponseError(None, f"the statistics reply has no data.items list ({error})") from None
        return items

    # -- reports ------------------------------------------------------------------------
    def request_report(
        self,
        start: TimeLike = "1d",
        end: TimeLike | None = None,
        *,
        channel: str | None = None,
        events: None | str | Sequence[str] = None,
        columns: None | str | Sequence[str] = None,
        domain: str | None = None,
        rcpt_domain: str | None = None,
        timeout: None | float | tuple[float, float] = None,
    ) -> str:
        """Ask for an on-demand CSV report of the message events from ``start`` (default: a
        day ago) to ``end`` (default: now) and return its ``report_id``. ``channel`` narrows it
        (the client's channel is not applied: a report covers every channel unless told).

        The service answers only "success"; the id is then the newest on-demand report of
        ``v4_reports_get`` (the sandbox also returns it in the reply). Follow it with
        ``wait_for_report`` and ``download_report``/``save_report``.
        """
        from smtp.paging import to_epoch

        requested = time.time()
        reply = self.reports_api.v4_reports_ondemand_post(
            to_epoch(start, "start"),
            channel=channel,
            end=to_epoch(end, "end") if end is not None else None,
            domain=domain,
            rcpt_domain=rcpt_domain,
            events=list(events) if events is not None and not isinstance(events, str) else events,
            columns=list(columns) if columns is not None and not isinstance(columns, str) else columns,
            _request_timeout=timeout,
        )
        report_id = reply.data.get("report_id") if isinstance(reply.data, dict) else None
        if isinstance(report_id, str) and report_id:
            return report_id
        listed = self.reports_api.v4_reports_get(_request_timeout=timeout)
        ondemand = [r for r in (listed.data.ondemand or ()) if r.report_id] if listed.data is not None else []
        recent = [r for r in ondemand if (r.time_req or 0) >= int(requested) - 60] or ondemand
        if not recent:
            raise UnexpectedResponseError(None, "the report was requested but v4_reports_get lists no on-demand report")
        return str(max(recent, key=lambda r: r.time_req or 0).report_id)

    def report(self, report_id: str, *, timeout: None | float | tuple[float, float] = None) -> Report:
        """One report: ``status`` (pending, in_progress, done), ``progress`` and, once done, ``url``."""
        return self.reports_api.v4_reports_report_id_get(report_id, _request_timeout=timeout)

    def wait_for_report(
        self,
        report_id: str,
        *,
        timeout: float = 600.0,
        poll: float = 5.0,
        on_progress: Callable[[Report], None] | None = None,
    ) -> Report:
        """Poll ``report(report_id)`` every ``poll`` seconds until it is done, at most
        ``timeout`` seconds in all, and return it. ``on_progress(report)`` is called after
        each poll. Raises ``ApiTimeoutError`` when the time runs out."""
        from smtp.exceptions import ApiTimeoutError

        if not timeout > 0 or not poll > 0:
            raise ApiValueError("timeout and poll must be positive seconds", errors={"timeout": "must be > 0"})
        deadline = time.monotonic() + timeout
        while True:
            report = self.report(report_id)
            if on_progress is not None:
                on_progress(report)
            if report.status == "done" and report.url:
                return report
            left = deadline - time.monotonic()
            if left <= 0:
                raise ApiTimeoutError(
                    f"report {report_id} not done after {timeout:g} s "
                    f"(status {report.status}, progress {report.progress})"
                )
            time.sleep(min(poll, left))

    def _download(self, report: Report | str, timeout: None | float | tuple[float, float]) -> Any:
        """The unread reply of a done report's URL, through the client's connection pool. The
        API key goes along only to the API's own origin (the service links its files elsewhere)."""
        from urllib.parse import urlsplit

        if isinstance(report, str):
            report = self.report(report, timeout=timeout)
        if not report.url:
            raise ApiValueError(
                f"report {report.report_id} has no download URL yet (status {report.status})",
                errors={"report": "is not done"},
            )
        url = str(report.url)
        own, there = urlsplit(str(self.configuration.host)), urlsplit(url)
        if there.scheme not in ("http", "https"):
            raise UnexpectedResponseError(None, "the report's URL is not an http(s) URL")
        headers: dict[str, str] = {}
        if (own.scheme, own.netloc) == (there.scheme, there.netloc):
            self.api_client.update_params_for_auth(headers, [], ["apiKey", "basicAuth"])
        return self.api_client.rest_client.request(
            "GET", url, headers=headers, _preload_content=False, _request_timeout=timeout
        )

    def download_report(self, report: Report | str, *, timeout: None | float | tuple[float, float] = None) -> bytes:
        """The file of a done report (a ``Report`` or its id): CSV in the sandbox, a ZIP
        archive of it from the service."""
        reply = self._download(report, timeout)
        try:
            return bytes(reply.data)
        except urllib3.exceptions.HTTPError as error:
            raise _cut_off(error) from None
        finally:
            reply.release_conn()

    def save_report(
        self,
        report: Report | str,
        path: str | os.PathLike[str],
        *,
        timeout: None | float | tuple[float, float] = None,
        on_chunk: Callable[[int], None] | None = None,
    ) -> int:
        """Stream a done report's file into ``path`` (written whole or not at all) and return
        its size in bytes; ``on_chunk(bytes_so_far)`` follows the download."""
        reply = self._download(report, timeout)
        target = os.fspath(path)
        partial = f"{target}.part"
        size = 0
        try:
            with open(partial, "wb") as out:
                for chunk in reply.stream(65536):
                    out.write(chunk)
                    size += len(chunk)
                    if on_chunk is not None:
                        on_chunk(size)
            os.replace(partial, target)
        except urllib3.exceptions.HTTPError as error:
            if os.path.exists(partial):
                os.unlink(partial)
            raise _cut_off(error) from None
        except BaseException:
            if os.path.exists(partial):
                os.unlink(partial)
            raise
        finally:
            reply.release_conn()
        return size


def _msg_id(reply: Any) -> str:
    """The ``msg_id`` of a send's reply; a reply without one is an error, not an empty ID."""
    msg_id = reply.data.msg_id if reply.data is not None else None
    if not msg_id:
        raise UnexpectedResponseError(None, "the reply has no data.msg_id")
    return str(msg_id)


def _channel_data(reply: Any) -> ChannelData:
    """The channel of a ``Channel`` reply; a reply without one is an error."""
    if reply.data is None:
        raise UnexpectedResponseError(None, "the reply has no channel in data")
    return reply.data  # type: ignore[no-any-return]


def _cut_off(error: Exception) -> ApiException:
    """A download that failed after its reply had begun, as the SDK's connection error."""
    from smtp._redact import redact_text
    from smtp.exceptions import ApiConnectionError, ApiTimeoutError

    kind = ApiTimeoutError if isinstance(error, urllib3.exceptions.TimeoutError) else ApiConnectionError
    return kind(f"the report's download was cut off: {redact_text(str(error))}", sent=True)

"""Response models of ``v4_messages_get``: one item per message and recipient, with its events."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from typing import Any

from smtp.models._base import Model, field

__all__ = [
    "MessagesResponseDataMsgData",
    "MessagesResponseDataDetailsDelivery",
    "MessagesResponseDataDetails",
    "MessagesResponseDataOpensItems",
    "MessagesResponseDataOpens",
    "MessagesResponseDataClicksItems",
    "MessagesResponseDataClicks",
    "MessagesResponseDataAbuseComplaints",
    "MessagesResponseDataAbuse",
    "MessagesResponseDataUnsubsItems",
    "MessagesResponseDataUnsubs",
    "MessagesResponseDataItems",
    "MessagesResponseData",
    "MessagesResponse",
]


class MessagesResponseDataMsgData(Model):
    """Envelope and subject of a message."""

    rcpt_to: str | None = field("Email address of the recipient")
    _from: str | None = field("Email address of the sender", key="from")
    subject: str | None = field("Message subject")


class MessagesResponseDataDetailsDelivery(Model):
    """The delivery attempt: its outcome and the last SMTP reply."""

    finished: str | None = field("Timestamp of when the message was delivered")
    retries: int | None = field("Number of retries after the initial delivery attempt")
    event: str | None = field("One of `delivered`, `failed` or `queued`")
    code: str | None = field("The last SMTP response code received from a peer")
    status: str | None = field("The last SMTP response message received from a peer")


class MessagesResponseDataDetails(Model):
    """Delivery data."""

    delivery: MessagesResponseDataDetailsDelivery | None = field("The delivery attempt")


class MessagesResponseDataOpensItems(Model):
    """One open of the message."""

    open_time: str | None = field("Timestamp of when the message was opened")
    remote_ip: str | None = field("IP address of where the message was opened")
    ua: str | None = field("User agent of the device on which the message was opened")


class MessagesResponseDataOpens(Model):
    """Opens data."""

    items: list[MessagesResponseDataOpensItems] | None = field("Every open")


class MessagesResponseDataClicksItems(Model):
    """One click on a link of the message."""

    click_time: str | None = field("Timestamp of when message links were clicked")
    remote_ip: str | None = field("IP address of where links were clicked")
    ua: str | None = field("User agent of the device on which links were clicked")


class MessagesResponseDataClicks(Model):
    """Clicks data."""

    items: list[MessagesResponseDataClicksItems] | None = field("Every click")


class MessagesResponseDataAbuseComplaints(Model):
    """One abuse (spam) complaint."""

    report_time: str | None = field("Time when the complaint was made")
    provider: str | None = field("Abuse provider information")


class MessagesResponseDataAbuse(Model):
    """Abuse data."""

    complaints: list[MessagesResponseDataAbuseComplaints] | None = field("Every complaint")


class MessagesResponseDataUnsubsItems(Model):
    """One unsubscribe request."""

    unsub_time: str | None = field("Time when the unsubscribe request was made")


class MessagesResponseDataUnsubs(Model):
    """Unsubscribes data."""

    items: list[MessagesResponseDataUnsubsItems] | None = field("Every unsubscribe")


class MessagesResponseDataItems(Model):
    """One message to one recipient, and everything that happened to it."""

    msg_id: str | None = field("Unique message ID")
    msg_time: int | None = field("Time at which the message was sent (UNIX epoch)")
    channel: str | None = field("Name of the channel on which the message was sent")
    smtp_vars: dict[str, Any] | None = field(
        "Custom parameters echoed back from the `X-SMTPAPI` header's `unique_args`"
    )
    msg_data: MessagesResponseDataMsgData | None = field("Envelope and subject")
    details: MessagesResponseDataDetails | None = field("Delivery data")
    opens: MessagesResponseDataOpens | None = field("Opens data")
    clicks: MessagesResponseDataClicks | None = field("Clicks data")
    abuse: MessagesResponseDataAbuse | None = field("Abuse data")
    unsubs: MessagesResponseDataUnsubs | None = field("Unsubscribes data")


class MessagesResponseData(Model):
    """Message data."""

    items: list[MessagesResponseDataItems] | None = field("The page of items, oldest event first")


class MessagesResponse(Model):
    """The reply of ``v4_messages_get``."""

    status: str | None = field("Request status")
    data: MessagesResponseData | None = field("Message data")

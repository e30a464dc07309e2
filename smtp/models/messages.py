"""Response models of ``v4_messages_get``: one item per message and recipient, with its events."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from typing import Any, Dict, List, Optional

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

    rcpt_to: Optional[str] = field("Email address of the recipient")
    _from: Optional[str] = field("Email address of the sender", key="from")
    subject: Optional[str] = field("Message subject")


class MessagesResponseDataDetailsDelivery(Model):
    """The delivery attempt: its outcome and the last SMTP reply."""

    finished: Optional[str] = field("Timestamp of when the message was delivered")
    retries: Optional[int] = field("Number of retries after the initial delivery attempt")
    event: Optional[str] = field("One of `delivered`, `failed` or `queued`")
    code: Optional[str] = field("The last SMTP response code received from a peer")
    status: Optional[str] = field("The last SMTP response message received from a peer")


class MessagesResponseDataDetails(Model):
    """Delivery data."""

    delivery: Optional[MessagesResponseDataDetailsDelivery] = field("The delivery attempt")


class MessagesResponseDataOpensItems(Model):
    """One open of the message."""

    open_time: Optional[str] = field("Timestamp of when the message was opened")
    remote_ip: Optional[str] = field("IP address of where the message was opened")
    ua: Optional[str] = field("User agent of the device on which the message was opened")


class MessagesResponseDataOpens(Model):
    """Opens data."""

    items: Optional[List[MessagesResponseDataOpensItems]] = field("Every open")


class MessagesResponseDataClicksItems(Model):
    """One click on a link of the message."""

    click_time: Optional[str] = field("Timestamp of when message links were clicked")
    remote_ip: Optional[str] = field("IP address of where links were clicked")
    ua: Optional[str] = field("User agent of the device on which links were clicked")


class MessagesResponseDataClicks(Model):
    """Clicks data."""

    items: Optional[List[MessagesResponseDataClicksItems]] = field("Every click")


class MessagesResponseDataAbuseComplaints(Model):
    """One abuse (spam) complaint."""

    report_time: Optional[str] = field("Time when the complaint was made")
    provider: Optional[str] = field("Abuse provider information")


class MessagesResponseDataAbuse(Model):
    """Abuse data."""

    complaints: Optional[List[MessagesResponseDataAbuseComplaints]] = field("Every complaint")


class MessagesResponseDataUnsubsItems(Model):
    """One unsubscribe request."""

    unsub_time: Optional[str] = field("Time when the unsubscribe request was made")


class MessagesResponseDataUnsubs(Model):
    """Unsubscribes data."""

    items: Optional[List[MessagesResponseDataUnsubsItems]] = field("Every unsubscribe")


class MessagesResponseDataItems(Model):
    """One message to one recipient, and everything that happened to it."""

    msg_id: Optional[str] = field("Unique message ID")
    msg_time: Optional[int] = field("Time at which the message was sent (UNIX epoch)")
    channel: Optional[str] = field("Name of the channel on which the message was sent")
    smtp_vars: Optional[Dict[str, Any]] = field("Custom parameters echoed back from the `X-SMTPAPI` header's `unique_args`")
    msg_data: Optional[MessagesResponseDataMsgData] = field("Envelope and subject")
    details: Optional[MessagesResponseDataDetails] = field("Delivery data")
    opens: Optional[MessagesResponseDataOpens] = field("Opens data")
    clicks: Optional[MessagesResponseDataClicks] = field("Clicks data")
    abuse: Optional[MessagesResponseDataAbuse] = field("Abuse data")
    unsubs: Optional[MessagesResponseDataUnsubs] = field("Unsubscribes data")


class MessagesResponseData(Model):
    """Message data."""

    items: Optional[List[MessagesResponseDataItems]] = field("The page of items, oldest event first")


class MessagesResponse(Model):
    """The reply of ``v4_messages_get``."""

    status: Optional[str] = field("Request status")
    data: Optional[MessagesResponseData] = field("Message data")

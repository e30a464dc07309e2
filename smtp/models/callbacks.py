"""Models of the Callbacks API: registered callbacks and their delivery log."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from typing import Any

from smtp.models._base import Model, field

__all__ = [
    "CreateCallbackResponse",
    "GetCallbackDetailsData",
    "GetCallbackDetails",
    "GetCallbackLogsDataItems",
    "GetCallbackLogsData",
    "GetCallbackLogs",
    "GetCallbackResponseDataItems",
    "GetCallbackResponseData",
    "GetCallbackResponse",
]

_MEDIUM = "How the callback is delivered: `http`, or `aws` for an Amazon SQS queue"
_EVENT = "The event the callback is for"
_CHANNEL = "The channel the callback is registered on"
_ADDRESS = "Where the callback goes: a URL, or an SQS queue name"
_AWS = "Amazon SQS settings"


class CreateCallbackResponse(Model):
    """The reply of ``v4_callbacks_event_post``."""

    status: str | None = field("Request status")
    data: dict[str, Any] | None = field("Whatever else the service says; usually empty")


class GetCallbackDetailsData(Model):
    """One callback."""

    medium: str | None = field(_MEDIUM)
    event: str | None = field(_EVENT)
    channel: str | None = field(_CHANNEL)
    address: str | None = field(_ADDRESS)
    aws_data: str | None = field(_AWS)


class GetCallbackDetails(Model):
    """The reply of ``v4_callbacks_event_get``."""

    status: str | None = field("Request status")
    data: GetCallbackDetailsData | None = field("The callback")


class GetCallbackLogsDataItems(Model):
    """One delivery of a callback, as the receiving end answered it."""

    code: int | None = field("The HTTP status code the receiving end answered")
    msg: str | None = field("The HTTP or Amazon SQS reply message")
    time: str | None = field("When the callback was delivered (RFC 2822 or UNIX epoch)")


class GetCallbackLogsData(Model):
    """The callback log."""

    items: list[GetCallbackLogsDataItems] | None = field("The latest deliveries")


class GetCallbackLogs(Model):
    """The reply of ``v4_callbacks_log_get``."""

    status: str | None = field("Request status")
    data: GetCallbackLogsData | None = field("The log")


class GetCallbackResponseDataItems(Model):
    """One callback in a list."""

    medium: str | None = field(_MEDIUM)
    event: str | None = field(_EVENT)
    channel: str | None = field(_CHANNEL)
    address: str | None = field(_ADDRESS)
    aws_data: str | None = field(_AWS)


class GetCallbackResponseData(Model):
    """The callbacks."""

    items: list[GetCallbackResponseDataItems] | None = field("Every callback")


class GetCallbackResponse(Model):
    """The reply of ``v4_callbacks_get``."""

    status: str | None = field("Request status")
    data: GetCallbackResponseData | None = field("The callbacks")

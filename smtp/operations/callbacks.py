"""The Callbacks API's operations, declared as data: per channel and event, the URL (or Amazon
SQS queue) the service notifies, and the log of those notifications."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = [
    "CALLBACK_EVENTS",
    "CALLBACK_MEDIUMS",
    "OPERATIONS",
    "V4_CALLBACKS_DELETE",
    "V4_CALLBACKS_EVENT_DELETE",
    "V4_CALLBACKS_EVENT_GET",
    "V4_CALLBACKS_EVENT_PATCH",
    "V4_CALLBACKS_EVENT_POST",
    "V4_CALLBACKS_GET",
    "V4_CALLBACKS_LOG_GET",
]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))

#: the events a callback can be registered for
CALLBACK_EVENTS = (
    "delivered",
    "failed",
    "complained",
    "bounceback",
    "received",
    "queued",
    "hard_bounced",
    "opened",
    "clicked",
    "unsubscribed",
)
#: how a callback is delivered: an HTTP POST, or an Amazon SQS queue (the API document names it both
#: ``aws`` and ``sqs``; both are accepted)
CALLBACK_MEDIUMS = ("http", "aws", "sqs")

_MEDIUM_DOC = "How the callback is delivered: 'http', or 'aws' / 'sqs' for an Amazon SQS queue"
_ADDRESS_DOC = "Where the callback goes: a URL for 'http', the SQS queue name otherwise"
_AWS_DOC = 'Amazon SQS settings as JSON text, `{"key": ..., "secret": ...}`; needed for an SQS queue'


def _event() -> Param:
    return Param(
        "event",
        "enum",
        f"The event the callback is for: one of {', '.join(CALLBACK_EVENTS)}",
        required=True,
        enum=CALLBACK_EVENTS,
        location="path",
    )


def _channel() -> Param:
    return Param("channel", "str", "Name of the channel the callback is registered on", required=True)


V4_CALLBACKS_DELETE = Operation(
    name="v4_callbacks_delete",
    method="DELETE",
    path="/v4/callbacks/",
    summary="Delete All Callbacks",
    description="Remove every callback of the account, on every channel.",
    params=(),
    response_type="StatusResponse",
    responses=((200, "Delete All Callbacks"),) + _ERRORS,
    api="CallbacksApi",
)

V4_CALLBACKS_EVENT_DELETE = Operation(
    name="v4_callbacks_event_delete",
    method="DELETE",
    path="/v4/callbacks/{event}",
    summary="Delete Callback",
    description="Remove the callback of one event on one channel.",
    params=(_event(), _channel()),
    response_type="StatusResponse",
    responses=((200, "Delete Callback"),) + _ERRORS,
    api="CallbacksApi",
)

V4_CALLBACKS_EVENT_GET = Operation(
    name="v4_callbacks_event_get",
    method="GET",
    path="/v4/callbacks/{event}",
    summary="Get Callback Details",
    description="The callback of one event on one channel: its medium and address.",
    params=(_event(), _channel()),
    response_type="GetCallbackDetails",
    responses=((200, "Get Callback Details"),) + _ERRORS,
    api="CallbacksApi",
)

V4_CALLBACKS_EVENT_PATCH = Operation(
    name="v4_callbacks_event_patch",
    method="PATCH",
    path="/v4/callbacks/{event}",
    summary="Update Callback Details",
    description="Change the medium, address or SQS settings of the callback of one event on one channel.",
    params=(
        _event(),
        _channel(),
        Param("medium", "enum", _MEDIUM_DOC, enum=CALLBACK_MEDIUMS, many=False),
        Param("address", "str", _ADDRESS_DOC),
        Param("aws_data", "str", _AWS_DOC),
    ),
    response_type="StatusResponse",
    responses=((200, "Update Callback Details"),) + _ERRORS,
    api="CallbacksApi",
)

V4_CALLBACKS_EVENT_POST = Operation(
    name="v4_callbacks_event_post",
    method="POST",
    path="/v4/callbacks/{event}",
    summary="Create Callback",
    description="Register where the service reports one event of one channel.",
    params=(
        _event(),
        _channel(),
        Param("medium", "enum", _MEDIUM_DOC, required=True, enum=CALLBACK_MEDIUMS, many=False),
        Param("address", "str", _ADDRESS_DOC, required=True),
        Param("aws_data", "str", _AWS_DOC),
    ),
    response_type="CreateCallbackResponse",
    responses=((200, "Create Callback"),) + _ERRORS,
    api="CallbacksApi",
)

V4_CALLBACKS_GET = Operation(
    name="v4_callbacks_get",
    method="GET",
    path="/v4/callbacks/",
    summary="List All Callbacks",
    description="Every callback of the account, on every channel.",
    params=(),
    response_type="GetCallbackResponse",
    responses=((200, "List All Callbacks"),) + _ERRORS,
    api="CallbacksApi",
)

V4_CALLBACKS_LOG_GET = Operation(
    name="v4_callbacks_log_get",
    method="GET",
    path="/v4/callbacks/log",
    summary="View Callback Logs",
    description=(
        "The latest callback deliveries of a channel, with the code and message the receiving end "
        "answered: a help when callbacks do not arrive."
    ),
    params=(
        Param("channel", "str", "Name of the channel whose callback log to read", required=True),
        Param("limit", "int", "How many entries to return (the service's default is 20)", minimum=1),
    ),
    response_type="GetCallbackLogs",
    responses=((200, "View Callback Logs"),) + _ERRORS,
    api="CallbacksApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (
    V4_CALLBACKS_DELETE,
    V4_CALLBACKS_EVENT_DELETE,
    V4_CALLBACKS_EVENT_GET,
    V4_CALLBACKS_EVENT_PATCH,
    V4_CALLBACKS_EVENT_POST,
    V4_CALLBACKS_GET,
    V4_CALLBACKS_LOG_GET,
)

"""The Messages API's operations, declared as data: send a message as JSON or as MIME, and read
what happened to sent messages."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = ["OPERATIONS", "V4_MESSAGES_GET", "V4_MESSAGES_MIME_POST", "V4_MESSAGES_POST"]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))

V4_MESSAGES_GET = Operation(
    name="v4_messages_get",
    method="GET",
    path="/v4/messages",
    summary="Get Detailed Messages Info",
    description=(
        "Every message sent on a channel in a time range, one item per recipient, with its delivery, "
        "opens, clicks, complaints and unsubscribes. Only the last 7 calendar days are kept; items "
        "come sorted by event time, oldest first. Because the call is costly, `limit` and `offset` "
        "are required."
    ),
    params=(
        Param(
            "start", "time", "The starting time: an RFC 2822 date, a UNIX epoch, or an aware `datetime`", required=True
        ),
        Param("limit", "int", "Maximum number of items to return (1 to 1000)", required=True, minimum=1, maximum=1000),
        Param(
            "offset",
            "int",
            "Number of items to skip before returning the results (0 or more)",
            required=True,
            minimum=0,
        ),
        Param("channel", "str", "Name of the channel used to send messages", required=True),
        Param("end", "time", "The ending time (default: now): an RFC 2822 date, a UNIX epoch, or an aware `datetime`"),
        Param(
            "event",
            "enum",
            "Only these events: one of, or a list of, 'accepted', 'delivered', 'failed'",
            enum=("accepted", "delivered", "failed"),
        ),
        Param("msg_id", "str", "Unique message ID"),
    ),
    response_type="MessagesResponse",
    responses=((200, "Get Detailed Messages Info"),) + _ERRORS,
    api="MessagesApi",
)

V4_MESSAGES_POST = Operation(
    name="v4_messages_post",
    method="POST",
    path="/v4/messages",
    summary="Send a Message",
    description=(
        "Send a message described as JSON through a channel; the service builds the MIME message. "
        "At most 1000 recipients (to, cc and bcc together) and 10 MB of generated MIME. Exactly a "
        "text/plain and a text/html part become multipart/alternative; anything more is wrapped in "
        "multipart/mixed. Content type message/rfc822 is prohibited. Delivery results arrive later: "
        "read them with `v4_messages_get`."
    ),
    params=(Param("inline_object", "body", "The message", model="InlineObject"),),
    response_type="PostMessageResponse",
    responses=((200, "Send a Message"),) + _ERRORS,
    api="MessagesApi",
)

V4_MESSAGES_MIME_POST = Operation(
    name="v4_messages_mime_post",
    method="POST",
    path="/v4/messages/mime",
    summary="Send MIME Message",
    description=(
        "Send a prepared RFC-compliant MIME message through a channel, with its envelope "
        "(recipients and originator). The limits of `v4_messages_post` apply."
    ),
    params=(
        Param("inline_object1", "body", "The MIME message and its envelope", required=True, model="InlineObject1"),
    ),
    response_type="MimeResponse",
    responses=((200, "Send MIME Message"),) + _ERRORS,
    api="MessagesApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (V4_MESSAGES_GET, V4_MESSAGES_MIME_POST, V4_MESSAGES_POST)

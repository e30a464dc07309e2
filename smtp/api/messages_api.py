"""The endpoints of the v4 Messages API: each operation declared as data, handed to the core.

No HTTP here: ``smtp.api_client.ApiClient.call_operation`` checks the arguments, encodes them,
authenticates, sends and decodes the reply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smtp.api_client import ApiClient, Operation, Param

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    from smtp.models import InlineObject, InlineObject1, MessagesResponse, MimeResponse, PostMessageResponse

    TimeArg = str | int | float | datetime.datetime

__all__ = ["MessagesApi", "V4_MESSAGES_GET", "V4_MESSAGES_POST", "V4_MESSAGES_MIME_POST", "OPERATIONS"]

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
)

#: every operation of this API, in documentation order
OPERATIONS = (V4_MESSAGES_GET, V4_MESSAGES_MIME_POST, V4_MESSAGES_POST)


class MessagesApi:
    """The Messages API: send messages and read what happened to them.

    Each operation takes the generated SDK's keyword options: ``async_req`` (return a result
    whose ``get()`` waits for it), ``_return_http_data_only``, ``_preload_content`` (False returns
    the unread urllib3 reply), ``_request_timeout`` (seconds or ``(connect, read)``) and
    ``_request_auth`` (one auth setting for this call only).

    Required parameters have a ``None`` default only so that a missing one is reported as an
    ``ApiValueError`` naming it, like every other bad argument, rather than as a bare TypeError.
    """

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

    def v4_messages_get(
        self,
        start: TimeArg | None = None,
        limit: int | None = None,
        offset: int | None = None,
        channel: str | None = None,
        **kwargs: Any,
    ) -> MessagesResponse:
        """Get Detailed Messages Info: one page of message items (``end``, ``event``, ``msg_id``
        are optional keywords). Returns a ``MessagesResponse``."""
        kwargs["_return_http_data_only"] = True
        return self.api_client.call_operation(V4_MESSAGES_GET, (start, limit, offset, channel), kwargs)  # type: ignore[no-any-return]

    def v4_messages_get_with_http_info(
        self,
        start: TimeArg | None = None,
        limit: int | None = None,
        offset: int | None = None,
        channel: str | None = None,
        **kwargs: Any,
    ) -> Any:
        """Like ``v4_messages_get`` but returns ``(MessagesResponse, status, headers)``."""
        return self.api_client.call_operation(V4_MESSAGES_GET, (start, limit, offset, channel), kwargs)

    def v4_messages_post(self, inline_object: InlineObject | None = None, **kwargs: Any) -> PostMessageResponse:
        """Send a Message described as JSON. Returns a ``PostMessageResponse`` with the ``msg_id``."""
        kwargs["_return_http_data_only"] = True
        return self.api_client.call_operation(V4_MESSAGES_POST, (inline_object,), kwargs)  # type: ignore[no-any-return]

    def v4_messages_post_with_http_info(self, inline_object: InlineObject | None = None, **kwargs: Any) -> Any:
        """Like ``v4_messages_post`` but returns ``(PostMessageResponse, status, headers)``."""
        return self.api_client.call_operation(V4_MESSAGES_POST, (inline_object,), kwargs)

    def v4_messages_mime_post(self, inline_object1: InlineObject1 | None = None, **kwargs: Any) -> MimeResponse:
        """Send a prepared MIME Message. Returns a ``MimeResponse`` with the ``msg_id``."""
        kwargs["_return_http_data_only"] = True
        return self.api_client.call_operation(V4_MESSAGES_MIME_POST, (inline_object1,), kwargs)  # type: ignore[no-any-return]

    def v4_messages_mime_post_with_http_info(self, inline_object1: InlineObject1 | None = None, **kwargs: Any) -> Any:
        """Like ``v4_messages_mime_post`` but returns ``(MimeResponse, status, headers)``."""
        return self.api_client.call_operation(V4_MESSAGES_MIME_POST, (inline_object1,), kwargs)

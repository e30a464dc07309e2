"""The Messages API class: one method per operation (and its ``_with_http_info`` twin), each
handing its declaration (``smtp.operations.messages``, re-exported here) to the core.

No HTTP here: ``smtp.api_client.ApiClient.call_operation`` checks the arguments, encodes them,
authenticates, sends and decodes the reply.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from smtp.api._base import Api
from smtp.operations.messages import OPERATIONS, V4_MESSAGES_GET, V4_MESSAGES_MIME_POST, V4_MESSAGES_POST

if TYPE_CHECKING:  # pragma: no cover
    import datetime

    from smtp.models import InlineObject, InlineObject1, MessagesResponse, MimeResponse, PostMessageResponse

    TimeArg = str | int | float | datetime.datetime

__all__ = ["MessagesApi", "V4_MESSAGES_GET", "V4_MESSAGES_POST", "V4_MESSAGES_MIME_POST", "OPERATIONS"]


class MessagesApi(Api):
    """The Messages API: send messages and read what happened to them.

    Built on an ``ApiClient`` (``MessagesApi(api_client)``); every method takes the generated SDK's
    keyword options and reports a missing required argument as an ``ApiValueError`` (see ``Api``).
    """

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

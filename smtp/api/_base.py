"""What every API class shares: its client, and the keyword options every method takes."""

from __future__ import annotations

from smtp.api_client import ApiClient

__all__ = ["Api"]


class Api:
    """The base of the API classes (``MessagesApi``, ``ChannelsApi``, ...): one method per
    operation and its ``_with_http_info`` twin, each handing its declaration to the client.

    Each operation takes the generated SDK's keyword options: ``async_req`` (return a result
    whose ``get()`` waits for it), ``_return_http_data_only``, ``_preload_content`` (False returns
    the unread urllib3 reply), ``_request_timeout`` (seconds or ``(connect, read)``) and
    ``_request_auth`` (one auth setting for this call only).

    Required parameters have a ``None`` default only so that a missing one is reported as an
    ``ApiValueError`` naming it, like every other bad argument, rather than as a bare TypeError.

    :param api_client: the client that sends (a new ``ApiClient()`` with the default
        ``Configuration`` when none is given).
    """

    def __init__(self, api_client: ApiClient | None = None) -> None:
        self.api_client = api_client if api_client is not None else ApiClient()

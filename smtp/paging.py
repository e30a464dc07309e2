"""Read every message event of a channel and time range without thinking of ``limit`` and ``offset``.

``iter_messages`` calls ``MessagesApi.v4_messages_get`` page by page, lazily (the next page
is fetched only when the previous one has been consumed), and yields each
``MessagesResponseDataItems`` in the service's order, oldest event first. It stops after the
first page that comes back shorter than ``page_size``.

Times (``start``, ``end``) may be given as:

- a timezone-aware ``datetime`` (a naive one is refused: its moment is ambiguous);
- a ``date``, or a string ``"YYYY-MM-DD"``: **midnight UTC** at the start of that day;
- an ISO 8601 time such as ``"2026-11-20T10:30:00+01:00"`` (without an offset it means UTC);
- an RFC 2822 date such as ``"Fri, 20 Nov 2026 10:30:00 +0000"``;
- a UNIX epoch, as a number or a string of digits;
- a duration before now: ``"90s"``, ``"30m"``, ``"6h"``, ``"2d"`` or ``"1w"``.

When ``end`` is not given it is fixed to the moment the iteration starts, so that messages
sent while paging do not shift the pages.
"""

from __future__ import annotations

import datetime
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from smtp._time import parse_time
from smtp.exceptions import ApiTypeError, ApiValueError

if TYPE_CHECKING:  # pragma: no cover
    from smtp.api.messages_api import MessagesApi
    from smtp.models import MessagesResponseDataItems

__all__ = ["TimeLike", "to_epoch", "iter_messages", "MAX_PAGE_SIZE"]

#: A moment, in any of the forms the module docstring lists.
TimeLike = datetime.datetime | datetime.date | int | float | str

#: The largest page the service returns (``limit`` is at most 1000).
MAX_PAGE_SIZE = 1000


def to_epoch(value: TimeLike, name: str = "time", now: float | None = None) -> int:
    """``value`` as UNIX epoch seconds; see the module docstring for the accepted forms.

    ``now`` (epoch seconds, the current time by default) is what a duration counts back from.
    Raises ``ApiValueError`` for text that is no time (non-ASCII digits, years past 9999,
    NaN and infinities included) and for a naive ``datetime``; ``ApiTypeError`` for another type.
    """
    epoch, problem = parse_time(value, loose=True, now=now)
    if epoch is not None:
        return int(epoch)
    if isinstance(value, bool) or not isinstance(value, (datetime.date, int, float, str)):
        raise ApiTypeError(f"{name} {problem}")
    raise ApiValueError(f"{name}: {problem}", errors={name: problem or "not a time"})


def iter_messages(
    api: MessagesApi,
    channel: str,
    start: TimeLike,
    end: TimeLike | None = None,
    *,
    event: None | str | Sequence[str] = None,
    msg_id: str | None = None,
    page_size: int = MAX_PAGE_SIZE,
    **options: Any,
) -> Iterator[MessagesResponseDataItems]:
    """Every ``v4_messages_get`` item of ``channel`` between ``start`` and ``end`` (now by
    default), oldest event first, fetched lazily ``page_size`` at a time.

    ``event`` keeps only ``accepted``, ``delivered`` or ``failed`` items (one or a list);
    ``msg_id`` only those of one message; ``options`` go to every call (for example
    ``_request_timeout``). The arguments are checked at once, before the first page is
    requested. Errors of a page are raised as ``ApiException`` subclasses when the iteration
    reaches it; items already yielded stay yielded.
    """
    if isinstance(page_size, bool) or not isinstance(page_size, int) or not 1 <= page_size <= MAX_PAGE_SIZE:
        problem = f"must be an integer from 1 to {MAX_PAGE_SIZE:d}, got {page_size!r}"
        raise ApiValueError("page_size " + problem, errors={"page_size": problem})
    now = time.time()
    start_epoch = to_epoch(start, "start", now)
    end_epoch = to_epoch(end, "end", now) if end is not None else int(now) + 1
    if end_epoch < start_epoch:
        raise ApiValueError("end is before start", errors={"end": "is before start"})
    if event is not None:
        options["event"] = event
    if msg_id is not None:
        options["msg_id"] = msg_id
    return _items(api, channel, start_epoch, end_epoch, page_size, options)


def _items(
    api: MessagesApi, channel: str, start: int, end: int, page_size: int, options: dict[str, Any]
) -> Iterator[MessagesResponseDataItems]:
    offset = 0
    while True:
        reply = api.v4_messages_get(start, page_size, offset, channel, end=end, **options)
        items: list[MessagesResponseDataItems] = (reply.data.items if reply.data is not None else None) or []
        yield from items
        if len(items) < page_size:
            return
        offset += len(items)

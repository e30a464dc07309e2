"""Statistics: event counts over the stored messages, for a named time bracket (``duration``),
narrowed by a slice and its value (``/channel/marketing``) and grouped by another slice."""

from __future__ import annotations

import calendar
import time
from typing import Any

from smtp.sandbox.resources._common import Call, Handler, success
from smtp.sandbox.resources._items import StoredItem, stored_items

__all__ = ["HANDLERS", "COUNTERS", "bracket"]

_HOUR, _DAY = 3600, 86400

#: what each counter counts, by event name (``accepted`` is every message to every recipient)
COUNTERS = {
    "accepted": lambda it: 1,
    "delivered": lambda it: int(it.state == "delivered"),
    "failed": lambda it: int(it.state == "failed"),
    "queued": lambda it: int(it.state == "accepted"),
    "opened": lambda it: it.count("opens"),
    "clicked": lambda it: it.count("clicks"),
    "complained": lambda it: it.count("complaints"),
    "unsubscribed": lambda it: it.count("unsubs"),
    "hard": lambda it: int(it.hard_bounced),
}
# the counters of a reply that asks for no particular event (those of ``StatsResponseDataItems``)
_DEFAULT_EVENTS = ("accepted", "complained", "delivered", "clicked", "opened", "failed", "unsubscribed", "queued")


def _month_start(year: int, month: int) -> int:
    while month < 1:
        year, month = year - 1, month + 12
    return calendar.timegm((year, month, 1, 0, 0, 0))


def bracket(duration: str, now: float, account_created: float = 0) -> tuple[float, float]:
    """The first and the last second (UTC epochs, both included) of a named duration."""
    now = int(now)
    hour = now - now % _HOUR
    day = now - now % _DAY
    week = day - time.gmtime(now).tm_wday * _DAY  # Monday 00:00
    year, month = time.gmtime(now)[:2]
    this_month = _month_start(year, month)
    this_year = calendar.timegm((year, 1, 1, 0, 0, 0))
    last_month = (_month_start(year, month - 1), this_month - 1)
    brackets: dict[str, tuple[float, float]] = {
        "last_hour": (hour - _HOUR, hour - 1),
        "last_day": (day - _DAY, day - 1),
        "last_week": (week - 7 * _DAY, week - 1),
        "last_month": last_month,
        "mtd": last_month,  # the API document gives mtd the bracket of last_month
        "this_hour": (hour, now),
        "this_day": (day, now),
        "this_week": (week, now),
        "this_month": (this_month, now),
        "last_24hrs": (now - _DAY, now),
        "last_7days": (now - 7 * _DAY, now),
        "last_30days": (now - 30 * _DAY, now),
        "this_year": (this_year, now),
        "ytd": (this_year, now),
        "last_year": (calendar.timegm((year - 1, 1, 1, 0, 0, 0)), this_year - 1),
        "total": (account_created, now),
    }
    return brackets[duration]


def stats(call: Call) -> Any:
    start, end = bracket(call.get("duration"), call.clock())
    slice_name, wanted, group_by = call.get("slice"), call.get("slice_specifier").lower(), call.get("group_by")
    events = call.get("event") or _DEFAULT_EVENTS
    groups: dict[str, dict[str, int]] = {}
    channel = wanted if slice_name == "channel" else None
    for item in stored_items(call.store, start, end, channel=None if channel is None else call.get("slice_specifier")):
        if item.slice_value(slice_name).lower() != wanted:
            continue
        counts = groups.setdefault(item.slice_value(group_by), dict.fromkeys(events, 0))
        _add(counts, item)
    offset, limit = call.get("offset"), call.get("limit")
    items = [{group_by: key, **counts} for key, counts in sorted(groups.items())][offset : offset + limit]
    return success({"items": items})


def _add(counts: dict[str, int], item: StoredItem) -> None:
    for event in counts:
        counts[event] += COUNTERS[event](item)


HANDLERS: dict[str, Handler] = {"v4_stats_duration_slice_slice_specifier_group_by_get": stats}

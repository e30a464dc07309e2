"""The Statistics API's operation, declared as data: event counts over a time bracket, narrowed
by a slice and grouped."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = ["DURATIONS", "OPERATIONS", "SLICES", "STATS_EVENTS", "V4_STATS_DURATION_SLICE_SLICE_SPECIFIER_GROUP_BY_GET"]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))

#: the named time brackets
DURATIONS = (
    "last_hour",
    "last_day",
    "last_week",
    "last_month",
    "this_hour",
    "this_day",
    "this_week",
    "this_month",
    "last_24hrs",
    "last_7days",
    "last_30days",
    "mtd",
    "total",
    "this_year",
    "ytd",
    "last_year",
)
#: what the events can be narrowed down or grouped by
SLICES = ("channel", "domain", "rcpt_domain", "rcpt_isp")
#: the events that can be counted
STATS_EVENTS = (
    "accepted",
    "delivered",
    "failed",
    "hard",
    "queued",
    "opened",
    "clicked",
    "unsubscribed",
    "complained",
)

V4_STATS_DURATION_SLICE_SLICE_SPECIFIER_GROUP_BY_GET = Operation(
    name="v4_stats_duration_slice_slice_specifier_group_by_get",
    method="GET",
    path="/v4/stats/{duration}/{slice}/{slice_specifier}/{group_by}",
    summary="Get Statistics",
    description=(
        "Counts of each event over a time bracket, narrowed to one value of a slice (say, the channel "
        "`marketing`) and grouped by another slice. A named `duration` takes precedence over "
        "`start` and `end`; `last_year`, `this_year`, `ytd` and `total` cannot be sliced."
    ),
    params=(
        Param(
            "start",
            "time",
            "The starting time: an RFC 2822 date, a UNIX epoch, or an aware `datetime`",
            required=True,
        ),
        Param(
            "duration",
            "enum",
            f"A named time bracket: one of {', '.join(DURATIONS)}",
            required=True,
            enum=DURATIONS,
            location="path",
        ),
        Param(
            "slice",
            "enum",
            f"What to narrow the events by: one of {', '.join(SLICES)}",
            required=True,
            enum=SLICES,
            location="path",
        ),
        Param(
            "slice_specifier",
            "str",
            "The value of the slice to keep, e.g. a channel name or a domain",
            required=True,
            location="path",
        ),
        Param(
            "group_by",
            "enum",
            f"What to group the counts by: one of {', '.join(SLICES)}",
            required=True,
            enum=SLICES,
            location="path",
        ),
        Param("limit", "int", "Maximum number of items to return (1 to 1000)", required=True, minimum=1, maximum=1000),
        Param(
            "offset",
            "int",
            "Number of items to skip before returning the results (0 or more)",
            required=True,
            minimum=0,
        ),
        Param("end", "time", "The ending time (default: now): an RFC 2822 date, a UNIX epoch, or an aware `datetime`"),
        Param(
            "event",
            "enum",
            f"Only these events: one of, or a list of, {', '.join(STATS_EVENTS)}",
            enum=STATS_EVENTS,
        ),
    ),
    response_type="StatsResponse",
    responses=((200, "Get Statistics"),) + _ERRORS,
    api="StatisticsApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (V4_STATS_DURATION_SLICE_SLICE_SPECIFIER_GROUP_BY_GET,)

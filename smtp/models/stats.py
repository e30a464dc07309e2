"""Models of the Statistics API: event counts, and the named values of its path."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from typing import ClassVar

from smtp.models._base import Model, field

__all__ = ["StatsResponseDataItems", "StatsResponseData", "StatsResponse", "DurationValue", "SliceValue"]


class StatsResponseDataItems(Model):
    """The count of each event in one group."""

    accepted: int | None = field("Messages accepted")
    complained: int | None = field("Spam complaints")
    delivered: int | None = field("Messages delivered")
    clicked: int | None = field("Clicks")
    opened: int | None = field("Opens")
    failed: int | None = field("Messages that failed")
    unsubscribed: int | None = field("Unsubscribes")
    queued: int | None = field("Messages queued")


class StatsResponseData(Model):
    """The counts."""

    items: list[StatsResponseDataItems] | None = field("One item per group")


class StatsResponse(Model):
    """The reply of ``v4_stats_duration_slice_slice_specifier_group_by_get``."""

    status: str | None = field("Request status")
    data: StatsResponseData | None = field("The counts")


class DurationValue(Model):
    """The named time brackets of the ``duration`` path parameter. A string enum in the API
    document: like the generated SDK's, this class has no fields, only the values as constants
    and ``allowable_values``."""

    LAST_HOUR = "last_hour"
    LAST_DAY = "last_day"
    LAST_WEEK = "last_week"
    LAST_MONTH = "last_month"
    THIS_HOUR = "this_hour"
    THIS_DAY = "this_day"
    THIS_WEEK = "this_week"
    THIS_MONTH = "this_month"
    LAST_24HRS = "last_24hrs"
    LAST_7DAYS = "last_7days"
    LAST_30DAYS = "last_30days"
    MTD = "mtd"
    TOTAL = "total"
    THIS_YEAR = "this_year"
    YTD = "ytd"
    LAST_YEAR = "last_year"
    allowable_values: ClassVar[list[str]] = [
        LAST_HOUR,
        LAST_DAY,
        LAST_WEEK,
        LAST_MONTH,
        THIS_HOUR,
        THIS_DAY,
        THIS_WEEK,
        THIS_MONTH,
        LAST_24HRS,
        LAST_7DAYS,
        LAST_30DAYS,
        MTD,
        TOTAL,
        THIS_YEAR,
        YTD,
        LAST_YEAR,
    ]


class SliceValue(Model):
    """The slices of the ``slice`` and ``group_by`` path parameters. A string enum in the API
    document: like the generated SDK's, this class has no fields, only the values as constants
    and ``allowable_values``."""

    CHANNEL = "channel"
    DOMAIN = "domain"
    RCPT_DOMAIN = "rcpt_domain"
    RCPT_ISP = "rcpt_isp"
    allowable_values: ClassVar[list[str]] = [CHANNEL, DOMAIN, RCPT_DOMAIN, RCPT_ISP]

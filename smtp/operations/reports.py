"""The Reports API's operations, declared as data: on-demand CSV reports of message events, and
periodic reports built daily, weekly or monthly."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = [
    "NOTIFY_METHODS",
    "OPERATIONS",
    "REPORT_COLUMNS",
    "REPORT_EVENTS",
    "REPORT_FREQUENCIES",
    "REPORT_TYPES",
    "V4_REPORTS_GET",
    "V4_REPORTS_ONDEMAND_POST",
    "V4_REPORTS_PERIODIC_POST",
    "V4_REPORTS_PERIODIC_REPORT_ID_DELETE",
    "V4_REPORTS_PERIODIC_REPORT_ID_PATCH",
    "V4_REPORTS_REPORT_ID_GET",
]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))

#: how often a periodic report is built
REPORT_FREQUENCIES = ("monthly", "weekly", "daily")
#: the formats of a report
REPORT_TYPES = ("csv",)
#: how the service says a periodic report is ready
NOTIFY_METHODS = ("http_post",)
#: the event filters of a report
REPORT_EVENTS = ("hard_bounced", "failed", "delivered", "sent", "pending", "total", "abuse")
#: the columns a report may hold
REPORT_COLUMNS = (
    "message_id",
    "from",
    "to",
    "time_rcv",
    "time_snt",
    "channel",
    "status",
    "code",
    "message",
    "tries",
    "report_time",
    "subject",
)

_EVENTS_DOC = (
    "Only these events: one of, or a list of, 'hard_bounced', 'failed' (every failure), 'delivered', "
    "'sent' (delivered and failed; the default), 'pending', 'total' (sent and pending), 'abuse' (complaints)"
)
_COLUMNS_DOC = "The report's columns (default: every column that fits the events): one of, or a list of, " + ", ".join(
    REPORT_COLUMNS
)
_FREQUENCY_DOC = (
    "How often the report is built: 'daily', 'weekly' (on Mondays) or 'monthly' (on the 1st), at `report_time`"
)
_HOUR_DOC = "The hour of the day (0 to 23) at which the report is built"


def _report_id(doc: str) -> Param:
    return Param("report_id", "str", doc, required=True, location="path")


def _events() -> Param:
    return Param("events", "enum", _EVENTS_DOC, enum=REPORT_EVENTS)


def _columns() -> Param:
    return Param("columns", "enum", _COLUMNS_DOC, enum=REPORT_COLUMNS)


def _frequency() -> Param:
    return Param("frequency", "enum", _FREQUENCY_DOC, required=True, enum=REPORT_FREQUENCIES, many=False)


def _hour() -> Param:
    return Param("report_time", "int", _HOUR_DOC, required=True, minimum=0, maximum=23)


V4_REPORTS_GET = Operation(
    name="v4_reports_get",
    method="GET",
    path="/v4/reports/",
    summary="Get All Reports",
    description="Every periodic report definition, and every on-demand report with its progress.",
    params=(),
    response_type="Reports",
    responses=((200, "Get All Reports"),) + _ERRORS,
    api="ReportsApi",
)

V4_REPORTS_ONDEMAND_POST = Operation(
    name="v4_reports_ondemand_post",
    method="POST",
    path="/v4/reports/ondemand",
    summary="Create On-Demand Report",
    description=(
        "Ask for a one-off CSV report of the message events in a time range. The service builds it "
        "in the background: follow its `progress` with `v4_reports_get`, then fetch it with "
        "`v4_reports_report_id_get`, whose reply holds the download URL."
    ),
    params=(
        Param("start", "int", "Start of the time range, as a UNIX epoch", required=True, minimum=0),
        Param("channel", "str", "Only messages of this channel"),
        Param("type", "enum", "The report's format: 'csv' (the default and only one)", enum=REPORT_TYPES, many=False),
        Param(
            "end",
            "time",
            "End of the time range (default: now): an RFC 2822 date, a UNIX epoch, or an aware `datetime`",
        ),
        Param("domain", "str", "Only messages from this sending domain"),
        Param("rcpt_domain", "str", "Only messages to this recipient domain"),
        _events(),
        _columns(),
    ),
    response_type="StatusResponse",
    responses=((200, "Create On-Demand Report"),) + _ERRORS,
    api="ReportsApi",
)

V4_REPORTS_PERIODIC_POST = Operation(
    name="v4_reports_periodic_post",
    method="POST",
    path="/v4/reports/periodic",
    summary="Create Periodic Report",
    description="Define a report the service builds every day, week or month, at a given hour.",
    params=(
        _frequency(),
        _hour(),
        Param("channel", "str", "Only messages of this channel (default: every channel)"),
        Param(
            "notify_method",
            "enum",
            "How to be told the report is ready: 'http_post'",
            enum=NOTIFY_METHODS,
            many=False,
        ),
        Param(
            "notify_dest",
            "str",
            'The URL that receives the notice, a JSON `{"message": "success", "id": <report ID>}`',
        ),
        Param("domain", "str", "Only messages from this sending domain"),
        Param("rcpt_domain", "str", "Only messages to this recipient domain"),
        _events(),
        _columns(),
    ),
    response_type="StatusResponse",
    responses=((200, "Create Periodic Report"),) + _ERRORS,
    api="ReportsApi",
)

V4_REPORTS_PERIODIC_REPORT_ID_DELETE = Operation(
    name="v4_reports_periodic_report_id_delete",
    method="DELETE",
    path="/v4/reports/periodic/{report_id}",
    summary="Delete a Periodic Report",
    description="Remove a periodic report definition.",
    params=(_report_id("ID of the periodic report"),),
    response_type="StatusResponse",
    responses=((200, "Delete a Periodic Report"),) + _ERRORS,
    api="ReportsApi",
)

V4_REPORTS_PERIODIC_REPORT_ID_PATCH = Operation(
    name="v4_reports_periodic_report_id_patch",
    method="PATCH",
    path="/v4/reports/periodic/{report_id}",
    summary="Update Periodic Report",
    description="Change when a periodic report is built, its channel or its events.",
    params=(
        _report_id("ID of the periodic report to change"),
        _frequency(),
        _hour(),
        Param("channel", "str", "Only messages of this channel (default: every channel)"),
        _events(),
    ),
    response_type="StatusResponse",
    responses=((200, "Update Periodic Report"),) + _ERRORS,
    api="ReportsApi",
)

V4_REPORTS_REPORT_ID_GET = Operation(
    name="v4_reports_report_id_get",
    method="GET",
    path="/v4/reports/{report_id}",
    summary="Get Report Details",
    description=(
        "One report: its status, progress and, once done, the URL to download it from. The service "
        'may send `progress` as a percentage text such as `"100%"`; it is read as the number.'
    ),
    params=(_report_id("ID of the report"),),
    response_type="Report",
    responses=((200, "Get Report Details"),) + _ERRORS,
    api="ReportsApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (
    V4_REPORTS_GET,
    V4_REPORTS_ONDEMAND_POST,
    V4_REPORTS_PERIODIC_POST,
    V4_REPORTS_PERIODIC_REPORT_ID_DELETE,
    V4_REPORTS_PERIODIC_REPORT_ID_PATCH,
    V4_REPORTS_REPORT_ID_GET,
)

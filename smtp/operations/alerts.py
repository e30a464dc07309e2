"""The Alerts API's operations, declared as data: alerts that fire when the account has used a
given share of its monthly quota."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = [
    "ALERT_TYPES",
    "OPERATIONS",
    "THRESHOLDS",
    "V4_ALERTS_ALERT_ID_DELETE",
    "V4_ALERTS_ALERT_ID_GET",
    "V4_ALERTS_ALERT_ID_PATCH",
    "V4_ALERTS_GET",
    "V4_ALERTS_POST",
]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))

#: the alert types the service knows
ALERT_TYPES = ("monthly_quota",)
#: the shares of the monthly quota an alert may fire at
THRESHOLDS = ("0.5", "0.75", "0.9", "1")

_THRESHOLD_DOC = "Share of the monthly quota at which the alert fires: 0.5, 0.75, 0.9 or 1"


def _alert_id() -> Param:
    return Param("alert_id", "str", "ID of the alert", required=True, location="path")


V4_ALERTS_ALERT_ID_DELETE = Operation(
    name="v4_alerts_alert_id_delete",
    method="DELETE",
    path="/v4/alerts/{alert_id}",
    summary="Delete Alert",
    description="Remove an alert.",
    params=(_alert_id(),),
    response_type="StatusResponse",
    responses=((200, "Delete Alert"),) + _ERRORS,
    api="AlertsApi",
)

V4_ALERTS_ALERT_ID_GET = Operation(
    name="v4_alerts_alert_id_get",
    method="GET",
    path="/v4/alerts/{alert_id}",
    summary="Get Alert Details",
    description="One alert: its type and threshold.",
    params=(_alert_id(),),
    response_type="GetAlertDetails",
    responses=((200, "Get Alert Details"),) + _ERRORS,
    api="AlertsApi",
)

V4_ALERTS_ALERT_ID_PATCH = Operation(
    name="v4_alerts_alert_id_patch",
    method="PATCH",
    path="/v4/alerts/{alert_id}",
    summary="Update Alert Details",
    description="Change the threshold of an alert.",
    params=(_alert_id(), Param("threshold", "float", _THRESHOLD_DOC, enum=THRESHOLDS)),
    response_type="StatusResponse",
    responses=((200, "Update Alert Details"),) + _ERRORS,
    api="AlertsApi",
)

V4_ALERTS_GET = Operation(
    name="v4_alerts_get",
    method="GET",
    path="/v4/alerts/",
    summary="List All Alerts",
    description="Every alert of the account.",
    params=(),
    response_type="GetAlertResponse",
    responses=((200, "List All Alerts"),) + _ERRORS,
    api="AlertsApi",
)

V4_ALERTS_POST = Operation(
    name="v4_alerts_post",
    method="POST",
    path="/v4/alerts/",
    summary="Create New Alert",
    description="Add an alert. Only `monthly_quota` alerts exist today.",
    params=(
        Param("type", "enum", "The alert's type: 'monthly_quota'", required=True, enum=ALERT_TYPES, many=False),
        Param("threshold", "float", _THRESHOLD_DOC, enum=THRESHOLDS),
    ),
    response_type="StatusResponse",
    responses=((200, "Create New Alert"),) + _ERRORS,
    api="AlertsApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (
    V4_ALERTS_ALERT_ID_DELETE,
    V4_ALERTS_ALERT_ID_GET,
    V4_ALERTS_ALERT_ID_PATCH,
    V4_ALERTS_GET,
    V4_ALERTS_POST,
)

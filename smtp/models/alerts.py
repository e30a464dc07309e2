"""Models of the Alerts API: alerts on the share of the monthly quota used."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from smtp.models._base import Model, field

__all__ = [
    "GetAlertDetailsData",
    "GetAlertDetails",
    "GetAlertResponseDataItems",
    "GetAlertResponseData",
    "GetAlertResponse",
]


class GetAlertDetailsData(Model):
    """One alert."""

    type: str | None = field("The alert's type: `monthly_quota`")
    threshold: str | None = field("Share of the monthly quota at which it fires, as text: `0.5`, `0.75`, `0.9` or `1`")
    alert_id: str | None = field("ID of the alert")


class GetAlertDetails(Model):
    """The reply of ``v4_alerts_alert_id_get``."""

    status: str | None = field("Request status")
    data: GetAlertDetailsData | None = field("The alert")


class GetAlertResponseDataItems(Model):
    """One alert in a list."""

    type: str | None = field("The alert's type: `monthly_quota`")
    threshold: str | None = field("Share of the monthly quota at which it fires, as text: `0.5`, `0.75`, `0.9` or `1`")
    alert_id: str | None = field("ID of the alert")


class GetAlertResponseData(Model):
    """The alerts."""

    items: list[GetAlertResponseDataItems] | None = field("Every alert")


class GetAlertResponse(Model):
    """The reply of ``v4_alerts_get``."""

    status: str | None = field("Request status")
    data: GetAlertResponseData | None = field("The alerts")

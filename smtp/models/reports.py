"""Models of the Reports API: periodic report definitions and on-demand reports."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from smtp.models._base import Model, field
from smtp.models._tolerant import accept, fix_field, fix_items, percent

__all__ = ["Report", "ReportsDataPeriodic", "ReportsDataOndemand", "ReportsData", "Reports"]

_PROGRESS = (
    "How far the report is built, in percent. The schema says integer; the service may send a "
    'percentage text such as `"100%"`, which is read as the number'
)
_FREQUENCY = "How often a periodic report is built: `daily`, `weekly` or `monthly`"
_STATUS = "Where an on-demand report is: `pending`, `in_progress` or `done`"


class Report(Model):
    """One report: the reply of ``v4_reports_report_id_get``."""

    frequency: str | None = field(_FREQUENCY)
    report_id: str | None = field("ID of the report")
    events: str | None = field("The events the report covers")
    channel: str | None = field("The channel the report covers (`-` for every channel)")
    report_time: str | None = field("The hour at which a periodic report is built")
    status: str | None = field(_STATUS)
    name: str | None = field("The on-demand report's name, made up by the service")
    url: str | None = field("Where to download the on-demand report from, once done")
    time_req: int | None = field("When the on-demand report was requested (UNIX epoch)")
    progress: int | None = field(_PROGRESS)


class ReportsDataPeriodic(Model):
    """One periodic report definition."""

    frequency: str | None = field(_FREQUENCY)
    report_id: str | None = field("ID of the report")
    events: str | None = field("The events the report covers")
    channel: str | None = field("The channel the report covers (`-` for every channel)")
    report_time: str | None = field("The hour at which the report is built")


class ReportsDataOndemand(Model):
    """One on-demand report."""

    status: str | None = field(_STATUS)
    name: str | None = field("The report's name, made up by the service")
    url: str | None = field("Where to download the report from, once done")
    time_req: int | None = field("When the report was requested (UNIX epoch)")
    progress: int | None = field(_PROGRESS)
    channel: str | None = field("The channel the report covers (`-` for every channel)")
    report_id: str | None = field("ID of the report")


class ReportsData(Model):
    """The reports."""

    periodic: list[ReportsDataPeriodic] | None = field("Every periodic report definition")
    ondemand: list[ReportsDataOndemand] | None = field("Every on-demand report")


class Reports(Model):
    """The reply of ``v4_reports_get``."""

    status: str | None = field("Request status")
    data: ReportsData | None = field("The reports")


_progress = percent("progress")
accept(Report, _progress)
accept(ReportsDataOndemand, _progress)
accept(ReportsData, fix_items("ondemand", _progress))
accept(Reports, fix_field("data", fix_items("ondemand", _progress)))

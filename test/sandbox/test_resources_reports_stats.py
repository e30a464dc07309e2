"""The sandbox's reports (on-demand CSV built from the stored messages, its download, periodic
definitions) and statistics (counts by slice and group), over raw HTTP."""

from __future__ import annotations

import calendar
import csv
import io
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from support.resource_http import Raw

from smtp.sandbox import Sandbox
from smtp.sandbox.resources.statistics import bracket


@pytest.fixture
def raw() -> Iterator[Raw]:
    with Sandbox() as sandbox:
        raw = Raw(sandbox.url)
        assert raw.send("main", "jane@gmail.com", "bounce@simulator.test", "deferred@simulator.test")[0] == 200
        assert raw.send("main", "open@simulator.test", "complaint@simulator.test", subject="=HYPERLINK(1)")[0] == 200
        assert raw.send("promo", "joe@gmail.com", sender="news@other.org")[0] == 200
        yield raw


def report_csv(raw: Raw, report_id: str) -> list[list[str]]:
    report = raw.ok("GET", f"/v4/reports/{report_id}")
    assert report["status"] == "done" and report["progress"] == 100 and report["data"]["report_id"] == report_id
    status, body, headers = raw.request("GET", urlsplit(report["url"]).path)
    assert status == 200 and headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(body.decode("utf-8"))))


def test_ondemand_report_with_columns_and_events(raw: Raw) -> None:
    reply = raw.ok(
        "POST", "/v4/reports/ondemand", [("start", 0), ("events", "failed"), ("columns", "to"), ("columns", "code")]
    )
    rows = report_csv(raw, reply["data"]["report_id"])
    assert rows == [["to", "code"], ["bounce@simulator.test", "550"]]


def test_ondemand_report_of_everything_on_a_channel(raw: Raw) -> None:
    report_id = raw.ok("POST", "/v4/reports/ondemand", {"start": 0, "channel": "main"})["data"]["report_id"]
    header, *rows = report_csv(raw, report_id)
    assert header[:3] == ["message_id", "from", "to"] and len(header) == 12
    by_to = {row[header.index("to")]: dict(zip(header, row, strict=True)) for row in rows}
    assert set(by_to) == {
        "jane@gmail.com",
        "bounce@simulator.test",
        "deferred@simulator.test",
        "open@simulator.test",
        "complaint@simulator.test",
    }
    assert by_to["deferred@simulator.test"]["status"] == "queued" and by_to["deferred@simulator.test"]["time_snt"] == ""
    assert by_to["open@simulator.test"]["subject"] == "'=HYPERLINK(1)"  # never a spreadsheet formula


def test_ondemand_filters_by_domain_and_event_kinds(raw: Raw) -> None:
    def rows(**query: object) -> list[list[str]]:
        report_id = raw.ok("POST", "/v4/reports/ondemand", {"start": 0, "columns": "to", **query})["data"]["report_id"]
        return report_csv(raw, report_id)[1:]

    assert rows(domain="other.org") == [["joe@gmail.com"]]
    assert rows(rcpt_domain="gmail.com") == [["jane@gmail.com"], ["joe@gmail.com"]]
    assert rows(events="abuse") == [["complaint@simulator.test"]]
    assert rows(events="pending") == [["deferred@simulator.test"]]
    assert len(rows(events="sent")) == 5
    assert rows(end=1) == []


def test_reports_are_listed_with_their_progress(raw: Raw) -> None:
    first = raw.ok("POST", "/v4/reports/ondemand", {"start": 0, "channel": "main", "events": "delivered"})
    periodic = raw.ok("POST", "/v4/reports/periodic", {"frequency": "weekly", "report_time": 7, "events": "failed"})
    listed = raw.ok("GET", "/v4/reports/")["data"]
    (ondemand,) = listed["ondemand"]
    assert ondemand["report_id"] == first["data"]["report_id"] and ondemand["channel"] == "main"
    assert ondemand["status"] == "done" and ondemand["progress"] == 100 and ondemand["url"].endswith(".csv")
    assert "(delivered)" in ondemand["name"]
    assert listed["periodic"] == [
        {
            "frequency": "weekly",
            "report_id": periodic["data"]["report_id"],
            "events": "failed",
            "channel": "-",
            "report_time": "7",
        }
    ]


def test_periodic_update_and_delete(raw: Raw) -> None:
    report_id = raw.ok("POST", "/v4/reports/periodic", {"frequency": "daily", "report_time": 0})["data"]["report_id"]
    raw.ok("PATCH", f"/v4/reports/periodic/{report_id}", {"frequency": "monthly", "report_time": 23, "channel": "main"})
    got = raw.ok("GET", f"/v4/reports/{report_id}")
    assert (got["frequency"], got["report_time"], got["channel"], got["status"]) == ("monthly", "23", "main", "pending")
    assert raw.ok("DELETE", f"/v4/reports/periodic/{report_id}")["status"] == "success"
    raw.errors("GET", f"/v4/reports/{report_id}", status=404)
    raw.errors("DELETE", f"/v4/reports/periodic/{report_id}", status=404)
    raw.errors("PATCH", f"/v4/reports/periodic/{report_id}", {"frequency": "daily", "report_time": 1}, status=404)


def test_report_bad_input(raw: Raw) -> None:
    assert raw.errors("POST", "/v4/reports/ondemand") == {"start": "is required"}
    errors = raw.errors("POST", "/v4/reports/ondemand", {"start": "soon", "events": "bounced", "columns": "color"})
    assert set(errors) == {"start", "events", "columns"}
    assert "end" in raw.errors("POST", "/v4/reports/ondemand", {"start": 2_000_000_000, "end": 1_000_000_000})
    errors = raw.errors("POST", "/v4/reports/periodic", {"frequency": "hourly", "report_time": 24})
    assert set(errors) == {"frequency", "report_time"}
    raw.errors("GET", "/v4/reports/0123", status=404)
    assert raw.request("GET", "/sandbox/reports/0123.csv")[0] == 404
    assert raw.ok("GET", "/v4/reports/")["data"] == {"periodic": [], "ondemand": []}


STATS = "/v4/stats/last_24hrs/{}"
PAGE = {"start": 0, "limit": 100, "offset": 0}


def test_stats_grouped_by_recipient_domain(raw: Raw) -> None:
    items = raw.ok("GET", STATS.format("channel/main/rcpt_domain"), PAGE)["data"]["items"]
    assert items == [
        {
            "rcpt_domain": "gmail.com",
            "accepted": 1,
            "complained": 0,
            "delivered": 1,
            "clicked": 0,
            "opened": 0,
            "failed": 0,
            "unsubscribed": 0,
            "queued": 0,
        },
        {
            "rcpt_domain": "simulator.test",
            "accepted": 4,
            "complained": 1,
            "delivered": 2,
            "clicked": 0,
            "opened": 1,
            "failed": 1,
            "unsubscribed": 0,
            "queued": 1,
        },
    ]


def test_stats_slices_events_and_paging(raw: Raw) -> None:
    by_channel = raw.ok("GET", STATS.format("rcpt_isp/google/channel"), PAGE)["data"]["items"]
    assert [(i["channel"], i["delivered"]) for i in by_channel] == [("main", 1), ("promo", 1)]
    by_sender = raw.ok("GET", STATS.format("rcpt_domain/gmail.com/domain"), PAGE)["data"]["items"]
    assert [i["domain"] for i in by_sender] == ["example.com", "other.org"]
    query = [("start", 0), ("limit", 1), ("offset", 1), ("event", "failed"), ("event", "hard")]
    page = raw.ok("GET", STATS.format("channel/main/rcpt_domain"), query)["data"]["items"]
    assert page == [{"rcpt_domain": "simulator.test", "failed": 1, "hard": 1}]
    assert raw.ok("GET", STATS.format("channel/nobody/rcpt_domain"), PAGE)["data"]["items"] == []
    assert raw.ok("GET", "/v4/stats/last_year/channel/main/domain", PAGE)["data"]["items"] == []


def test_stats_bad_input(raw: Raw) -> None:
    errors = raw.errors("GET", "/v4/stats/someday/channel/main/colour", {"limit": 0})
    assert set(errors) == {"duration", "group_by", "start", "limit", "offset"}
    assert "event" in raw.errors("GET", STATS.format("channel/main/domain"), {**PAGE, "event": "exploded"})
    raw.errors("GET", "/v4/stats/last_day/channel/main", PAGE, status=404)


def test_brackets() -> None:
    now = calendar.timegm((2026, 1, 7, 15, 30, 0))  # a Wednesday
    day = calendar.timegm((2026, 1, 7, 0, 0, 0))
    assert bracket("this_hour", now) == (calendar.timegm((2026, 1, 7, 15, 0, 0)), now)
    assert bracket("last_hour", now) == (
        calendar.timegm((2026, 1, 7, 14, 0, 0)),
        calendar.timegm((2026, 1, 7, 14, 59, 59)),
    )
    assert bracket("last_day", now) == (day - 86400, day - 1)
    assert bracket("this_week", now) == (calendar.timegm((2026, 1, 5, 0, 0, 0)), now)
    assert bracket("last_week", now) == (
        calendar.timegm((2025, 12, 29, 0, 0, 0)),
        calendar.timegm((2026, 1, 4, 23, 59, 59)),
    )
    assert bracket("last_month", now) == (
        calendar.timegm((2025, 12, 1, 0, 0, 0)),
        calendar.timegm((2025, 12, 31, 23, 59, 59)),
    )
    assert bracket("this_month", now)[0] == bracket("ytd", now)[0] == calendar.timegm((2026, 1, 1, 0, 0, 0))
    assert bracket("last_year", now) == (
        calendar.timegm((2025, 1, 1, 0, 0, 0)),
        calendar.timegm((2025, 12, 31, 23, 59, 59)),
    )
    assert bracket("last_30days", now) == (now - 30 * 86400, now)
    assert bracket("total", now, account_created=5) == (5, now)

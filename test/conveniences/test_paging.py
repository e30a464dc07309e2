"""smtp.paging: times in every accepted form, lazy page-by-page iteration, and 2,500 events
read back from the sandbox exactly once and in order."""

from __future__ import annotations

import datetime

import pytest

import smtp
from smtp.paging import iter_messages, to_epoch

UTC = datetime.timezone.utc
DAY = 1795132800  # 2026-11-20 00:00:00 UTC


def page(n, first=0):
    return {
        "status": "success",
        "data": {
            "items": [{"msg_id": f"m{i}", "msg_time": DAY + i, "channel": "main"} for i in range(first, first + n)]
        },
    }


# --------------------------------------------------------------------------------------
# times
# --------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        "2026-11-20",
        datetime.date(2026, 11, 20),
        datetime.datetime(2026, 11, 20, tzinfo=UTC),
        datetime.datetime(2026, 11, 20, 1, tzinfo=datetime.timezone(datetime.timedelta(hours=1))),
        "2026-11-20T00:00:00Z",
        "2026-11-20T00:00:00",
        "2026-11-20 01:00:00+01:00",
        "Fri, 20 Nov 2026 00:00:00 +0000",
        "Fri, 20 Nov 2026 00:00:00 -0000",
        DAY,
        float(DAY) + 0.7,
        str(DAY),
    ],
)
def test_every_time_form_means_the_same_moment(value):
    assert to_epoch(value) == DAY


def test_durations_count_back_from_now():
    now = DAY + 7 * 86400
    assert to_epoch("7d", now=now) == DAY
    assert to_epoch("1w", now=now) == DAY
    assert to_epoch("90s", now=now) == now - 90
    assert to_epoch("30m", now=now) == now - 1800
    assert to_epoch("1.5h", now=now) == now - 5400


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-11-20T25:00", "", "7x"])
def test_text_that_is_no_time_is_refused_with_the_forms_listed(value):
    with pytest.raises(smtp.ApiValueError, match="YYYY-MM-DD") as caught:
        to_epoch(value, "start")
    assert list(caught.value.errors) == ["start"]


def test_a_naive_datetime_and_other_types_are_refused():
    with pytest.raises(smtp.ApiValueError, match="naive"):
        to_epoch(datetime.datetime(2026, 11, 20))
    with pytest.raises(smtp.ApiTypeError):
        to_epoch([1])  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------
# iteration, against the recording server
# --------------------------------------------------------------------------------------
def test_pages_until_a_short_page_with_one_fixed_range(api, server):
    server.reply(200, page(3, 0))
    server.reply(200, page(3, 3))
    server.reply(200, page(1, 6))
    items = list(iter_messages(api, "main", "2026-11-20", page_size=3))
    assert [i.msg_id for i in items] == [f"m{i}" for i in range(7)]
    assert [r.query["offset"] for r in server.requests] == [["0"], ["3"], ["6"]]
    assert {r.query["limit"][0] for r in server.requests} == {"3"}
    assert {r.query["start"][0] for r in server.requests} == {str(DAY)}
    assert len({r.query["end"][0] for r in server.requests}) == 1, "end is fixed once for every page"


def test_an_exact_multiple_ends_with_one_empty_page(api, server):
    server.reply(200, page(2, 0))
    server.reply(200, page(0))
    assert len(list(iter_messages(api, "main", DAY, DAY + 86400, page_size=2))) == 2
    assert [r.query["offset"] for r in server.requests] == [["0"], ["2"]]
    assert server.requests[0].query["end"] == [str(DAY + 86400)]


def test_pages_are_fetched_only_when_needed(api, server):
    server.reply(200, page(2, 0))
    server.reply(200, page(1, 2))
    items = iter_messages(api, "main", DAY, page_size=2, event=["delivered", "failed"], msg_id="m1")
    assert server.requests == []
    next(items)
    next(items)
    assert len(server.requests) == 1
    assert server.requests[0].query["event"] == ["delivered", "failed"]
    assert server.requests[0].query["msg_id"] == ["m1"]
    assert [i.msg_id for i in items] == ["m2"]
    assert len(server.requests) == 2


def test_bad_arguments_fail_before_any_request(api, server):
    for kwargs in ({"page_size": 0}, {"page_size": 1001}, {"page_size": True}, {"end": DAY - 1}):
        with pytest.raises(smtp.ApiValueError):
            iter_messages(api, "main", DAY, **kwargs)
    with pytest.raises(smtp.ApiValueError):
        iter_messages(api, "main", "not a time")
    assert server.requests == []


def test_an_error_page_raises_the_api_exception(api, server):
    server.reply(200, page(2, 0))
    server.reply(400, {"status": "fail", "data": {"errors": {"start": "too old"}}})
    items = iter_messages(api, "main", DAY, page_size=2)
    assert len([next(items), next(items)]) == 2
    with pytest.raises(smtp.BadRequestException):
        next(items)


# --------------------------------------------------------------------------------------
# 2,500 events from the sandbox
# --------------------------------------------------------------------------------------
def test_paging_over_2500_events_returns_each_once_in_order(smtp_sandbox):
    start = datetime.datetime.now(UTC) - datetime.timedelta(minutes=5)
    sent = set()
    for batch, count in enumerate((1000, 1000, 500)):
        rcpts = [f"user{batch}.{i}@example.com" for i in range(count)]
        reply = smtp_sandbox.api.v4_messages_post(
            smtp.InlineObject(
                channel=smtp_sandbox.channel,
                recipients=smtp.V4MessagesRecipients(bulk_list=[smtp.V4MessagesRecipientsTo(address=a) for a in rcpts]),
                originator=smtp.V4MessagesOriginator(_from=smtp.V4MessagesRecipientsTo(address="bulk@example.com")),
                subject=f"Batch {batch}",
                body=smtp.V4MessagesBody(parts=[smtp.V4MessagesBodyParts(type="text/plain", content="hi")]),
            )
        )
        sent.update((reply.data.msg_id, a) for a in rcpts)
    assert len(sent) == 2500

    items = list(iter_messages(smtp_sandbox.api, smtp_sandbox.channel, start))
    keys = [(i.msg_id, i.msg_data.rcpt_to) for i in items]
    assert len(keys) == 2500 and set(keys) == sent, "each event exactly once"
    times = [i.msg_time for i in items]
    assert times == sorted(times), "oldest first"

    again = [
        (i.msg_id, i.msg_data.rcpt_to)
        for i in iter_messages(smtp_sandbox.api, smtp_sandbox.channel, start, page_size=333)
    ]
    assert again == keys, "the page size does not change what is read, nor its order"

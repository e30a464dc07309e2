"""``GET /v4/messages`` on the sandbox: one item per recipient, the mailbox simulator, the
filters (channel, time, event, msg_id), sorting by event time, paging, the 7-day window."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from support.payloads import make_message
from support.sandbox import KEY, Raw, mime_payload, sdk_api

import smtp
from smtp.sandbox import MAILBOXES, SIMULATOR_DOMAIN, Sandbox
from smtp.sandbox.api import retention_start
from smtp.sandbox.events import format_time


class Clock:
    """A settable time source for the sandbox."""

    def __init__(self) -> None:
        self.now = float(int(time.time()) - 3600)

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def sandbox(clock: Clock) -> Iterator[Sandbox]:
    with Sandbox(api_keys=(KEY,)) as sb:
        assert sb.api is not None
        sb.api.clock = clock
        yield sb


def to(*addresses: str) -> smtp.V4MessagesRecipients:
    return smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(address=a) for a in addresses])


def send(sandbox: Sandbox, *addresses: str, **fields: Any) -> str:
    reply = sdk_api(sandbox.url).v4_messages_post(make_message(recipients=to(*addresses), **fields))
    return str(reply.data.msg_id)


def items(sandbox: Sandbox, **params: Any) -> list[dict[str, Any]]:
    query = {"start": 0, "limit": 1000, "offset": 0, "channel": "main", **params}
    reply = Raw(sandbox.url).get("/v4/messages?" + urlencode(query, doseq=True))
    assert reply.status == 200, reply.data
    return reply.json["data"]["items"]


def rcpts(found: list[dict[str, Any]]) -> list[str]:
    return [item["msg_data"]["rcpt_to"] for item in found]


def test_one_item_per_distinct_recipient_with_the_message_data(sandbox, clock):
    message = make_message(
        recipients=smtp.V4MessagesRecipients(
            to=[
                smtp.V4MessagesRecipientsTo(address="a@example.com"),
                smtp.V4MessagesRecipientsTo(address="b@example.com"),
            ],
            cc=[
                smtp.V4MessagesRecipientsTo(address="c@example.com"),
                smtp.V4MessagesRecipientsTo(address="A@example.com"),
            ],
            bcc=[smtp.V4MessagesRecipientsTo(address="d@example.com")],
        ),
        subject="Line one\nline two",
        custom_headers={"X-SMTPAPI": '{"unique_args": {"order": "42"}}'},
    )
    msg_id = sdk_api(sandbox.url).v4_messages_post(message).data.msg_id
    found = items(sandbox)
    assert rcpts(found) == ["a@example.com", "b@example.com", "c@example.com", "d@example.com"]
    first = found[0]
    assert first["msg_id"] == msg_id
    assert first["msg_time"] == int(clock.now)
    assert first["channel"] == "main"
    assert first["smtp_vars"] == {"order": "42"}
    assert first["msg_data"] == {"rcpt_to": "a@example.com", "from": "shop@example.com", "subject": "Line one line two"}
    assert first["details"]["delivery"] == {
        "retries": 0,
        "event": "delivered",
        "finished": format_time(clock.now),
        "code": "250",
        "status": "2.0.0 OK: delivered by the sandbox",
    }
    for key, inner in (("opens", "items"), ("clicks", "items"), ("abuse", "complaints"), ("unsubs", "items")):
        assert first[key] == {inner: []}


@pytest.mark.parametrize("name", sorted(MAILBOXES))
def test_each_simulated_mailbox(sandbox, clock, name):
    box = MAILBOXES[name]
    send(sandbox, box.address)
    (item,) = items(sandbox)
    delivery = item["details"]["delivery"]
    assert delivery["code"] == box.code
    assert delivery["status"] == box.status
    assert delivery["retries"] == box.retries
    assert delivery["event"] == {"accepted": "queued"}.get(box.state, box.state)
    assert ("finished" in delivery) == (box.state != "accepted")
    assert len(item["opens"]["items"]) == box.opens
    assert len(item["clicks"]["items"]) == box.clicks
    assert len(item["abuse"]["complaints"]) == box.complaints
    assert len(item["unsubs"]["items"]) == box.unsubs
    if box.state == "failed":
        assert box.code.startswith("5")
    stamp = format_time(clock.now)
    assert all(entry["open_time"] == stamp for entry in item["opens"]["items"])
    assert all(entry["report_time"] == stamp for entry in item["abuse"]["complaints"])


def test_plus_tags_and_case_do_not_change_the_mailbox(sandbox):
    send(
        sandbox,
        f"Bounce+order-17@{SIMULATOR_DOMAIN.upper()}",
        f"click+x@{SIMULATOR_DOMAIN}",
        f"nobody@{SIMULATOR_DOMAIN}",
        "bounce@example.com",
    )
    found = items(sandbox)
    assert [item["details"]["delivery"]["event"] for item in found] == ["failed", "delivered", "delivered", "delivered"]
    assert len(found[1]["clicks"]["items"]) == 1


def test_the_sdk_decodes_every_field(sandbox):
    send(
        sandbox,
        f"click@{SIMULATOR_DOMAIN}",
        f"complaint@{SIMULATOR_DOMAIN}",
        f"unsubscribe@{SIMULATOR_DOMAIN}",
        f"bounce@{SIMULATOR_DOMAIN}",
    )
    page = sdk_api(sandbox.url).v4_messages_get(start=0, limit=10, offset=0, channel="main")
    assert isinstance(page, smtp.MessagesResponse)
    assert page.status == "success"
    click, complaint, unsub, bounce = page.data.items
    assert click.clicks.items[0].remote_ip and click.clicks.items[0].ua and click.clicks.items[0].click_time
    assert click.opens.items[0].open_time
    assert complaint.abuse.complaints[0].provider
    assert unsub.unsubs.items[0].unsub_time
    assert bounce.details.delivery.event == "failed"
    assert bounce.details.delivery.code == "550"
    assert bounce.msg_data._from == "shop@example.com"


def test_filter_by_event(sandbox):
    send(
        sandbox,
        "ok@example.com",
        f"bounce@{SIMULATOR_DOMAIN}",
        f"deferred@{SIMULATOR_DOMAIN}",
        f"full@{SIMULATOR_DOMAIN}",
    )
    assert rcpts(items(sandbox, event="delivered")) == ["ok@example.com"]
    assert rcpts(items(sandbox, event="failed")) == [f"bounce@{SIMULATOR_DOMAIN}", f"full@{SIMULATOR_DOMAIN}"]
    assert rcpts(items(sandbox, event="accepted")) == [f"deferred@{SIMULATOR_DOMAIN}"]
    assert len(items(sandbox, event=["delivered", "failed"])) == 3
    page = sdk_api(sandbox.url).v4_messages_get(
        start=0, limit=10, offset=0, channel="main", event=["failed", "accepted"]
    )
    assert len(page.data.items) == 3


def test_filter_by_msg_id_and_channel(sandbox):
    first = send(sandbox, "a@example.com", "b@example.com")
    second = send(sandbox, "c@example.com")
    other = send(sandbox, "d@example.com", channel="other")
    assert rcpts(items(sandbox, msg_id=first)) == ["a@example.com", "b@example.com"]
    assert rcpts(items(sandbox, msg_id=second)) == ["c@example.com"]
    assert items(sandbox, msg_id=other) == []
    assert rcpts(items(sandbox, channel="other")) == ["d@example.com"]
    assert items(sandbox, channel="nobody-sends-here") == []
    assert items(sandbox, msg_id="unknown") == []


def test_filter_by_time_epoch_and_rfc_2822_with_inclusive_ends(sandbox, clock):
    base = clock.now
    sent = {}
    for offset in (0, 10, 20):
        clock.now = base + offset + 0.5
        sent[offset] = send(sandbox, f"t{offset}@example.com")
    assert rcpts(items(sandbox, start=int(base + 10))) == ["t10@example.com", "t20@example.com"]
    assert rcpts(items(sandbox, start=int(base), end=int(base + 10))) == ["t0@example.com", "t10@example.com"]
    assert rcpts(items(sandbox, start=format_time(base + 10), end=format_time(base + 10))) == ["t10@example.com"]
    assert items(sandbox, start=int(base + 21)) == []
    # end defaults to now: a message "from the future" is not shown yet
    clock.now = base + 5
    assert rcpts(items(sandbox, start=int(base))) == ["t0@example.com"]


def test_items_are_sorted_by_event_time_then_by_acceptance(sandbox, clock):
    base = clock.now
    for stamp, address in (
        (base + 30, "late@example.com"),
        (base + 10, "early@example.com"),
        (base + 20, "middle@example.com"),
        (base + 10, "early2@example.com"),
    ):
        clock.now = stamp
        send(sandbox, address)
    clock.now = base + 60
    assert rcpts(items(sandbox)) == [
        "early@example.com",
        "early2@example.com",
        "middle@example.com",
        "late@example.com",
    ]


def test_paging_walks_every_item_exactly_once(sandbox):
    for i in range(7):
        send(sandbox, f"r{i}a@example.com", f"r{i}b@example.com", f"r{i}c@example.com")
    everything = rcpts(items(sandbox))
    assert len(everything) == 21
    pages = [rcpts(items(sandbox, limit=4, offset=offset)) for offset in range(0, 24, 4)]
    assert [len(p) for p in pages] == [4, 4, 4, 4, 4, 1]
    assert sum(pages, []) == everything
    assert items(sandbox, limit=5, offset=21) == []
    assert rcpts(items(sandbox, limit=1, offset=20)) == ["r6c@example.com"]


def test_a_full_page_of_1000_items(sandbox):
    api = sdk_api(sandbox.url)
    for batch in range(2):
        api.v4_messages_post(make_message(recipients=to(*(f"r{batch}-{i}@example.com" for i in range(600)))))
    page = api.v4_messages_get(start=0, limit=1000, offset=0, channel="main")
    assert len(page.data.items) == 1000
    rest = api.v4_messages_get(start=0, limit=1000, offset=1000, channel="main")
    assert len(rest.data.items) == 200
    assert rest.data.items[-1].msg_data.rcpt_to == "r1-599@example.com"


def test_mime_messages_have_items_for_their_envelope(sandbox):
    payload = mime_payload(
        mime='Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=\r\nX-SMTPAPI: {"unique_args": {"a": 1}}\r\n\r\nhi\r\n'
    )
    msg_id = Raw(sandbox.url).post("/v4/messages/mime", payload).json["data"]["msg_id"]
    (item,) = items(sandbox)
    assert item["msg_id"] == msg_id
    assert item["msg_data"] == {"rcpt_to": "jane@example.com", "from": "shop@example.com", "subject": "Grüße"}
    assert item["smtp_vars"] == {"a": 1}


def test_only_the_last_seven_days_are_kept(sandbox, clock):
    now = clock.now
    clock.now = retention_start(now) - 1  # just outside the window
    old = send(sandbox, "old@example.com")
    clock.now = retention_start(now) + 1
    kept = send(sandbox, "kept@example.com")
    clock.now = now
    assert [item["msg_id"] for item in items(sandbox, start=0)] == [kept]
    # pruning deletes what is outside the window
    assert sandbox.store.prune(retention_start(now)) == 1
    assert [m.msg_id for m in sandbox.messages()] == [kept]
    assert old not in {m.msg_id for m in sandbox.messages()}


def test_retention_window_starts_at_midnight_utc_seven_days_back():
    # Friday 2026-01-30 15:00 UTC -> Friday 2026-01-23 00:00 UTC
    assert retention_start(1769785200) == 1769126400

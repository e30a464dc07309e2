"""The mailbox simulator, and the items that ``GET /v4/messages`` returns.

Delivery in the sandbox is instant: when a message is accepted, the simulator decides for
each recipient what happens to it, and every event (delivery, open, click, complaint,
unsubscribe) is stamped with the moment of acceptance. Addresses at the reserved domain
``simulator.test`` (a TLD that RFC 2606 keeps out of real use) choose the outcome by their
local part; a ``+tag`` is ignored (``bounce+42@simulator.test`` bounces), so tests can make
unique addresses. Every other address is delivered.

Each item is rendered to JSON once, when the message is stored, so that a page of 1000 items
is a join of stored bytes.
"""

from __future__ import annotations

import datetime
import json
from typing import Any, NamedTuple

__all__ = [
    "ACCEPTED",
    "DELIVERED",
    "FAILED",
    "MAILBOXES",
    "SIMULATOR_DOMAIN",
    "Item",
    "Mailbox",
    "format_time",
    "mailbox_for",
    "render_items",
]

#: the reserved domain of the simulated mailboxes
SIMULATOR_DOMAIN = "simulator.test"

# an item's state, which the ``event`` filter of GET /v4/messages selects: accepted (still
# queued), delivered or failed; the three are disjoint
ACCEPTED, DELIVERED, FAILED = "accepted", "delivered", "failed"

# where simulated opens and clicks come from: TEST-NET-1, an address block kept for documentation
_REMOTE_IP = "192.0.2.10"
_USER_AGENT = "Mozilla/5.0 (smtp sandbox mailbox simulator)"


class Mailbox(NamedTuple):
    """What happens to a message sent to one simulated address."""

    name: str
    summary: str
    state: str = DELIVERED
    code: str = "250"
    status: str = "2.0.0 OK: delivered by the sandbox"
    retries: int = 0
    opens: int = 0
    clicks: int = 0
    complaints: int = 0
    unsubs: int = 0

    @property
    def address(self) -> str:
        """The reserved address, e.g. ``bounce@simulator.test``."""
        return f"{self.name}@{SIMULATOR_DOMAIN}"


_DELIVERED = Mailbox("delivered", "delivered (250), like any address outside simulator.test")

#: every reserved mailbox, by local part
MAILBOXES: dict[str, Mailbox] = {
    box.name: box
    for box in (
        _DELIVERED,
        Mailbox(
            "bounce",
            "fails: 550, the mailbox does not exist",
            FAILED,
            "550",
            "5.1.1 Mailbox does not exist (simulated bounce)",
        ),
        Mailbox("full", "fails: 552, the mailbox is full", FAILED, "552", "5.2.2 Mailbox full (simulated)"),
        Mailbox("blocked", "fails: 554, rejected as spam", FAILED, "554", "5.7.1 Message rejected as spam (simulated)"),
        Mailbox(
            "deferred",
            "stays queued (event 'accepted'): 451, retried twice so far",
            ACCEPTED,
            "451",
            "4.7.1 Try again later (simulated deferral)",
            retries=2,
        ),
        Mailbox("open", "delivered, then opened once", opens=1),
        Mailbox("click", "delivered, opened once and a link clicked once", opens=1, clicks=1),
        Mailbox("complaint", "delivered, then reported as spam (one abuse complaint)", complaints=1),
        Mailbox("unsubscribe", "delivered, then the recipient unsubscribed", unsubs=1),
    )
}


def mailbox_for(address: str) -> Mailbox:
    """The simulated outcome for ``address``: a reserved mailbox, or plain delivery."""
    local, _, domain = address.rpartition("@")
    if domain.lower() != SIMULATOR_DOMAIN:
        return _DELIVERED
    return MAILBOXES.get(local.split("+", 1)[0].lower(), _DELIVERED)


def format_time(epoch: float) -> str:
    """A timestamp as the items carry it: RFC 2822 in UTC (usable again as ``start``/``end``)."""
    from email.utils import format_datetime

    return format_datetime(datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc))


class Item(NamedTuple):
    """One message to one recipient, as stored for ``GET /v4/messages``."""

    rcpt: str
    state: str
    event_time: float
    json: bytes


def render_items(
    msg_id: str,
    created: float,
    channel: str,
    mail_from: str,
    subject: str,
    recipients: list[str],
    smtp_vars: dict[str, Any],
) -> list[Item]:
    """The item of every recipient of a message, in recipient order, rendered to JSON."""
    stamp = format_time(created)
    items = []
    for rcpt in recipients:
        box = mailbox_for(rcpt)
        delivery: dict[str, Any] = {"retries": box.retries, "event": "queued" if box.state == ACCEPTED else box.state}
        if box.state != ACCEPTED:
            delivery["finished"] = stamp
        delivery.update(code=box.code, status=box.status)
        item = {
            "msg_id": msg_id,
            "msg_time": int(created),
            "channel": channel,
            "smtp_vars": smtp_vars,
            "msg_data": {"rcpt_to": rcpt, "from": mail_from, "subject": subject},
            "details": {"delivery": delivery},
            "opens": {"items": [{"open_time": stamp, "remote_ip": _REMOTE_IP, "ua": _USER_AGENT}] * box.opens},
            "clicks": {"items": [{"click_time": stamp, "remote_ip": _REMOTE_IP, "ua": _USER_AGENT}] * box.clicks},
            "abuse": {"complaints": [{"report_time": stamp, "provider": "sandbox feedback loop"}] * box.complaints},
            "unsubs": {"items": [{"unsub_time": stamp}] * box.unsubs},
        }
        data = json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        items.append(Item(rcpt, box.state, created, data))
    return items

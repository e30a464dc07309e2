"""The stored message items (one per recipient) as reports and statistics read them."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, NamedTuple

from smtp.sandbox.store import Store

__all__ = ["StoredItem", "isp_of", "stored_items"]

# receiving domains by the mailbox provider that runs them (``rcpt_isp``); any other domain is its own ISP
_ISPS = {
    "gmail.com": "google",
    "googlemail.com": "google",
    "yahoo.com": "yahoo",
    "ymail.com": "yahoo",
    "rocketmail.com": "yahoo",
    "aol.com": "aol",
    "outlook.com": "microsoft",
    "hotmail.com": "microsoft",
    "live.com": "microsoft",
    "msn.com": "microsoft",
    "icloud.com": "apple",
    "me.com": "apple",
    "mac.com": "apple",
}


def isp_of(domain: str) -> str:
    """The mailbox provider of a receiving domain (``gmail.com`` -> ``google``)."""
    return _ISPS.get(domain, domain)


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


class StoredItem(NamedTuple):
    """One message to one recipient: its state (accepted, delivered, failed), event time, and
    the item ``GET /v4/messages`` returns for it."""

    state: str
    event_time: float
    item: dict[str, Any]

    @property
    def delivery(self) -> dict[str, Any]:
        return self.item.get("details", {}).get("delivery", {})  # type: ignore[no-any-return]

    @property
    def hard_bounced(self) -> bool:
        """Failed for good (a 5xx reply)."""
        return self.state == "failed" and str(self.delivery.get("code", "")).startswith("5")

    def count(self, kind: str) -> int:
        """How many opens, clicks, complaints or unsubscribes the item holds."""
        if kind == "complaints":
            return len(self.item.get("abuse", {}).get("complaints", []))
        return len(self.item.get(kind, {}).get("items", []))

    def slice_value(self, slice_name: str) -> str:
        """The item's value for a statistics slice: channel, domain, rcpt_domain or rcpt_isp."""
        if slice_name == "channel":
            return str(self.item.get("channel", ""))
        data = self.item.get("msg_data", {})
        if slice_name == "domain":
            return _domain(str(data.get("from", "")))
        rcpt = _domain(str(data.get("rcpt_to", "")))
        return isp_of(rcpt) if slice_name == "rcpt_isp" else rcpt


def stored_items(store: Store, start: float, end: float, channel: str | None = None) -> Iterator[StoredItem]:
    """The items with ``start <= event time <= end`` to the second, both ends included (of
    ``channel`` when given), oldest first."""
    sql = "SELECT state, event_time, item FROM items WHERE event_time >= ? AND event_time < ?"
    args: list[Any] = [int(start), int(end) + 1]
    if channel is not None:
        sql += " AND channel = ?"
        args.append(channel)
    for state, event_time, item in store.query(sql + " ORDER BY event_time, seq, rcpt_index", args):
        yield StoredItem(state, event_time, json.loads(item))

"""What the web inbox shows, as JSON values read from the store: one page of the message list,
one message taken apart (envelope, headers, text, HTML, attachments, each recipient's items),
and the simulated events that the inbox's buttons add.

Everything here is data; ``pages`` turns it into HTML and ``/sandbox/inbox`` serves it as JSON.
Message content is hostile input: nothing here interprets it, and every consumer escapes it.
"""

from __future__ import annotations

import json
import re
from email.message import EmailMessage, Message
from typing import Any

from smtp.sandbox.events import FAILED, format_time
from smtp.sandbox.store import Store, StoredMessage

__all__ = [
    "PAGE_SIZE",
    "SIMULATIONS",
    "count_attachments",
    "find_part",
    "html_body",
    "inbox_page",
    "message_view",
    "parse_search",
    "simulate",
]

#: messages on one page of the inbox
PAGE_SIZE = 50
#: the fields a search term may name (``to:jane``); a bare word searches them all
SEARCH_FIELDS = ("to", "from", "subject", "channel")
#: the events the inbox can simulate for one recipient, with what each adds
SIMULATIONS = {
    "open": "opened the message",
    "click": "clicked a link",
    "unsubscribe": "unsubscribed",
    "complain": "reported the message as spam",
    "bounce": "bounced: the delivery failed with 550",
}
#: where simulated opens and clicks come from (TEST-NET-3, kept for documentation)
_REMOTE_IP = "203.0.113.7"
_USER_AGENT = "Mozilla/5.0 (smtp sandbox inbox: simulated)"
_ATTACHMENT = re.compile(rb"^content-disposition:[ \t]*attachment", re.IGNORECASE | re.MULTILINE)
_MAX_TEXT = 1 << 20  # characters of the text or raw view shown on the page (the .eml has it all)


def parse_search(query: str) -> list[tuple[str, str]]:
    """``to:jane subject:"my invoice" 2026`` as
    ``[("to", "jane"), ("subject", "my invoice"), ("any", "2026")]``."""
    import shlex

    try:
        words = shlex.split(query)  # "quoted words" stay together
    except ValueError:  # an unclosed quote: plain words
        words = query.split()
    terms = []
    for word in words[:20]:
        field, colon, text = word.partition(":")
        if colon and field.lower() in SEARCH_FIELDS and text:
            terms.append((field.lower(), text))
        else:
            terms.append(("any", word))
    return terms


def count_attachments(raw: bytes) -> int:
    """How many parts of a raw MIME message say ``Content-Disposition: attachment`` (a scan of
    the bytes, not a parse: fast on a 10 MB message)."""
    return len(_ATTACHMENT.findall(raw))


def recipient_status(state: str, item: dict[str, Any]) -> str:
    """The one word the inbox shows for a recipient: the furthest thing that happened."""
    if (item.get("abuse") or {}).get("complaints"):
        return "complained"
    if (item.get("unsubs") or {}).get("items"):
        return "unsubscribed"
    if (item.get("clicks") or {}).get("items"):
        return "clicked"
    if (item.get("opens") or {}).get("items"):
        return "opened"
    if state == FAILED:
        return "failed"
    return "queued" if state == "accepted" else "delivered"


def inbox_page(store: Store, query: str = "", page: int = 1) -> dict[str, Any]:
    """One page of the inbox, newest first: each message's envelope, attachment count and the
    status of each recipient; plus the page number, the page count and the total."""
    page = max(1, page)
    total, messages = store.search(parse_search(query), PAGE_SIZE, (page - 1) * PAGE_SIZE)
    ids = [m["msg_id"] for m in messages]
    statuses: dict[str, list[dict[str, str]]] = {msg_id: [] for msg_id in ids}
    for msg_id, _, rcpt, state, item in store.item_rows(ids):
        statuses[msg_id].append({"rcpt": rcpt, "status": recipient_status(state, json.loads(item))})
    attachments = store.attachment_flags(ids, count_attachments)
    for message in messages:
        message["attachments"] = attachments.get(message["msg_id"], 0)
        message["statuses"] = statuses[message["msg_id"]]
    pages = max(1, -(-total // PAGE_SIZE))
    return {"messages": messages, "total": total, "page": page, "pages": pages, "query": query}


def _header_text(message: Message, name: str, value: Any) -> str:
    try:
        return str(value)
    except Exception:  # noqa: BLE001 - a malformed header shows as it came
        return str(message.get(name, ""))


def _addresses(message: EmailMessage, name: str) -> set[str]:
    found = set()
    for value in message.get_all(name) or ():
        for address in getattr(value, "addresses", ()):
            found.add(str(getattr(address, "addr_spec", "")).lower())
    return found


def _decoded_text(part: Message) -> str:
    try:
        return str(part.get_content())  # type: ignore[attr-defined]
    except (LookupError, ValueError, AttributeError, KeyError):
        payload = part.get_payload(decode=True)
        return payload.decode("utf-8", "replace") if isinstance(payload, bytes) else str(payload or "")


def _bodies(message: EmailMessage) -> tuple[Message | None, Message | None]:
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    return text, html


def _leaves(message: EmailMessage) -> list[Message]:
    return [part for part in message.walk() if not part.is_multipart()]


def message_view(stored: StoredMessage, items: list[tuple[str, int, str, str, bytes]]) -> dict[str, Any]:
    """One message taken apart for its page."""
    message = stored.message
    text_part, html_part = _bodies(message)
    headers = [[name, _header_text(message, name, value)] for name, value in message.items()]
    shown = _addresses(message, "to"), _addresses(message, "cc")
    recipients = []
    by_rcpt = {rcpt: (index, state, json.loads(item)) for _, index, rcpt, state, item in items}
    for rcpt in stored.recipients:
        kind = "to" if rcpt.lower() in shown[0] else "cc" if rcpt.lower() in shown[1] else "bcc"
        index, state, item = by_rcpt.get(rcpt, (-1, "", {}))
        status = recipient_status(state, item) if item else ""
        recipients.append({"address": rcpt, "kind": kind, "index": index, "status": status, "item": item})
    attachments = []
    for number, part in enumerate(_leaves(message)):
        if part is text_part or part is html_part:
            continue
        payload = part.get_payload(decode=True)
        attachments.append(
            {
                "part": number,
                "filename": part.get_filename() or "",
                "type": part.get_content_type(),
                "size": len(payload) if isinstance(payload, bytes) else 0,
                "cid": (part.get("Content-ID") or "").strip().strip("<>"),
                "disposition": part.get_content_disposition() or "",
            }
        )
    text = _decoded_text(text_part) if text_part is not None else ""
    raw = stored.raw.decode("utf-8", "replace")
    return {
        "envelope": stored.summary(),
        "recipients": recipients,
        "headers": headers,
        "text": text[:_MAX_TEXT],
        "text_truncated": len(text) > _MAX_TEXT,
        "has_html": html_part is not None,
        "attachments": attachments,
        "outline": stored.outline(),
        "raw": raw[:_MAX_TEXT],
        "raw_truncated": len(raw) > _MAX_TEXT,
    }


def html_body(stored: StoredMessage, part_url: str) -> str | None:
    """The message's HTML body with each ``cid:`` reference pointing at ``part_url`` + the
    Content-ID (so inline images load from the message's own parts); None without HTML."""
    _, html_part = _bodies(stored.message)
    if html_part is None:
        return None
    from urllib.parse import quote

    html = _decoded_text(html_part)
    return re.sub(r"\bcid:([^\s\"'()<>]+)", lambda m: part_url + quote(m.group(1), safe=""), html, flags=re.I)


def find_part(stored: StoredMessage, number: int | None = None, cid: str | None = None) -> Message | None:
    """A leaf part of a message: by its number in ``message_view``'s order, or by Content-ID."""
    leaves = _leaves(stored.message)
    if number is not None:
        return leaves[number] if 0 <= number < len(leaves) else None
    for part in leaves:
        if (part.get("Content-ID") or "").strip().strip("<>") == cid:
            return part
    return None


def simulate(store: Store, msg_id: str, rcpt_index: int, kind: str, now: float) -> dict[str, Any] | None:
    """Add a simulated event to one recipient's item, as the mailbox simulator would have, and
    return the new item (None when the message or recipient is unknown). ``kind`` is a key of
    ``SIMULATIONS``."""
    rows = [row for row in store.item_rows([msg_id]) if row[1] == rcpt_index]
    if not rows:
        return None
    _, _, _, state, raw = rows[0]
    item = json.loads(raw)
    stamp = format_time(now)
    if kind in ("open", "click") and not (item.get("opens") or {}).get("items"):
        item.setdefault("opens", {}).setdefault("items", []).append(
            {"open_time": stamp, "remote_ip": _REMOTE_IP, "ua": _USER_AGENT}
        )
    if kind == "click":
        item.setdefault("clicks", {}).setdefault("items", []).append(
            {"click_time": stamp, "remote_ip": _REMOTE_IP, "ua": _USER_AGENT}
        )
    elif kind == "unsubscribe":
        item.setdefault("unsubs", {}).setdefault("items", []).append({"unsub_time": stamp})
    elif kind == "complain":
        item.setdefault("abuse", {}).setdefault("complaints", []).append({"report_time": stamp, "provider": "sandbox"})
    elif kind == "bounce":
        state = FAILED
        delivery = item.setdefault("details", {}).setdefault("delivery", {})
        delivery.update(
            event="failed", finished=stamp, code="550", status="5.1.1 Mailbox does not exist (simulated in the inbox)"
        )
    body = json.dumps(item, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    store.update_item(msg_id, rcpt_index, state, body)
    return item

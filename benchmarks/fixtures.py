"""What the benchmarks send and read: a realistic page of message items (every nested field
filled), a typical transactional message, and a MIME message of a given size.

Stdlib only at module level, so that ``server.py`` can import it without importing ``smtp``.
"""

from __future__ import annotations

import json
import time
from typing import Any

#: The reply of both send operations.
SEND_REPLY = b'{"status": "success", "data": {"msg_id": "<20240101120000.4f3a2b1c@mail.example.com>"}}'

#: The query every read asks for (from a day ago: the service, and the sandbox, keep 7 days).
CHANNEL = "transactional"
START = str(int(time.time()) - 86400)

_UA = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"


def _stamp(epoch: int) -> str:
    # a fixed RFC 2822 shape without importing email.utils here
    return f"Tue, 14 Nov 2023 {epoch // 3600 % 24:02d}:{epoch // 60 % 60:02d}:{epoch % 60:02d} +0000"


def message_item(i: int) -> dict[str, Any]:
    """One item of a ``v4_messages_get`` page with every field filled: 1-3 opens,
    1-2 clicks, one complaint and one unsubscribe."""
    t = 1700000000 + i * 7
    return {
        "msg_id": f"<20231114221320.{i * 2654435761 % 2**32:08x}@mail.example.com>",
        "msg_time": t,
        "channel": CHANNEL,
        "smtp_vars": {"campaign": "autumn-sale", "user_id": f"u{i:06d}", "variant": "b" if i % 2 else "a"},
        "msg_data": {
            "rcpt_to": f"customer{i:d}@example.org",
            "from": "orders@shop.example.com",
            "subject": f"Your order #{100000 + i:d} has shipped",
        },
        "details": {
            "delivery": {
                "finished": _stamp(t + 2),
                "retries": i % 3,
                "event": "delivered",
                "code": "250",
                "status": f"2.0.0 OK: queued as {i * 40503:X}",
            }
        },
        "opens": {
            "items": [
                {"open_time": _stamp(t + 60 * (k + 1)), "remote_ip": f"203.0.113.{i % 250 + 1:d}", "ua": _UA}
                for k in range(1 + i % 3)
            ]
        },
        "clicks": {
            "items": [
                {"click_time": _stamp(t + 90 * (k + 1)), "remote_ip": f"198.51.100.{i % 250 + 1:d}", "ua": _UA}
                for k in range(1 + i % 2)
            ]
        },
        "abuse": {"complaints": [{"report_time": _stamp(t + 3600), "provider": "Yahoo! Inc."}]},
        "unsubs": {"items": [{"unsub_time": _stamp(t + 7200)}]},
    }


def messages_page(items: int = 1000) -> bytes:
    """The JSON body of a ``v4_messages_get`` reply with ``items`` items."""
    page = {"status": "success", "data": {"items": [message_item(i) for i in range(items)]}}
    return json.dumps(page).encode("utf-8")


def message_fields() -> dict[str, Any]:
    """The plain values of a typical transactional message (two recipients, a sender and a
    reply-to, a custom header, a text and an HTML part of about 1 KB each)."""
    text = "Hello Jane,\n\nyour order #123456 has shipped and will arrive on Friday.\n" * 12
    html = "<p>Hello Jane,</p><p>your order <b>#123456</b> has shipped and will arrive on Friday.</p>" * 12
    return {
        "channel": CHANNEL,
        "to": [("Jane Doe", "jane.doe@example.org")],
        "cc": [("Order desk", "desk@shop.example.com")],
        "from": ("Example Shop", "orders@shop.example.com"),
        "reply_to": ("Support", "support@shop.example.com"),
        "subject": "Your order #123456 has shipped",
        "custom_headers": {"X-Campaign": "shipping", "X-Order": "123456"},
        "parts": [("text/plain", text), ("text/html", html)],
    }


def make_message() -> Any:
    """The typical message as an ``smtp.InlineObject``."""
    import smtp

    f = message_fields()

    def addr(pair: Any) -> Any:
        return smtp.V4MessagesRecipientsTo(name=pair[0], address=pair[1])

    return smtp.InlineObject(
        channel=f["channel"],
        recipients=smtp.V4MessagesRecipients(to=[addr(p) for p in f["to"]], cc=[addr(p) for p in f["cc"]]),
        originator=smtp.V4MessagesOriginator(_from=addr(f["from"]), reply_to=addr(f["reply_to"])),
        custom_headers=f["custom_headers"],
        subject=f["subject"],
        body=smtp.V4MessagesBody(
            parts=[
                smtp.V4MessagesBodyParts(type=t, charset="UTF-8", encoding="quoted-printable", content=c)
                for t, c in f["parts"]
            ]
        ),
    )


def mime_text(size: int) -> str:
    """An RFC 5322 message of about ``size`` bytes: headers and a base64 attachment body
    (ASCII, CRLF line ends, 76-character lines), built without the ``email`` package."""
    head = (
        "From: Example Shop <orders@shop.example.com>\r\n"
        "To: Jane Doe <jane.doe@example.org>\r\n"
        "Subject: Your invoice\r\n"
        "MIME-Version: 1.0\r\n"
        "Content-Type: application/pdf; name=invoice.pdf\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "\r\n"
    )
    line = ("JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+CnN0" * 2)[:76] + "\r\n"
    count = max(0, (size - len(head)) // len(line))
    return "".join([head] + [line] * count)  # one allocation of the text (head + line * count makes two)


def make_mime(size: int) -> Any:
    """An ``smtp.InlineObject1`` whose ``mime`` is ``mime_text(size)``."""
    import smtp

    return smtp.InlineObject1(
        mime=mime_text(size),
        channel=CHANNEL,
        recipients=smtp.V4MessagesMimeRecipients(to=[smtp.V4MessagesRecipientsTo(address="jane.doe@example.org")]),
        originator=smtp.V4MessagesOriginator(_from=smtp.V4MessagesRecipientsTo(address="orders@shop.example.com")),
    )


__all__: list[str] = [
    "SEND_REPLY",
    "CHANNEL",
    "START",
    "message_item",
    "messages_page",
    "message_fields",
    "make_message",
    "mime_text",
    "make_mime",
]

"""The README's first command: ``python -m smtp.demo`` (also ``python -m smtp demo``).

It starts a local sandbox, sends a JSON message (text and HTML parts and an attachment) and a
prepared MIME message through the public SDK (``Configuration``, ``ApiClient``,
``MessagesApi`` and the models), reads the events back with ``v4_messages_get``, and prints
what happened. No account and no network are needed. The recipients at ``simulator.test``
are the sandbox's mailbox simulator: one clicks, one bounces, one complains.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import sys
import threading
from collections.abc import Sequence
from typing import TextIO

import smtp

__all__ = ["main"]

API_KEY = "demo-key"
CHANNEL = "demo"


def _address(address: str, name: str | None = None) -> smtp.V4MessagesRecipientsTo:
    return smtp.V4MessagesRecipientsTo(name=name, address=address)


def json_message() -> smtp.InlineObject:
    """A message described as JSON: a text and an HTML part, and a CSV attachment."""
    report = b"order,total\n1042,19.90\n"
    return smtp.InlineObject(
        channel=CHANNEL,
        originator=smtp.V4MessagesOriginator(_from=_address("shop@example.com", "Example Shop")),
        recipients=smtp.V4MessagesRecipients(
            to=[_address("jane@example.com", "Jane Doe")],
            cc=[_address("click@simulator.test")],
            bcc=[_address("bounce@simulator.test")],
        ),
        subject="Your order #1042",
        body=smtp.V4MessagesBody(
            parts=[
                smtp.V4MessagesBodyParts(type="text/plain", content="Thanks for your order!\nThe receipt is attached."),
                smtp.V4MessagesBodyParts(
                    type="text/html", content="<p>Thanks for your order!</p><p>The receipt is attached.</p>"
                ),
            ],
            attachments=[
                smtp.V4MessagesBodyAttachments(
                    type="text/csv", filename="receipt.csv", content=base64.b64encode(report).decode("ascii")
                ),
            ],
        ),
    )


def mime_message() -> smtp.InlineObject1:
    """A prepared MIME message (built with ``email.message.EmailMessage``) and its envelope."""
    from email.message import EmailMessage

    mime = EmailMessage()
    mime["From"] = "Example Shop <shop@example.com>"
    mime["To"] = "complaint@simulator.test"
    mime["Subject"] = "Weekly deals"
    mime.set_content("This week: everything half price.")
    return smtp.InlineObject1(
        mime=mime.as_string(),
        channel=CHANNEL,
        originator=smtp.V4MessagesOriginator(_from=_address("shop@example.com")),
        recipients=smtp.V4MessagesMimeRecipients(to=[_address("complaint@simulator.test")]),
    )


def _item_line(item: smtp.MessagesResponseDataItems) -> str:
    delivery = item.details.delivery  # type: ignore[union-attr]
    counts = [
        (len(item.opens.items or []), "open"),  # type: ignore[union-attr]
        (len(item.clicks.items or []), "click"),  # type: ignore[union-attr]
        (len(item.abuse.complaints or []), "complaint"),  # type: ignore[union-attr]
        (len(item.unsubs.items or []), "unsubscribe"),  # type: ignore[union-attr]
    ]
    extra = ", ".join(f"{n} {word}{'s' if n > 1 else ''}" for n, word in counts if n)
    line = f"  {item.msg_id[:12]}  {item.msg_data.rcpt_to:<26} {delivery.event:<9} {delivery.code} {delivery.status}"  # type: ignore
    return line + (f"; then {extra}" if extra else "")


def run(out: TextIO = sys.stdout, serve: bool = False) -> None:
    """Run the demo, writing its account to ``out``; with ``serve``, keep the sandbox (and its
    web inbox) running afterwards until Ctrl-C."""
    from smtp.sandbox import Sandbox

    def say(text: str = "") -> None:
        print(text, file=out)

    with Sandbox(api_keys=(API_KEY,), channels=(CHANNEL,)) as sandbox:
        say(f"A local SMTP.com sandbox is listening on {sandbox.url} (no account needed).")
        configuration = smtp.Configuration(host=sandbox.url, api_key={"apiKey": API_KEY})
        with smtp.ApiClient(configuration) as client:
            api = smtp.MessagesApi(client)

            sent = api.v4_messages_post(json_message())
            json_id = str(sent.data.msg_id)  # type: ignore[union-attr]
            say()
            say("1. v4_messages_post: a JSON message with text and HTML parts and an attachment")
            say(f"   msg_id {json_id}: to jane@example.com, cc click@simulator.test, bcc bounce@simulator.test")
            say(f"   the sandbox built: {sandbox.message(json_id).outline()}")

            sent_mime = api.v4_messages_mime_post(mime_message())
            mime_id = str(sent_mime.data.msg_id)  # type: ignore[union-attr]
            say()
            say("2. v4_messages_mime_post: a prepared MIME message")
            say(f"   msg_id {mime_id}: to complaint@simulator.test")

            since = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=5)
            page = api.v4_messages_get(start=since, limit=100, offset=0, channel=CHANNEL)
            items = page.data.items or []  # type: ignore[union-attr]
            say()
            say(f"3. v4_messages_get: {len(items)} items on channel {CHANNEL!r}, one per recipient, oldest first")
            for item in items:
                say(_item_line(item))
        say()
        if serve:
            say(f"Web inbox: {sandbox.inbox_url} (these messages, in a browser). Ctrl-C stops the sandbox.")
            out.flush()
            try:
                threading.Event().wait()
            except KeyboardInterrupt:
                pass
        else:
            say(f"Web inbox: {sandbox.inbox_url} (served while the demo runs: add --serve to keep it open).")
    say()
    say(
        "Run the sandbox on its own with `python -m smtp.sandbox`; "
        "the README's sandbox section lists the simulator's addresses."
    )


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m smtp.demo``: send two messages to a local sandbox and show what happened."""
    parser = argparse.ArgumentParser(prog="python -m smtp.demo", description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--serve", action="store_true", help="keep the sandbox and its web inbox running afterwards")
    args = parser.parse_args(argv)
    try:
        run(serve=args.serve)
    except smtp.ApiException as error:
        print(f"smtp demo failed: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

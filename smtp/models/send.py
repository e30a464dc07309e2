"""Request models: what ``v4_messages_post`` (``InlineObject``) and ``v4_messages_mime_post``
(``InlineObject1``) send, and the addresses, recipients and body parts inside them.

Attachment ``content`` travels as **base64** of the file's bytes (the API document says "raw
form", but JSON cannot carry raw bytes); the sandbox decodes it the same way.
"""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from collections.abc import Iterator
from typing import Any

from smtp.models._base import Model, Problem, field, required
from smtp.validation import (
    MAX_RECIPIENTS,
    addr_spec_problem,
    base64_problem,
    channel_problem,
    charset_problem,
    content_type_problem,
    custom_headers_problem,
    display_name_problem,
    disposition_problem,
    mime_version_problem,
    subject_problem,
    transfer_encoding_problem,
)

__all__ = [
    "V4MessagesRecipientsTo",
    "V4MessagesOriginator",
    "V4MessagesRecipients",
    "V4MessagesMimeRecipients",
    "V4MessagesBodyParts",
    "V4MessagesBodyAttachments",
    "V4MessagesBody",
    "InlineObject",
    "InlineObject1",
]


class V4MessagesRecipientsTo(Model):
    """A full email address: an optional display name and the address itself."""

    name: str | None = field("Name of a person, must be a valid RFC 2822 name", check=display_name_problem)
    address: str | None = field("Email address, as specified in RFC 2822", check=addr_spec_problem)
    _rules = (required("address"),)


def _from_or_reply_to(self: Any) -> Iterator[Problem]:
    if self._from is None and self.reply_to is None:
        yield (), "at least one of 'from' or 'reply_to' is required"


class V4MessagesOriginator(Model):
    """Who the message comes from: at least one of ``from`` or ``reply_to``."""

    _from: V4MessagesRecipientsTo | None = field("Sender address (the From header)", key="from")
    reply_to: V4MessagesRecipientsTo | None = field("Reply-To address")
    _rules = (_from_or_reply_to,)


def _recipient_rules(self: Any) -> Iterator[Problem]:
    to, cc, bcc, bulk = self.to, self.cc, self.bcc, self.bulk_list  # runs on every send: kept lean
    if not (to or cc or bcc or bulk):
        yield (), "at least one of 'to', 'cc', 'bcc' or 'bulk_list' must list a recipient"
    elif bulk and (to or cc or bcc):
        yield ("bulk_list",), "cannot be used together with 'to', 'cc' or 'bcc'"
    total = 0
    for value in (to, cc, bcc, bulk):
        if value and isinstance(value, (list, tuple)):
            total += len(value)
    if total > MAX_RECIPIENTS:
        yield (), f"{total:d} recipients in all; at most {MAX_RECIPIENTS:d} are allowed in one request"


class _RecipientLists(Model):
    """The recipient lists shared by ``V4MessagesRecipients`` and ``V4MessagesMimeRecipients``."""

    to: list[V4MessagesRecipientsTo] | None = field("TO recipients list")
    cc: list[V4MessagesRecipientsTo] | None = field("CC recipients list")
    bcc: list[V4MessagesRecipientsTo] | None = field("BCC recipients list")
    bulk_list: list[V4MessagesRecipientsTo] | None = field(
        "Distribution list: one separate email per recipient instead of one email to all"
    )
    _rules = (_recipient_rules,)


class V4MessagesRecipients(_RecipientLists):
    """Recipients of a message: ``to``, ``cc`` and ``bcc``, or a ``bulk_list`` (one email each).

    At least one list must be given; ``bulk_list`` cannot be combined with the others; at most
    1000 recipients in all.
    """


class V4MessagesMimeRecipients(_RecipientLists):
    """Envelope recipients of a MIME message, with the same rules as ``V4MessagesRecipients``."""


class V4MessagesBodyParts(Model):
    """One content part of the body, such as the text or the HTML version."""

    version: str | None = field("MIME version; `1.0` by default", check=mime_version_problem)
    type: str | None = field("MIME type, such as `text/plain` (the default) or `text/html`", check=content_type_problem)
    charset: str | None = field("Character set of the content, such as `UTF-8`", check=charset_problem)
    encoding: str | None = field(
        "Content transfer encoding: 7bit, 8bit, quoted-printable or base64 (the default)",
        check=transfer_encoding_problem,
    )
    content: str | None = field("The part's content as text")
    _rules = (required("content"),)


class V4MessagesBodyAttachments(Model):
    """One attached file. ``content`` is the file's bytes encoded as base64."""

    version: str | None = field("MIME version; `1.0` by default", check=mime_version_problem)
    type: str | None = field("MIME type; `application/octet-stream` by default", check=content_type_problem)
    disposition: str | None = field("`attachment` (the default) or `inline`", check=disposition_problem)
    filename: str | None = field("Name of the attached file", check=display_name_problem)
    cid: str | None = field(
        "Content-ID of an inline attachment (the filename by default), for `cid:` URLs in the HTML",
        check=display_name_problem,
    )
    content: str | None = field("The file's content, base64-encoded", check=base64_problem)
    _rules = (required("content"),)


class V4MessagesBody(Model):
    """The message body: content parts and attachments.

    Exactly a text/plain and a text/html part become multipart/alternative; anything more
    is wrapped in multipart/mixed.
    """

    parts: list[V4MessagesBodyParts] | None = field("Content parts")
    attachments: list[V4MessagesBodyAttachments] | None = field("Attached files")


class InlineObject(Model):
    """The request of ``v4_messages_post``: a message described as JSON, built into MIME by the service."""

    channel: str | None = field("Name of the channel through which the email will be sent", check=channel_problem)
    recipients: V4MessagesRecipients | None = field("Who receives the message")
    originator: V4MessagesOriginator | None = field("Who the message comes from")
    custom_headers: dict[str, str | list[str]] | None = field(
        "Extra headers: a header name mapped to a string or a list of strings", check=custom_headers_problem
    )
    subject: str | None = field("Email subject; may span lines; at most 998 characters", check=subject_problem)
    body: V4MessagesBody | None = field("Content parts and attachments")
    _rules = (required("channel", "recipients", "originator"),)


class InlineObject1(Model):
    """The request of ``v4_messages_mime_post``: a prepared MIME message and its envelope."""

    mime: str | None = field("The complete MIME message (RFC 2045-2049), sent as is")
    channel: str | None = field("Name of the channel through which the email will be sent", check=channel_problem)
    recipients: V4MessagesMimeRecipients | None = field("Envelope recipients")
    originator: V4MessagesOriginator | None = field("Envelope sender")
    _rules = (required("mime", "channel", "recipients", "originator"),)

"""Build the request models from plain Python values, so that sending one email is one call.

``build_message`` turns addresses written as ``"Name <a@b.c>"`` strings, ``(name, address)``
tuples or ``V4MessagesRecipientsTo`` objects, a text and/or HTML body, headers and attachments
(paths, bytes, file objects, ``(filename, bytes[, mime_type])``) into an ordinary
``InlineObject`` for ``MessagesApi.v4_messages_post``.

``build_mime`` turns a standard-library ``email.message.EmailMessage`` (or any
``email.message.Message``, or the message as bytes or str) into an ``InlineObject1`` for
``MessagesApi.v4_messages_mime_post``: the envelope comes from the To/Cc/Bcc headers and the
originator from From/Reply-To unless given explicitly, and the Bcc header is removed from the
MIME that is transmitted.

Both only build models: every check of the models still applies when the request is sent.
Attachment content travels as base64 of the file's bytes, the project's rule for binary data
in JSON (see ``smtp.models.send``).
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterable, Mapping
from typing import IO, TYPE_CHECKING, Any, Union

from smtp.exceptions import ApiValueError
from smtp.models.send import (
    InlineObject,
    InlineObject1,
    V4MessagesBody,
    V4MessagesBodyAttachments,
    V4MessagesBodyParts,
    V4MessagesMimeRecipients,
    V4MessagesOriginator,
    V4MessagesRecipients,
    V4MessagesRecipientsTo,
)
from smtp.validation import addr_spec_problem

if TYPE_CHECKING:  # pragma: no cover
    from email.message import Message

__all__ = [
    "AddressLike",
    "AttachmentLike",
    "address",
    "addresses",
    "attachment",
    "build_message",
    "build_mime",
]

#: One address: ``"jane@example.com"``, ``"Jane Doe <jane@example.com>"``, a
#: ``(name, address)`` tuple, a ``V4MessagesRecipientsTo`` or an ``email.headerregistry.Address``.
AddressLike = str | tuple[str, str] | V4MessagesRecipientsTo | Any
#: One address, or a list of them (a string may also hold several, separated by commas).
AddressesLike = AddressLike | Iterable[AddressLike]
#: A file to attach: a path (``str`` or ``os.PathLike``), ``bytes``, an open file, a
#: ``(filename, bytes)`` or ``(filename, bytes, mime_type)`` tuple, or a ready
#: ``V4MessagesBodyAttachments``.
AttachmentLike = Union[
    str, "os.PathLike[str]", bytes, IO[bytes], tuple[str, bytes], tuple[str, bytes, str], V4MessagesBodyAttachments
]

_DEFAULT_TYPE = "application/octet-stream"


# --------------------------------------------------------------------------------------
# addresses
# --------------------------------------------------------------------------------------
def _decode_words(name: str) -> str:
    """A display name with its RFC 2047 encoded words (``=?utf-8?q?...?=``) decoded."""
    if "=?" not in name:
        return name
    from email.header import decode_header, make_header

    try:
        return str(make_header(decode_header(name)))
    except (LookupError, ValueError, UnicodeDecodeError):
        return name  # not really encoded words: keep the text as it was


def _checked(name: str | None, addr: str, where: str, written: str | None = None) -> V4MessagesRecipientsTo:
    addr = addr.strip()
    problem = addr_spec_problem(addr)
    if problem:
        if written is not None and written.strip() != addr:  # say what the user wrote, not what parsing kept
            problem = f"{written[:100]!r} is not a valid address (expected 'Name <local@domain>' or 'local@domain')"
        raise ApiValueError(f"{where}: {problem}", errors={where: problem})
    name = _decode_words(name.strip()) if name else None
    return V4MessagesRecipientsTo(name=name or None, address=addr)


def _parse_text(text: str, where: str) -> list[V4MessagesRecipientsTo]:
    from email.utils import getaddresses

    found = [(name, addr) for name, addr in getaddresses([text]) if name or addr]
    if not found:
        problem = f"{text[:100]!r} holds no email address"
        raise ApiValueError(f"{where}: {problem}", errors={where: problem})
    return [_checked(name, addr, where, text if len(found) == 1 else None) for name, addr in found]


def _one(value: Any, where: str) -> list[V4MessagesRecipientsTo]:
    """The addresses written in one value (a string may hold several)."""
    if isinstance(value, V4MessagesRecipientsTo):
        return [value]
    if isinstance(value, str):
        return _parse_text(value, where)
    if isinstance(value, tuple) and len(value) == 2 and all(isinstance(v, str) or v is None for v in value):
        name, addr = value
        if name and addr_spec_problem(name.strip()) is None:
            problem = (
                f"({name!r}, {addr!r}) reads as (name, address) with an address as the name; "
                "pass a list for several recipients"
            )
            raise ApiValueError(f"{where}: {problem}", errors={where: problem})
        return [_checked(name, addr or "", where)]
    addr_spec = getattr(value, "addr_spec", None)  # email.headerregistry.Address
    if isinstance(addr_spec, str):
        return [_checked(getattr(value, "display_name", None), addr_spec, where)]
    problem = (
        f"expected an address string, a (name, address) tuple or a V4MessagesRecipientsTo, got {type(value).__name__}"
    )
    raise ApiValueError(f"{where}: {problem}", errors={where: problem})


def addresses(value: AddressesLike | None, where: str = "recipients") -> list[V4MessagesRecipientsTo] | None:
    """Every address given in ``value`` (one address, a comma-separated string, or a list of
    addresses in any of the accepted forms), as ``V4MessagesRecipientsTo`` objects.

    Returns None for None or an empty list. An invalid address raises ``ApiValueError`` whose
    ``errors`` name the argument (``where``) and the position, such as ``to[1]``.
    """
    if value is None:
        return None
    if isinstance(value, (str, tuple, V4MessagesRecipientsTo)) or not hasattr(value, "__iter__"):
        found = _one(value, where)
    else:
        found = []
        for i, item in enumerate(value):
            found.extend(_one(item, f"{where}[{i}]"))
    return found or None


def address(value: AddressLike | None, where: str = "address") -> V4MessagesRecipientsTo | None:
    """Exactly one address (for the sender or Reply-To), or None for None."""
    if value is None:
        return None
    found = addresses(value, where) or []
    if len(found) != 1:
        problem = f"expected one address, got {len(found)}"
        raise ApiValueError(f"{where}: {problem}", errors={where: problem})
    return found[0]


# --------------------------------------------------------------------------------------
# attachments
# --------------------------------------------------------------------------------------
def _guess_type(filename: str | None) -> str:
    if not filename:
        return _DEFAULT_TYPE
    import mimetypes

    guessed, _ = mimetypes.guess_type(filename, strict=False)
    return guessed or _DEFAULT_TYPE


def _content(source: Any, where: str) -> tuple[str | None, bytes]:
    """The filename (when the source has one) and the bytes of an attachment source."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return None, bytes(source)
    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        try:
            with open(path, "rb") as f:
                return os.path.basename(path), f.read()
        except (OSError, ValueError) as error:  # missing, a directory, unreadable, a NUL in the path
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            problem = f"cannot read the file {path[:200]!r}: {reason}"
            raise ApiValueError(f"{where}: {problem}", errors={where: problem}) from None
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        name = getattr(source, "name", None)
        return (os.path.basename(name) if isinstance(name, str) else None), bytes(data)
    problem = (
        f"expected a path, bytes, a file object or a (filename, bytes, mime_type) tuple, got {type(source).__name__}"
    )
    raise ApiValueError(f"{where}: {problem}", errors={where: problem})


def attachment(
    source: AttachmentLike,
    filename: str | None = None,
    mime_type: str | None = None,
    *,
    inline: bool = False,
    cid: str | None = None,
    where: str = "attachments",
) -> V4MessagesBodyAttachments:
    """One attachment model from a path, bytes, an open file or a tuple
    ``(filename, bytes)`` / ``(filename, bytes, mime_type)``.

    The filename defaults to the file's own name; the MIME type is guessed from the filename
    when not given (``application/octet-stream`` when it cannot be). With ``inline=True`` (or a
    ``cid``) the file is an inline part that the HTML can show as ``<img src="cid:CID">``;
    ``cid`` defaults to the filename.
    """
    if isinstance(source, V4MessagesBodyAttachments):
        return source
    if isinstance(source, tuple):
        if not 2 <= len(source) <= 3 or not isinstance(source[0], str):
            problem = "a tuple must be (filename, bytes) or (filename, bytes, mime_type)"
            raise ApiValueError(f"{where}: {problem}", errors={where: problem})
        own_name: str | None = source[0]
        data = _content(source[1], where)[1]
        if len(source) == 3 and mime_type is None:
            mime_type = source[2]
    else:
        own_name, data = _content(source, where)
    name = filename or own_name
    inline = inline or cid is not None
    return V4MessagesBodyAttachments(
        type=mime_type or _guess_type(name),
        disposition="inline" if inline else "attachment",
        filename=name,
        cid=(cid or name) if inline else None,
        content=base64.b64encode(data).decode("ascii"),
    )


def _attachments(
    attachments: Iterable[AttachmentLike] | None, inline: None | Mapping[str, AttachmentLike] | Iterable[AttachmentLike]
) -> list[V4MessagesBodyAttachments]:
    if isinstance(attachments, (str, bytes, tuple, os.PathLike, V4MessagesBodyAttachments)) or hasattr(
        attachments, "read"
    ):
        attachments = [attachments]  # type: ignore[list-item]
    out = [attachment(a, where=f"attachments[{i}]") for i, a in enumerate(attachments or ())]
    if isinstance(inline, Mapping):
        out.extend(attachment(src, cid=cid, where=f"inline[{cid!r}]") for cid, src in inline.items())
    elif inline is not None:
        if isinstance(inline, (str, bytes, tuple, os.PathLike)):
            inline = [inline]  # type: ignore[list-item]
        out.extend(attachment(src, inline=True, where=f"inline[{i}]") for i, src in enumerate(inline))
    return out


# --------------------------------------------------------------------------------------
# the JSON message
# --------------------------------------------------------------------------------------
def _headers(headers: None | Mapping[str, Any] | Iterable[tuple[str, str]]) -> dict[str, str | list[str]] | None:
    if not headers:
        return None
    if isinstance(headers, Mapping):
        return {str(k): (list(v) if isinstance(v, (list, tuple)) else v) for k, v in headers.items()}
    out: dict[str, str | list[str]] = {}
    for name, value in headers:  # pairs: a repeated name becomes a list of values
        if name in out:
            previous = out[name]
            out[name] = (previous if isinstance(previous, list) else [previous]) + [value]
        else:
            out[name] = value
    return out


def _sender(sender: AddressLike | None, from_: AddressLike | None) -> AddressLike | None:
    if sender is not None and from_ is not None:
        raise ApiValueError("give the sender once: sender= or from_=, not both", errors={"sender": "given twice"})
    return sender if sender is not None else from_


def _originator(sender: Any, reply_to: Any) -> V4MessagesOriginator:
    return V4MessagesOriginator(_from=address(sender, "sender"), reply_to=address(reply_to, "reply_to"))


def build_message(
    channel: str | None = None,
    sender: AddressLike | None = None,
    to: AddressesLike | None = None,
    subject: str | None = None,
    text: str | None = None,
    html: str | None = None,
    *,
    cc: AddressesLike | None = None,
    bcc: AddressesLike | None = None,
    bulk_list: AddressesLike | None = None,
    reply_to: AddressLike | None = None,
    headers: None | Mapping[str, Any] | Iterable[tuple[str, str]] = None,
    attachments: Iterable[AttachmentLike] | None = None,
    inline: None | Mapping[str, AttachmentLike] | Iterable[AttachmentLike] = None,
    charset: str = "UTF-8",
    from_: AddressLike | None = None,
) -> InlineObject:
    """The ``InlineObject`` for ``v4_messages_post`` described by plain arguments.

    :param channel: the channel to send through.
    :param sender: the From address (``from_`` is accepted as another name for it).
    :param to: recipients; ``cc``, ``bcc`` likewise; ``bulk_list`` sends one separate email to
        each of its recipients and cannot be combined with the other three.
    :param text: the plain-text body; ``html`` the HTML body (both: the reader picks one).
    :param reply_to: the Reply-To address.
    :param headers: extra headers, as a dict (a value may be a list) or ``(name, value)`` pairs.
    :param attachments: files to attach (see ``attachment`` for the accepted forms).
    :param inline: files the HTML shows inline: a dict ``{cid: file}`` or a list of files
        (each addressable as ``cid:FILENAME``).
    """
    parts = [
        V4MessagesBodyParts(type=kind, charset=charset, content=content)
        for kind, content in (("text/plain", text), ("text/html", html))
        if content is not None
    ]
    files = _attachments(attachments, inline)
    body = V4MessagesBody(parts=parts or None, attachments=files or None) if parts or files else None
    return InlineObject(
        channel=channel,
        recipients=V4MessagesRecipients(
            to=addresses(to, "to"),
            cc=addresses(cc, "cc"),
            bcc=addresses(bcc, "bcc"),
            bulk_list=addresses(bulk_list, "bulk_list"),
        ),
        originator=_originator(_sender(sender, from_), reply_to),
        custom_headers=_headers(headers),
        subject=subject,
        body=body,
    )


# --------------------------------------------------------------------------------------
# the MIME message
# --------------------------------------------------------------------------------------
def _header_addresses(msg: Message, name: str) -> list[V4MessagesRecipientsTo]:
    """The addresses of every ``name`` header of ``msg``, with encoded names decoded."""
    found: list[V4MessagesRecipientsTo] = []
    for value in msg.get_all(name) or ():
        parsed = getattr(value, "addresses", None)  # headers of the modern email policies
        if parsed is not None:
            found.extend(_checked(a.display_name, a.addr_spec, name) for a in parsed if a.addr_spec)
        else:  # compat32: the raw text, names possibly RFC 2047-encoded
            from email.utils import getaddresses

            found.extend(_checked(n, a, name) for n, a in getaddresses([str(value)]) if a)
    return found


def _without_header(raw: bytes, name: bytes) -> bytes:
    """``raw`` with every top-level header field ``name`` (lower case), folded lines included,
    removed; the body and every other byte stay as they were."""
    ends = [at for at in (raw.find(b"\n\r\n"), raw.find(b"\n\n")) if at != -1]
    head_end = min(ends) + 1 if ends else len(raw)
    kept: list[bytes] = []
    dropping = False
    for line in raw[:head_end].splitlines(keepends=True):
        if line[:1] not in (b" ", b"\t"):  # a new field; otherwise a folded line of the previous one
            dropping = line.split(b":", 1)[0].strip().lower() == name
        if not dropping:
            kept.append(line)
    return b"".join(kept) + raw[head_end:]


def _parse_source(message: Message | bytes | bytearray | str) -> tuple[Message, bytes]:
    """The message as an object (for its headers) and as the bytes to transmit."""
    from email import policy
    from email.message import Message
    from email.parser import BytesParser

    if isinstance(message, Message):
        try:
            raw = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))
        except (UnicodeError, LookupError, ValueError) as error:
            problem = f"cannot be serialized with its policy ({error})"
            raise ApiValueError("mime: " + problem, errors={"mime": problem}) from None
        return message, raw
    if isinstance(message, str):
        raw = message.encode("utf-8")
    elif isinstance(message, (bytes, bytearray)):
        raw = bytes(message)
    else:
        raise ApiValueError(
            f"mime: expected an email.message.Message, bytes or str, got {type(message).__name__}",
            errors={"mime": "not a message"},
        )
    return BytesParser(policy=policy.default).parsebytes(raw, headersonly=True), raw


def _unique(*lists: list[V4MessagesRecipientsTo] | None) -> list[list[V4MessagesRecipientsTo] | None]:
    """The lists with any address already listed before removed (one delivery per address)."""
    seen = set()
    out: list[list[V4MessagesRecipientsTo] | None] = []
    for items in lists:
        kept = []
        for item in items or ():
            key = (item.address or "").lower()
            if key not in seen:
                seen.add(key)
                kept.append(item)
        out.append(kept or None)
    return out


def build_mime(
    message: Message | bytes | bytearray | str,
    channel: str | None = None,
    *,
    sender: AddressLike | None = None,
    to: AddressesLike | None = None,
    cc: AddressesLike | None = None,
    bcc: AddressesLike | None = None,
    reply_to: AddressLike | None = None,
    from_: AddressLike | None = None,
) -> InlineObject1:
    """The ``InlineObject1`` for ``v4_messages_mime_post`` that sends ``message``.

    ``message`` is an ``email.message.EmailMessage`` (or any ``email.message.Message``) or
    the message as bytes or str; it is not modified. The envelope recipients are ``to``,
    ``cc`` and ``bcc`` when any of them is given, otherwise the message's To, Cc and Bcc
    headers (an address listed twice is sent to once). The originator is ``sender`` and
    ``reply_to`` when either is given, otherwise the From and Reply-To headers. The Bcc header
    is removed from the transmitted MIME, so no recipient sees the blind copies. Non-ASCII
    display names are decoded from RFC 2047; a message object is serialized with CRLF line
    ends, encoding non-ASCII headers as its policy says.

    Raises ``ApiValueError`` when the message names no recipient or no sender, or holds 8-bit
    data that is not UTF-8 (which JSON cannot carry: use base64 or quoted-printable parts).
    """
    msg, raw = _parse_source(message)
    if to is not None or cc is not None or bcc is not None:
        lists = [addresses(to, "to"), addresses(cc, "cc"), addresses(bcc, "bcc")]
    else:
        lists = [_header_addresses(msg, "To"), _header_addresses(msg, "Cc"), _header_addresses(msg, "Bcc")]
    to_list, cc_list, bcc_list = _unique(*lists)
    if not (to_list or cc_list or bcc_list):
        raise ApiValueError(
            "mime: the message has no To, Cc or Bcc recipient; pass to=", errors={"recipients": "no recipient"}
        )
    sender = _sender(sender, from_)
    if sender is not None or reply_to is not None:
        originator = _originator(sender, reply_to)
    else:
        froms, replies = _header_addresses(msg, "From"), _header_addresses(msg, "Reply-To")
        if not (froms or replies):
            raise ApiValueError(
                "mime: the message has no From or Reply-To header; pass sender=", errors={"originator": "no sender"}
            )
        originator = V4MessagesOriginator(_from=froms[0] if froms else None, reply_to=replies[0] if replies else None)
    try:
        text = _without_header(raw, b"bcc").decode("utf-8")
    except UnicodeDecodeError:
        problem = "holds 8-bit data that is not UTF-8; encode its parts as base64 or quoted-printable"
        raise ApiValueError("mime: " + problem, errors={"mime": problem}) from None
    return InlineObject1(
        mime=text,
        channel=channel,
        recipients=V4MessagesMimeRecipients(to=to_list, cc=cc_list, bcc=bcc_list),
        originator=originator,
    )

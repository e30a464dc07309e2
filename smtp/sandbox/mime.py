"""The MIME message of ``POST /v4/messages``, built with the standard ``email`` package, and
the checks of the prepared MIME of ``POST /v4/messages/mime``.

The request has already passed the SDK's model validation; what is checked here is what only
building the message can tell: character sets, transfer encodings that cannot carry the
content, custom headers that do not parse, inline attachments without a usable Content-ID,
and the 10 MB limit of the generated message.

Structure, as the service describes it:

- exactly a text/plain and a text/html part -> ``multipart/alternative`` (plain first);
- one part and nothing else -> that part alone;
- anything more (more parts, any attachment) -> everything inside ``multipart/mixed``;
- inline attachments next to an HTML part -> ``multipart/related`` holding the HTML (or the
  alternative) and the inline files, so ``cid:`` URLs resolve; their Content-ID is ``cid``,
  or the filename when no ``cid`` is given.

A multiline subject is unfolded into one line (each line break and the blanks around it
become one space); the ``email`` package then folds it again as RFC 5322 requires and encodes
non-ASCII text as RFC 2047 encoded words. No request value can add a header line.
"""

from __future__ import annotations

import base64
import binascii
import codecs
import datetime
import json
import re
from collections.abc import Callable
from email.errors import MessageError
from email.headerregistry import Address
from email.message import EmailMessage, Message, MIMEPart
from email.policy import EmailPolicy
from email.utils import format_datetime
from typing import Any, NamedTuple

from smtp.models import (
    InlineObject,
    InlineObject1,
    V4MessagesBodyAttachments,
    V4MessagesBodyParts,
    V4MessagesRecipientsTo,
)
from smtp.sandbox.errors import Reject
from smtp.validation import MAX_JSON_DEPTH, MAX_MESSAGE_BYTES, json_depth_problem

__all__ = ["Built", "build_message", "check_mime", "envelope", "outline", "parse", "unfold"]

#: the domain of the Message-ID headers the sandbox writes
MESSAGE_ID_DOMAIN = "sandbox.smtp.invalid"
#: headers that describe the MIME structure: the service writes them, a request cannot
_STRUCTURAL = frozenset({"content-type", "content-transfer-encoding", "mime-version"})
_MAX_LINE = 998
_LINE_BREAKS = re.compile(r"[ \t\r\n]*[\r\n][ \t\r\n]*")


class _Lenient(EmailPolicy):
    """The ``email`` package's default policy, except that a stored header the package cannot parse
    is read as plain text. Its parsers raise IndexError, AttributeError and others on some malformed
    values (``To: a:b:c;d;``, ``Message-ID: <<>>``): a message stored as given must still be readable."""

    def header_fetch_parse(self, name: str, value: str) -> Any:
        try:
            return super().header_fetch_parse(name, value)
        except Exception:  # noqa: BLE001 - any parser failure: the value stays readable as text
            return self.header_factory[f"X-Unparsed-{name}"](name, "".join(str(value).splitlines()))  # type: ignore[index]


#: how the sandbox reads messages; ``SMTP`` and ``SMTPUTF8`` are how it writes them (CRLF line ends)
READ_POLICY = _Lenient()
SMTP_POLICY = READ_POLICY.clone(linesep="\r\n")
SMTPUTF8_POLICY = SMTP_POLICY.clone(utf8=True)

# fills one node of the message tree (the root EmailMessage or a MIMEPart) with its content
Fill = Callable[[Message], None]


class Built(NamedTuple):
    """A message ready to store: its bytes and what the event items need."""

    raw: bytes
    subject: str
    mail_from: str
    recipients: list[str]
    smtp_vars: dict[str, Any]


def unfold(text: str) -> str:
    """``text`` on one line: each line break, with the blanks around it, becomes one space."""
    return _LINE_BREAKS.sub(" ", text).replace("\x00", "").strip()


def _sender(request: InlineObject | InlineObject1) -> V4MessagesRecipientsTo:
    """The originator's ``from``, else its ``reply_to`` (validation made sure one is there)."""
    originator = request.originator
    assert originator is not None
    sender = originator._from if originator._from is not None else originator.reply_to
    assert sender is not None
    return sender


def envelope(request: InlineObject | InlineObject1) -> tuple[str, list[str]]:
    """The envelope sender (``from``, else ``reply_to``) and the distinct recipient addresses
    (to, cc, bcc or bulk_list, in order, each address once)."""
    seen: dict[str, str] = {}
    for name in ("to", "cc", "bcc", "bulk_list"):
        for rcpt in getattr(request.recipients, name) or ():
            seen.setdefault(rcpt.address.lower(), rcpt.address)
    return str(_sender(request).address), list(seen.values())


def parse(raw: bytes) -> EmailMessage:
    """``raw`` parsed with the modern ``email`` policy. UTF-8 in the top-level header fields
    (SMTPUTF8 addresses) is decoded as UTF-8, which ``BytesParser`` alone does not do."""
    from email.parser import BytesParser, Parser

    msg: EmailMessage = BytesParser(policy=READ_POLICY).parsebytes(raw)  # type: ignore[assignment]
    head = re.split(rb"\r?\n\r?\n", raw, maxsplit=1)[0]
    if not head.isascii():
        fixed = Parser(policy=READ_POLICY).parsestr(head.decode("utf-8", "surrogateescape") + "\n\n", headersonly=True)
        for name in {name.lower() for name in msg.keys()}:
            del msg[name]
        for name, value in fixed.raw_items():  # as the parser stores them: no per-header rules applied
            msg.set_raw(name, value)
    return msg


def outline(part: EmailMessage) -> str:
    """A MIME tree on one line:
    ``multipart/mixed [multipart/alternative [text/plain, text/html], text/csv "a.csv"]``."""
    text = part.get_content_type()
    if part.get_filename():
        text += f' "{part.get_filename()}"'
    if part.is_multipart():
        text += " [" + ", ".join(outline(child) for child in part.iter_parts()) + "]"  # type: ignore[arg-type]
    return text


def _size_problem(size: int) -> str | None:
    if size > MAX_MESSAGE_BYTES:
        return f"the MIME message is {size} bytes; at most {MAX_MESSAGE_BYTES} (10 MB) are allowed"
    return None


def _smtp_vars(value: str | None, where: str, problems: dict[str, str]) -> dict[str, Any]:
    """The ``unique_args`` of an ``X-SMTPAPI`` header (echoed back as ``smtp_vars``)."""
    if value is None:
        return {}
    try:
        data = json.loads(str(value))
    except (ValueError, RecursionError):
        data = None
    if not isinstance(data, dict):
        problems[where] = 'X-SMTPAPI must hold a JSON object, such as {"unique_args": {"order": "42"}}'
        return {}
    problem = json_depth_problem(data, MAX_JSON_DEPTH)
    if problem:
        problems[where] = f"X-SMTPAPI {problem}"
        return {}
    unique = data.get("unique_args")
    return unique if isinstance(unique, dict) else {}


# --------------------------------------------------------------------------------------
# POST /v4/messages
# --------------------------------------------------------------------------------------
def build_message(request: InlineObject, msg_id: str, created: float) -> Built:
    """Build the MIME message of a valid ``InlineObject``; raises ``Reject`` (400) naming
    each field that cannot be built."""
    problems: dict[str, str] = {}
    mail_from, recipients = envelope(request)
    addresses = [mail_from, *recipients]
    policy = SMTP_POLICY if all(a.isascii() for a in addresses) else SMTPUTF8_POLICY
    msg = EmailMessage(policy=policy)
    _address_headers(msg, request)
    if request.subject is not None:
        msg["Subject"] = unfold(request.subject)
    msg["Date"] = format_datetime(datetime.datetime.fromtimestamp(int(created), datetime.timezone.utc))
    msg["Message-ID"] = f"<{msg_id}@{MESSAGE_ID_DOMAIN}>"
    smtp_vars = _custom_headers(msg, request.custom_headers or {}, problems)

    body = request.body
    parts = [_part(p, f"body.parts[{i}]", problems) for i, p in enumerate((body and body.parts) or ())]
    files = [
        _attachment(a, f"body.attachments[{i}]", problems) for i, a in enumerate((body and body.attachments) or ())
    ]
    if problems:
        raise Reject.bad_request(problems)
    subject = str(msg.get("Subject", ""))  # a custom Subject header replaces the request's
    _structure(parts, files)(msg)  # type: ignore[arg-type]
    if "MIME-Version" not in msg:
        msg["MIME-Version"] = "1.0"
    raw = msg.as_bytes()
    problem = _size_problem(len(raw))
    if problem:
        raise Reject.bad_request({"body": problem})
    return Built(raw, subject, mail_from, recipients, smtp_vars)


def _mailbox(rcpt: V4MessagesRecipientsTo) -> Address:
    name, address = rcpt.name or "", str(rcpt.address)
    try:
        return Address(display_name=name, addr_spec=address)
    except (ValueError, MessageError):  # a non-ASCII local part: give the halves instead
        local, _, domain = address.rpartition("@")
        return Address(display_name=name, username=local, domain=domain)


def _address_headers(msg: EmailMessage, request: InlineObject) -> None:
    msg["From"] = _mailbox(_sender(request))
    reply_to = request.originator.reply_to  # type: ignore[union-attr]
    if reply_to is not None:
        msg["Reply-To"] = _mailbox(reply_to)
    recipients = request.recipients
    if recipients.bulk_list:  # type: ignore[union-attr]
        msg["To"] = "undisclosed-recipients:;"  # each bulk recipient gets a copy of its own
        return
    for name, header in (("to", "To"), ("cc", "Cc")):
        listed = getattr(recipients, name)
        if listed:
            msg[header] = [_mailbox(r) for r in listed]


def _custom_headers(msg: EmailMessage, headers: dict[str, Any], problems: dict[str, str]) -> dict[str, Any]:
    """Put the custom headers on ``msg`` (one replaces a header of the same name); returns the
    ``smtp_vars`` of an ``X-SMTPAPI`` header. Linear in the number of headers: each value is parsed
    once, and the only headers ever removed are the few the sandbox wrote itself."""
    smtp_vars: dict[str, Any] = {}
    written = {name.lower() for name in msg.keys()}
    counts: dict[str, int] = {}
    for name, value in headers.items():
        values = value if isinstance(value, list) else [value]
        lower = name.lower()
        if lower in _STRUCTURAL:
            problems["custom_headers"] = f"{name}: is written by the service from 'body' and cannot be customized"
            continue
        if lower == "x-smtpapi":
            smtp_vars = _smtp_vars(values[0], "custom_headers", problems)
        if lower in written:
            del msg[name]
            written.discard(lower)
        most = msg.policy.header_max_count(name)  # type: ignore[attr-defined]
        counts[lower] = counts.get(lower, 0) + len(values)
        if most is not None and counts[lower] > most:
            problems["custom_headers"] = f"{name}: may appear at most {most} time(s) in a message"
            continue
        for item in values:
            try:  # the email package's header parsers raise several kinds of errors on malformed values
                parsed = msg.policy.header_store_parse(name, item)  # type: ignore[attr-defined]
                defects = parsed[1].defects  # type: ignore[attr-defined]
            except Exception as error:  # noqa: BLE001
                defects = [f"{type(error).__name__}"]
            if defects:
                problems["custom_headers"] = f"{name}: {item[:100]!r} is not a valid {name} header ({defects[0]})"
                break
            msg.set_raw(*parsed)
    return smtp_vars


def _content_type(value: str, where: str, problems: dict[str, str]) -> tuple[str, str, dict[str, str]]:
    """Split a valid content type into main type, subtype and parameters."""
    probe = Message()
    probe["Content-Type"] = value
    maintype, subtype = probe.get_content_maintype(), probe.get_content_subtype()
    params = {k: str(v) for k, v in (probe.get_params() or [])[1:]}
    if maintype in ("multipart", "message"):
        problems[where] = f"{maintype}/* types are written by the service; give the type of the content itself"
    return maintype, subtype, params


def _version(value: str | None, where: str, problems: dict[str, str]) -> None:
    if value is not None and value.strip() != "1.0":
        problems[where] = "must be '1.0', the only MIME version"


def _part(part: V4MessagesBodyParts, where: str, problems: dict[str, str]) -> tuple[str, Fill] | None:
    """A content part: its content type and how to fill it, or None after noting a problem."""
    found: dict[str, str] = {}
    _version(part.version, where + ".version", found)
    maintype, subtype, params = _content_type(part.type or "text/plain", where + ".type", found)
    charset = part.charset or params.pop("charset", None) or "utf-8"
    params.pop("charset", None)
    cte = (part.encoding or "base64").lower()
    if cte == "binary":  # the email package writes binary text as 8bit
        cte = "8bit"
    data = _encode_text(part.content, charset, cte, where, found)  # type: ignore[arg-type]
    problems.update(found)
    if found or data is None:
        return None
    content_type = f"{maintype}/{subtype}"
    if maintype == "text":
        return content_type, _text_fill(part.content, subtype, charset, cte, params)  # type: ignore[arg-type]
    return content_type, _bytes_fill(data, maintype, subtype, cte, params)


def _encode_text(text: str, charset: str, cte: str, where: str, problems: dict[str, str]) -> bytes | None:
    try:
        codecs.lookup(charset)
    except LookupError:
        problems[where + ".charset"] = f"{charset!r} is not a known character set"
        return None
    if "\r\na".encode(charset, "replace") != b"\r\na":
        problems[where + ".charset"] = f"{charset!r} is not ASCII-compatible, so it cannot carry email text"
        return None
    try:
        data = text.encode(charset)
    except UnicodeError:
        problems[where + ".content"] = f"has characters that {charset!r} cannot encode; use UTF-8"
        return None
    if cte in ("7bit", "8bit"):
        if cte == "7bit" and not data.isascii():
            problems[where + ".content"] = (
                "has non-ASCII characters, which 7bit cannot carry; use quoted-printable or base64"
            )
        elif any(len(line) > _MAX_LINE for line in data.splitlines()):
            problems[where + ".content"] = (
                f"has a line longer than {_MAX_LINE} bytes, which {cte} cannot carry; use quoted-printable or base64"
            )
    return data


def _attachment(att: V4MessagesBodyAttachments, where: str, problems: dict[str, str]) -> tuple[str, Fill] | None:
    """An attached file: its disposition and how to fill it, or None after noting a problem."""
    found: dict[str, str] = {}
    _version(att.version, where + ".version", found)
    maintype, subtype, params = _content_type(att.type or "application/octet-stream", where + ".type", found)
    try:
        data = base64.b64decode("".join(att.content.split()), validate=True)  # type: ignore[union-attr]
    except (binascii.Error, ValueError):
        found[where + ".content"] = "is not valid base64"
    disposition = att.disposition or "attachment"
    cid = None
    if disposition == "inline":
        cid = att.cid or att.filename
        if cid is not None:
            cid = cid[1:-1] if cid.startswith("<") and cid.endswith(">") else cid
            if not cid or not cid.isascii() or "<" in cid or ">" in cid:
                field = where + (".cid" if att.cid else ".filename")
                found[field] = (
                    "an inline attachment's Content-ID (cid, or else the filename) must be ASCII without '<' or '>'"
                )
    problems.update(found)
    if found:
        return None
    return disposition, _bytes_fill(data, maintype, subtype, "base64", params, disposition, att.filename, cid)


def _text_fill(text: str, subtype: str, charset: str, cte: str, params: dict[str, str]) -> Fill:
    def fill(node: Message) -> None:
        node.set_content(text, subtype=subtype, charset=charset, cte=cte, params=params)  # type: ignore[attr-defined]

    return fill


def _bytes_fill(
    data: bytes,
    maintype: str,
    subtype: str,
    cte: str,
    params: dict[str, str],
    disposition: str | None = None,
    filename: str | None = None,
    cid: str | None = None,
) -> Fill:
    def fill(node: Message) -> None:
        node.set_content(  # type: ignore[attr-defined]
            data,
            maintype,
            subtype,
            cte=cte,
            disposition=disposition,
            filename=filename,
            cid=f"<{cid}>" if cid else None,
            params=params,
        )

    return fill


def _multipart(subtype: str, children: list[Fill], root_type: str | None = None) -> Fill:
    def fill(node: Message) -> None:
        node["Content-Type"] = f"multipart/{subtype}"
        if root_type:
            node.set_param("type", root_type)
        for child_fill in children:
            child = MIMEPart(policy=node.policy)  # type: ignore[attr-defined]
            child_fill(child)
            node.attach(child)

    return fill


def _structure(parts: list[tuple[str, Fill]], files: list[tuple[str, Fill]]) -> Fill:
    """The tree of the message body, as the module docstring describes it."""
    types = [content_type for content_type, _ in parts]
    html_at: int | None
    if sorted(types) == ["text/html", "text/plain"]:
        plain, html = parts[types.index("text/plain")][1], parts[types.index("text/html")][1]
        content, html_at, html_type = [_multipart("alternative", [plain, html])], 0, "multipart/alternative"
    else:
        content = [fill for _, fill in parts]
        html_at = types.index("text/html") if "text/html" in types else None
        html_type = "text/html"
    inline = [fill for disposition, fill in files if disposition == "inline"]
    if inline and html_at is not None:
        content[html_at] = _multipart("related", [content[html_at], *inline], html_type)
        loose = [fill for disposition, fill in files if disposition != "inline"]
    else:
        loose = [fill for _, fill in files]
    children = content + loose
    if not children:
        children = [_text_fill("", "plain", "utf-8", "7bit", {})]
    if len(children) == 1 and not files:
        return children[0]
    return _multipart("mixed", children)


def _repeated_header(msg: EmailMessage) -> str | None:
    """A header that appears more often than RFC 5322 allows (two Subject, From or Message-ID lines)."""
    counts: dict[str, int] = {}
    for name in msg.keys():
        counts[name.lower()] = counts.get(name.lower(), 0) + 1
    for name, count in counts.items():
        most = msg.policy.header_max_count(name)  # type: ignore[attr-defined]
        if most is not None and count > most:
            return f"has {count} {name.title()} header fields; a message may have at most {most}"
    return None


# --------------------------------------------------------------------------------------
# POST /v4/messages/mime
# --------------------------------------------------------------------------------------
def check_mime(request: InlineObject1) -> Built:
    """Check the prepared MIME of a valid ``InlineObject1``; it is stored as given. Raises
    ``Reject`` (400, on ``mime``) when it is empty, has no header section, holds a
    message/rfc822 part or exceeds 10 MB."""
    mail_from, recipients = envelope(request)
    try:
        raw = request.mime.encode("utf-8")  # type: ignore[union-attr]
    except UnicodeError:
        raise Reject.bad_request({"mime": "is not valid Unicode text"}) from None
    problem = _size_problem(len(raw))
    if problem is None and not raw.strip():
        problem = "must not be empty"
    if problem:
        raise Reject.bad_request({"mime": problem})
    parsed = parse(raw)
    problems: dict[str, str] = {}
    if not parsed.keys():
        problems["mime"] = "must start with header fields (From:, To:, Subject: ...), then a blank line and the body"
    elif any(part.get_content_type() == "message/rfc822" for part in parsed.walk()):
        problems["mime"] = "contains a message/rfc822 part; content type message/rfc822 is prohibited"
    else:
        repeated = _repeated_header(parsed)
        if repeated:
            problems["mime"] = repeated
    smtp_vars = _smtp_vars(parsed.get("X-SMTPAPI"), "mime", problems)
    if problems:
        raise Reject.bad_request(problems)
    return Built(raw, unfold(str(parsed.get("Subject", ""))), mail_from, recipients, smtp_vars)

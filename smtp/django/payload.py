"""One Django ``EmailMessage`` as the request that sends it: ``InlineObject`` or ``InlineObject1``.

Most messages travel as JSON (``v4_messages_post``), built with ``smtp.mail``: the sender and
each recipient list, one Reply-To, the subject, a text and/or HTML body in the message's
``encoding``, attachments (``(filename, content, mimetype)`` tuples, ``attach_file`` and simple
``MIMEBase``/``MIMEPart`` objects), inline images with a Content-ID, and ``extra_headers``.

A message the JSON API cannot carry faithfully is sent as the MIME that Django builds, through
``v4_messages_mime_post``, with the envelope taken from the message (Bcc never in the headers).
``mime_reasons(message)`` says why a message goes that way; nothing is ever dropped.

``message.metadata`` (a dict) becomes the ``unique_args`` of the ``X-SMTPAPI`` header, merged
with an ``X-SMTPAPI`` given in ``extra_headers``.
"""

from __future__ import annotations

import base64
import io
import json
import mimetypes
from collections.abc import Mapping
from email.generator import BytesGenerator
from email.message import Message
from typing import Any

from smtp.exceptions import ApiValueError
from smtp.mail import address, addresses, build_mime
from smtp.models.send import (
    InlineObject,
    InlineObject1,
    V4MessagesBody,
    V4MessagesBodyAttachments,
    V4MessagesBodyParts,
    V4MessagesOriginator,
    V4MessagesRecipients,
)

__all__ = ["SMTPAPI_HEADER", "build_request", "mime_reasons", "smtpapi_header"]

SMTPAPI_HEADER = "X-SMTPAPI"
# extra_headers that change an address header or the MIME structure: only Django's own MIME keeps
# them exactly (the JSON API writes these headers itself from the request's fields)
_MIME_ONLY_HEADERS = frozenset(
    {"from", "sender", "to", "cc", "bcc", "reply-to", "content-type", "content-transfer-encoding", "mime-version"}
)
# headers a MIMEBase attachment may carry and still be described by a JSON attachment
_ATTACHMENT_HEADERS = frozenset(
    {"content-type", "content-transfer-encoding", "content-disposition", "content-id", "mime-version"}
)
# Content-Type parameters that a JSON attachment carries (in ``type``) or writes itself
_ATTACHMENT_PARAMS = frozenset({"charset", "name"})


def _text(value: Any) -> str:
    """A value as text: lazily translated strings are resolved here."""
    return value if type(value) is str else str(value)


def _encoding(message: Any) -> str:
    from django.conf import settings

    return _text(message.encoding or settings.DEFAULT_CHARSET)


def _headers(message: Any) -> dict[str, str]:
    return {_text(name): _text(value) for name, value in (message.extra_headers or {}).items()}


# --------------------------------------------------------------------------------------
# which way a message goes
# --------------------------------------------------------------------------------------
def _attachment_reason(item: Any, index: int) -> str | None:
    where = f"attachments[{index}]"
    if isinstance(item, Message):
        if item.is_multipart():
            return f"{where} is a multipart MIME structure"
        maintype = item.get_content_maintype()
        if maintype in ("message", "multipart"):
            return f"{where} is {item.get_content_type()}"
        extra = sorted({k.lower() for k in item.keys()} - _ATTACHMENT_HEADERS)
        if extra:
            return f"{where} has headers a JSON attachment cannot carry ({', '.join(extra)})"
        params = {k.lower() for k, _ in (item.get_params() or [])[1:]}
        if params - _ATTACHMENT_PARAMS:
            return f"{where} has Content-Type parameters a JSON attachment cannot carry"
        disposition = item.get_content_disposition()
        if item.get("Content-ID") and disposition == "attachment":
            return f"{where} has a Content-ID but is not inline"
        if disposition not in (None, "attachment", "inline"):
            return f"{where} has the disposition {disposition!r}"
        if item.get_payload(decode=True) is None:
            return f"{where} has no content the JSON API can carry"
        return None
    mimetype = _text(item[2]) if len(item) > 2 and item[2] else ""
    if mimetype.split("/", 1)[0].lower() in ("message", "multipart"):
        return f"{where} is {mimetype}"
    return None


def mime_reasons(message: Any) -> list[str]:
    """Why ``message`` cannot travel as JSON without losing something (empty: it can)."""
    reasons: list[str] = []
    subtype = message.content_subtype or "plain"
    alternatives = list(getattr(message, "alternatives", None) or ())
    if alternatives:
        kinds = [_text(alt[1]).lower() for alt in alternatives]
        if kinds != ["text/html"] or subtype != "plain":
            reasons.append(f"alternatives {kinds} next to a text/{subtype} body (JSON carries text + HTML)")
    if getattr(message, "mixed_subtype", "mixed") != "mixed":
        reasons.append(f"mixed_subtype is {message.mixed_subtype!r}")
    if alternatives and getattr(message, "alternative_subtype", "alternative") != "alternative":
        reasons.append(f"alternative_subtype is {message.alternative_subtype!r}")
    if len(message.reply_to or ()) > 1:
        reasons.append(f"{len(message.reply_to)} Reply-To addresses (JSON carries one)")
    for name in _headers(message):
        if name.lower() in _MIME_ONLY_HEADERS:
            reasons.append(f"extra_headers sets {name}")
    for index, item in enumerate(message.attachments or ()):
        reason = _attachment_reason(item, index)
        if reason:
            reasons.append(reason)
    return reasons


# --------------------------------------------------------------------------------------
# the X-SMTPAPI header
# --------------------------------------------------------------------------------------
def smtpapi_header(existing: str | None, metadata: Mapping[str, Any] | None) -> str | None:
    """The ``X-SMTPAPI`` value with ``metadata`` merged into its ``unique_args`` (None: no header)."""
    if not metadata:
        return existing
    if metadata is not None and not isinstance(metadata, Mapping):
        problem = f"must be a dict, got {type(metadata).__name__}"
        raise ApiValueError(f"metadata: {problem}", errors={"metadata": problem})
    data: Any = {}
    if existing:
        try:
            data = json.loads(existing)
        except ValueError:
            data = None
        if not isinstance(data, dict):
            problem = "an X-SMTPAPI header in extra_headers must hold a JSON object to merge metadata into"
            raise ApiValueError(f"extra_headers: {problem}", errors={"extra_headers": problem})
    unique = dict(data.get("unique_args") or {})
    unique.update({_text(k): v for k, v in metadata.items()})
    data["unique_args"] = unique
    return json.dumps(data, ensure_ascii=True, separators=(", ", ": "), default=_text)


def _pop_header(headers: dict[str, str], name: str) -> str | None:
    for key in list(headers):
        if key.lower() == name.lower():
            return headers.pop(key)
    return None


# --------------------------------------------------------------------------------------
# JSON
# --------------------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _attachment(item: Any, encoding: str) -> V4MessagesBodyAttachments:
    if isinstance(item, Message):
        ctype = Message()
        ctype["Content-Type"] = item.get_content_type()
        for key, value in (item.get_params() or [])[1:]:
            if key.lower() == "charset":
                ctype.set_param(key, _text(value))
        cid = item.get("Content-ID")
        cid = cid.strip().removeprefix("<").removesuffix(">") if cid else None
        disposition = item.get_content_disposition() or ("inline" if cid else "attachment")
        payload = item.get_payload(decode=True)
        return V4MessagesBodyAttachments(
            type=str(ctype["Content-Type"]),
            disposition=disposition,
            filename=item.get_filename(),
            cid=cid if disposition == "inline" else None,
            content=_b64(payload if isinstance(payload, bytes) else b""),
        )
    filename, content = item[0], item[1]
    mimetype = _text(item[2]) if len(item) > 2 and item[2] else None
    if mimetype is None:  # Django's attach() guesses; a tuple appended by hand may have none
        mimetype = (mimetypes.guess_type(_text(filename))[0] if filename else None) or "application/octet-stream"
    if isinstance(content, (bytes, bytearray, memoryview)):
        data = bytes(content)
    else:
        data = _text(content).encode(encoding)
        if mimetype.lower().startswith("text/") and "charset" not in mimetype.lower():
            mimetype = f"{mimetype}; charset={encoding}"
    return V4MessagesBodyAttachments(
        type=mimetype,
        disposition="attachment",
        filename=_text(filename) if filename else None,
        content=_b64(data),
    )


def _json_request(message: Any, channel: str, headers: dict[str, str]) -> InlineObject:
    encoding = _encoding(message)
    subtype = message.content_subtype or "plain"
    parts = [V4MessagesBodyParts(type=f"text/{subtype}", charset=encoding, content=_text(message.body or ""))]
    for content, _mimetype in getattr(message, "alternatives", None) or ():
        parts.append(V4MessagesBodyParts(type="text/html", charset=encoding, content=_text(content)))
    files = [_attachment(item, encoding) for item in message.attachments or ()]
    reply_to = [_text(a) for a in message.reply_to or ()]
    return InlineObject(
        channel=channel,
        recipients=V4MessagesRecipients(
            to=addresses([_text(a) for a in message.to], "to"),
            cc=addresses([_text(a) for a in message.cc], "cc"),
            bcc=addresses([_text(a) for a in message.bcc], "bcc"),
        ),
        originator=V4MessagesOriginator(
            _from=address(_text(message.from_email), "from_email"),
            reply_to=address(reply_to[0], "reply_to") if reply_to else None,
        ),
        custom_headers=headers or None,
        subject=_text(message.subject),
        body=V4MessagesBody(parts=parts, attachments=files or None),
    )


# --------------------------------------------------------------------------------------
# MIME
# --------------------------------------------------------------------------------------
def _mime_request(message: Any, channel: str, smtpapi: str | None) -> InlineObject1:
    # check the addresses first, so that a bad one is named as in the JSON way
    to = addresses([_text(a) for a in message.to], "to")
    cc = addresses([_text(a) for a in message.cc], "cc")
    bcc = addresses([_text(a) for a in message.bcc], "bcc")
    sender = address(_text(message.from_email), "from_email")
    for i, value in enumerate(message.reply_to or ()):
        address(_text(value), f"reply_to[{i}]")
    mime = message.message()
    del mime[SMTPAPI_HEADER]
    if smtpapi:
        mime[SMTPAPI_HEADER] = smtpapi
    del mime["Bcc"]
    buffer = io.BytesIO()
    policy = mime.policy.clone(linesep="\r\n")
    BytesGenerator(buffer, mangle_from_=False, policy=policy).flatten(mime, unixfrom=False)
    return build_mime(buffer.getvalue(), channel, sender=sender, to=to, cc=cc, bcc=bcc)


def build_request(message: Any, channel: str) -> InlineObject | InlineObject1:
    """The request that sends the Django ``message`` through ``channel``: an ``InlineObject``
    for ``v4_messages_post``, or an ``InlineObject1`` for ``v4_messages_mime_post`` when
    ``mime_reasons(message)`` is not empty.

    Raises ``ApiValueError`` naming the field for an invalid address or metadata, and for a
    message that cannot be encoded (text its ``encoding`` cannot hold, a header with a line
    break, which Django refuses).
    """
    headers = _headers(message)
    smtpapi = smtpapi_header(_pop_header(headers, SMTPAPI_HEADER), getattr(message, "metadata", None))
    try:
        if mime_reasons(message):
            return _mime_request(message, channel, smtpapi)
        if smtpapi:
            headers[SMTPAPI_HEADER] = smtpapi
        return _json_request(message, channel, headers)
    except ApiValueError:
        raise
    except (UnicodeError, LookupError, ValueError) as error:
        # text the message's encoding cannot hold, an unknown charset, a header Django refuses
        problem = f"cannot be encoded as an email ({type(error).__name__}: {error})"
        raise ApiValueError(f"message: {problem}", errors={"message": problem}) from error

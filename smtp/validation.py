"""Checks of the values that end up in an email: addresses, names, header fields, sizes.

Each check returns ``None`` when the value is fine, or a short text saying what is wrong, so
that the models (``field(check=...)``), the sandbox and the conveniences share one definition
of "valid" and every error can name its field.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "MAX_RECIPIENTS",
    "MAX_SUBJECT_CHARS",
    "MAX_MESSAGE_BYTES",
    "PROHIBITED_CONTENT_TYPE",
    "addr_spec_problem",
    "display_name_problem",
    "header_name_problem",
    "header_value_problem",
    "header_values_problem",
    "custom_headers_problem",
    "channel_problem",
    "subject_problem",
    "content_type_problem",
    "disposition_problem",
    "transfer_encoding_problem",
    "base64_problem",
    "charset_problem",
    "mime_version_problem",
    "has_line_break",
    "text_problem",
    "MAX_CUSTOM_HEADERS",
    "MAX_JSON_DEPTH",
    "json_depth_problem",
]

#: recipients in one request, to + cc + bcc (or bulk_list)
MAX_RECIPIENTS = 1000
#: characters in a subject
MAX_SUBJECT_CHARS = 998
#: bytes of the message the service builds (and of a request body): 10 MB
MAX_MESSAGE_BYTES = 10 * 1024 * 1024
#: header lines that ``custom_headers`` may add (each value of a list counts); the service builds one
#: header section per message, and MTAs cap it (Postfix: 100 KB), so more is a mistake, not a message
MAX_CUSTOM_HEADERS = 100
#: how deeply JSON given as a value (such as an ``X-SMTPAPI`` header) may nest
MAX_JSON_DEPTH = 32
#: the one content type the service refuses for parts and attachments
PROHIBITED_CONTENT_TYPE = "message/rfc822"

# RFC 5322 addr-spec (dot-atom or quoted local part, dot-atom or literal domain), with the
# non-ASCII letters RFC 6531 allows in both halves.
_ATEXT = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~\-\u0080-\U0010ffff]"
_DOT_ATOM = rf"{_ATEXT}+(?:\.{_ATEXT}+)*"
_QUOTED = r'"(?:[^"\\\r\n]|\\[^\r\n])*"'
_LABEL = r"[A-Za-z0-9\u0080-\U0010ffff](?:[A-Za-z0-9\-\u0080-\U0010ffff]*[A-Za-z0-9\u0080-\U0010ffff])?"
_DOMAIN = rf"(?:{_LABEL}(?:\.{_LABEL})*|\[[^\[\]\\\r\n]+\])"
_ADDR_SPEC_SOURCE = rf"(?:{_DOT_ATOM}|{_QUOTED})@{_DOMAIN}"
_addr_spec: re.Pattern[str] | None = None  # compiled on first use: it costs ~25 ms
_FIELD_NAME = re.compile(r"[\x21-\x39\x3b-\x7e]+")
# every character at which ``str.splitlines()`` (and so the ``email`` package) breaks a line, and NUL
_LINE_BREAK = re.compile(r"[\r\n\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# the same without CR and LF, for text that may span lines (a subject)
_ODD_BREAK = re.compile(r"[\x00\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
# a UTF-16 surrogate on its own (a JSON "\ud800" escape): no UTF-8 text can hold it
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MIME_TYPE = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]*/[A-Za-z0-9][A-Za-z0-9!#$&^_.+\-]*")
# padding may be followed by whitespace; written so that no two parts can match the same
# whitespace (which made a long run of spaces before a bad character take quadratic time)
_BASE64 = re.compile(r"[A-Za-z0-9+/\s]*(?:=\s*){0,2}")
_CHARSET = re.compile(r"[A-Za-z0-9!#$%&'+\-^_`{}~]+")
_MIME_VERSION = re.compile(r"[0-9]{1,3}\.[0-9]{1,3}")
# ASCII-compatible codecs of Python that are not character sets of text: they rewrite the text
_NOT_MAIL_CHARSETS = frozenset({"idna", "punycode", "raw-unicode-escape", "unicode-escape", "charmap"})
_ENCODINGS = frozenset({"7bit", "8bit", "binary", "quoted-printable", "base64"})


def has_line_break(text: str) -> bool:
    """Whether ``text`` holds a line break or a NUL, any of which could forge a header: CR, LF, and the
    other separators ``str.splitlines()`` knows (VT, FF, FS, GS, RS, NEL, U+2028, U+2029)."""
    return _LINE_BREAK.search(text) is not None


_BREAKS = "line breaks (CR, LF, VT, FF, U+0085, U+2028, U+2029 ...) or NUL"


def text_problem(text: str, lines: bool = False) -> str | None:
    """Problem with text that goes into a header: a line break or NUL (with ``lines``, CR and LF
    are allowed: the text is unfolded onto one line), or a lone surrogate, which no UTF-8 text holds.
    Every string check below starts here."""
    if (_ODD_BREAK if lines else _LINE_BREAK).search(text) is not None:
        return "must not contain NUL or line breaks other than CR and LF" if lines else f"must not contain {_BREAKS}"
    if _SURROGATE.search(text) is not None:
        return "must not contain a lone surrogate (\\ud800-\\udfff), which is not a character"
    return None


def json_depth_problem(value: Any, limit: int = MAX_JSON_DEPTH) -> str | None:
    """Problem with decoded JSON nested more than ``limit`` levels (counted without recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, (dict, list)):
            if depth > limit:
                return f"is nested more than {limit} levels deep"
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return None


def addr_spec_problem(value: Any) -> str | None:
    """Problem with an email address (an RFC 5322 addr-spec such as ``jane@example.com``)."""
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    if not value:
        return "must not be empty"
    problem = text_problem(value)
    if problem:
        return problem
    if len(value) > 254:
        return "is longer than 254 bytes"
    global _addr_spec
    if _addr_spec is None:
        _addr_spec = re.compile(_ADDR_SPEC_SOURCE)
    if _addr_spec.fullmatch(value) is None:
        return f"{value[:100]!r} is not a valid email address (expected local@domain)"
    local = value.rsplit("@", 1)[0]
    if len(local.encode("utf-8")) > 64:
        return "the part before @ is longer than 64 bytes"
    if len(value.encode("utf-8")) > 254:
        return "is longer than 254 bytes"
    return None


def display_name_problem(value: Any) -> str | None:
    """Problem with a display name: any text without line breaks."""
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    return text_problem(value)


def header_name_problem(name: Any) -> str | None:
    """Problem with a header field name (RFC 5322: printable ASCII except the colon)."""
    if not isinstance(name, str):
        return f"header name must be a string, got {type(name).__name__}"
    if not _FIELD_NAME.fullmatch(name):
        return f"{name[:100]!r} is not a valid header name (printable ASCII without ':' or spaces)"
    return None


def header_value_problem(value: Any) -> str | None:
    """Problem with one header value: a string without CR, LF or NUL."""
    if not isinstance(value, str):
        return f"header value must be a string, got {type(value).__name__}"
    problem = text_problem(value)
    return f"header value {problem}" if problem else None


def header_values_problem(value: Any) -> str | None:
    """Problem with a custom header's value: a string or a list of strings."""
    if isinstance(value, (list, tuple)):
        if not value:
            return "must not be an empty list"
        for i, item in enumerate(value):
            problem = header_value_problem(item)
            if problem:
                return f"[{i}]: {problem}"
        return None
    return header_value_problem(value)


def custom_headers_problem(headers: Any) -> str | None:
    """Problem with ``custom_headers``: a dict from header names to a string or list of strings,
    at most 100 header lines in all (``MAX_CUSTOM_HEADERS``)."""
    if not isinstance(headers, dict):
        return f"must be a dict of header name to value, got {type(headers).__name__}"
    count = sum(len(value) if isinstance(value, (list, tuple)) else 1 for value in headers.values())
    if count > MAX_CUSTOM_HEADERS:
        return f"holds {count} header lines; at most {MAX_CUSTOM_HEADERS} are allowed"
    for name, value in headers.items():
        problem = header_name_problem(name)
        if problem:
            return problem
        problem = header_values_problem(value)
        if problem:
            return f"{name}: {problem}"
    return None


def channel_problem(value: Any) -> str | None:
    """Problem with a channel name: a non-empty string without line breaks."""
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    if not value.strip():
        return "must not be empty"
    return text_problem(value)


def subject_problem(value: Any) -> str | None:
    """Problem with a subject: at most 998 characters, no NUL, no line break other than CR and LF
    (it may span lines)."""
    if not isinstance(value, str):
        return None
    if len(value) > MAX_SUBJECT_CHARS:
        return f"is {len(value)} characters long; at most {MAX_SUBJECT_CHARS:d} are allowed"
    return text_problem(value, lines=True)


def content_type_problem(value: Any) -> str | None:
    """Problem with a MIME type such as ``text/plain``; ``message/rfc822`` is prohibited."""
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    base = value.split(";", 1)[0].strip().lower()
    if base == PROHIBITED_CONTENT_TYPE:
        return "content type message/rfc822 is prohibited"
    if has_line_break(value) or not _MIME_TYPE.fullmatch(base):
        return f"{value[:100]!r} is not a MIME type (expected type/subtype)"
    return None


def disposition_problem(value: Any) -> str | None:
    """Problem with a content disposition: ``inline`` or ``attachment``."""
    if value not in ("inline", "attachment"):
        return f"must be 'inline' or 'attachment', got {value!r}"
    return None


def transfer_encoding_problem(value: Any) -> str | None:
    """Problem with a content transfer encoding (7bit, 8bit, binary, quoted-printable, base64)."""
    if not isinstance(value, str) or value.lower() not in _ENCODINGS:
        return "must be one of {}, got {!r}".format(", ".join(sorted(_ENCODINGS)), value)
    return None


def base64_problem(value: Any) -> str | None:
    """Problem with attachment content, which travels as base64 (line breaks allowed)."""
    if not isinstance(value, str):
        return f"must be a base64 string, got {type(value).__name__}"
    if _BASE64.fullmatch(value) is None:
        return "must be base64-encoded (A-Z, a-z, 0-9, +, /, = padding); encode bytes with base64.b64encode"
    significant = len(value) - sum(value.count(c) for c in " \t\r\n")
    if significant % 4:
        return "is not valid base64: its length without line breaks must be a multiple of 4"
    return None


def charset_problem(value: Any) -> str | None:
    """Problem with a character set: a name such as ``UTF-8`` (an RFC 2978 token without
    spaces, quotes, CR or LF, as it becomes part of a ``Content-Type`` header)."""
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    if _CHARSET.fullmatch(value) is None:
        return f"{value[:100]!r} is not a character set name (such as UTF-8)"
    import codecs

    try:
        codec = codecs.lookup(value)
    except LookupError:  # a name Python does not know may still be one the service knows
        return None
    try:
        ascii_compatible = "\r\na =?".encode(codec.name) == b"\r\na =?"
    except (UnicodeError, LookupError):  # 'undefined' encodes nothing; bytes codecs are not text
        ascii_compatible = False
    if not ascii_compatible or codec.name in _NOT_MAIL_CHARSETS:
        return f"{value[:100]!r} is not a text character set that email can carry (such as UTF-8)"
    return None


def mime_version_problem(value: Any) -> str | None:
    """Problem with a MIME version such as ``1.0`` (it becomes a header value)."""
    if not isinstance(value, str):
        return f"must be a string, got {type(value).__name__}"
    if _MIME_VERSION.fullmatch(value) is None:
        return f"{value[:100]!r} is not a MIME version (such as 1.0)"
    return None

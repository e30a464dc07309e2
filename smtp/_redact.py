"""Keeping credentials out of text: URLs, log records, error messages and chained errors.

Redaction happens where text is produced (the transport's error messages, the log filter on
the loggers this SDK and urllib3 write to), not at each call site. Two nets are used together:

* patterns: the ``api_key`` query parameter (and a callback URL's ``token``), the
  ``X-SMTPCOM-API``/``Authorization`` headers written as ``name: value`` or ``'name': 'value'``,
  and ``user:password@`` in URLs;
* exact values: when the transport knows the credentials of the request that failed, every
  occurrence of them (raw or percent-encoded) is replaced as well, wherever it stands.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus

__all__ = [
    "REDACTED",
    "RedactingFilter",
    "install_log_filter",
    "redact_text",
    "redact_url",
    "redact_values",
    "scrub_exception",
    "url_secrets",
]

REDACTED = "***"

#: header names whose values are credentials (lower case)
SENSITIVE_HEADERS = frozenset({"x-smtpcom-api", "authorization", "proxy-authorization", "cookie"})
#: shorter values are not replaced by exact match: they would mangle unrelated text
_MIN_SECRET = 4

# the apiID scheme's query parameter, the secrets other operations send on the query (a
# channel's SMTP password, a DKIM private key, SQS credentials) and a callback URL's token,
# wherever they stand
_QUERY_KEY = re.compile(r"(?i)([?&;](?:api_key|smtp_password|private_key|aws_data|token)=)[^&#\s'\"]*")
_QUERY_SECRETS = ("smtp_password", "private_key", "aws_data", "token")
# an API key as a path segment (``/v4/api_keys/{api_key}``)
_PATH_KEY = re.compile(r"(?i)(/v4/api_keys/)[^/?#\s'\"]+")
# credentials written as headers or basic-auth userinfo inside a message
_HEADER = re.compile(
    r"(?i)((?:x-smtpcom-api|(?:proxy-)?authorization)['\"]?\s*[:=]\s*['\"]?)((?:basic|bearer)\s+)?[^'\"\s,}]+"
)
_USERINFO = re.compile(r"(//)[^/@\s:]+:[^/@\s]+@")


def redact_url(url: str) -> str:
    """The URL with its secrets replaced by ``***``: the ``api_key``, ``smtp_password``,
    ``private_key``, ``aws_data`` and ``token`` query values, the key of ``/v4/api_keys/{api_key}``,
    and any ``user:password@``."""
    url = _PATH_KEY.sub(lambda m: m.group(1) + REDACTED, url)
    return _USERINFO.sub(r"\1" + REDACTED + "@", _QUERY_KEY.sub(lambda m: m.group(1) + REDACTED, url))


def url_secrets(url: str) -> list[str]:
    """The secret values a request URL carries, as sent: the ``api_key``, ``smtp_password``,
    ``private_key``, ``aws_data`` and ``token`` query values and the key of
    ``/v4/api_keys/{api_key}`` (decoded), so that an error made from the reply can redact them
    wherever the server echoed them."""
    from urllib.parse import parse_qsl, unquote

    path, _, query = url.partition("#")[0].partition("?")
    found = [value for key, value in parse_qsl(query) if key.lower() in ("api_key", *_QUERY_SECRETS)]
    match = _PATH_KEY.search(path)
    if match is not None:
        found.append(unquote(path[match.end(1) : match.end()]))
    return found


def redact_values(text: str, secrets: Iterable[str]) -> str:
    """Text with every value in ``secrets`` replaced by ``***``, wherever it stands: as is,
    percent-encoded, or escaped as inside a JSON string. Values shorter than 4 characters
    are left alone (replacing them would mangle unrelated text)."""
    for secret in secrets:
        if len(secret) >= _MIN_SECRET:
            forms = {secret, quote(secret, safe=""), quote_plus(secret)}
            if not secret.isalnum():
                import json

                forms.add(json.dumps(secret)[1:-1])
                forms.add(json.dumps(secret, ensure_ascii=False)[1:-1])
            for form in sorted(forms, key=len, reverse=True):
                if form in text:
                    text = text.replace(form, REDACTED)
    return text


def redact_text(text: str, secrets: Iterable[str] = ()) -> str:
    """Text with every credential pattern this SDK knows, and every value in ``secrets``
    (see ``redact_values``), replaced by ``***``."""
    text = redact_values(text, secrets)
    lowered = text.lower()
    if "api_key" in lowered or ("=" in text and any(name in lowered for name in _QUERY_SECRETS)):
        text = _QUERY_KEY.sub(lambda m: m.group(1) + REDACTED, text)
        text = _PATH_KEY.sub(lambda m: m.group(1) + REDACTED, text)
    text = _HEADER.sub(lambda m: m.group(1) + (m.group(2) or "") + REDACTED, text)
    return _USERINFO.sub(r"\1" + REDACTED + "@", text)


def scrub_exception(error: BaseException, secrets: Iterable[str] = ()) -> BaseException:
    """Remove credentials from ``error`` and from every error chained to it, in place.

    An exception's text comes from its ``args``; urllib3 errors also keep the request ``url``.
    Both are rewritten when they hold a credential, so that ``str()``, ``repr()`` and a printed
    traceback of the chain show none. Returns ``error`` for use in ``raise ... from``.
    """
    secrets = tuple(secrets)
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen and len(seen) < 16:
        seen.add(id(current))
        url = getattr(current, "url", None)
        if isinstance(url, str):
            _set(current, "url", redact_text(url, secrets))
        if not isinstance(current, OSError) or current.errno is None:  # OSError's text is errno + strerror
            args = tuple(_clean_arg(arg, secrets) for arg in current.args)
            if args != current.args:
                _set(current, "args", args)
        current = current.__cause__ or current.__context__
    return error


def _clean_arg(arg: Any, secrets: tuple[str, ...]) -> Any:
    if isinstance(arg, str):
        return redact_text(arg, secrets)
    if isinstance(arg, BaseException):
        text = str(arg)
        clean = redact_text(text, secrets)
        return arg if clean == text else f"{type(arg).__name__}({clean!r})"
    text = repr(arg)
    clean = redact_text(text, secrets)
    return arg if clean == text else clean


def _set(obj: Any, name: str, value: Any) -> None:
    try:
        setattr(obj, name, value)
    except (AttributeError, TypeError):  # a read-only attribute: leave it
        pass


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites a record's message (and its formatted exception, if any)
    so that it holds no credential."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError, KeyError):  # a broken record is the logging module's to report
            return True
        clean = redact_text(message)
        if clean != message:
            record.msg = clean
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = redact_text(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            record.exc_text = redact_text(record.exc_text)
        return True


_FILTER = RedactingFilter()
_covered: set[str] = set()
_loggers_seen = -1


def install_log_filter(*loggers: str) -> None:
    """Put the redacting filter on the named loggers and on every logger below them that
    exists now (once each).

    A filter on a logger applies only to the records created on that very logger, so it is put
    on each of urllib3's module loggers (``urllib3.connectionpool`` writes the request line with
    its query string) as well as on ``smtp``.
    """
    global _loggers_seen
    known = logging.root.manager.loggerDict
    if len(known) == _loggers_seen and _covered.issuperset(loggers):
        return
    prefixes = tuple(name + "." for name in loggers)
    for name in [*loggers, *known]:
        if name in _covered or not (name in loggers or name.startswith(prefixes)):
            continue
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
        _covered.add(name)
    _loggers_seen = len(known)

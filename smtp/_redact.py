"""Keeping credentials out of text: URLs, log records and error messages.

Redaction happens where text is produced (the transport's error messages, the log filter on
the loggers this SDK and urllib3 write to), not at each call site.
"""

from __future__ import annotations

import logging
import re
from typing import Any

__all__ = ["REDACTED", "redact_url", "redact_text", "RedactingFilter", "install_log_filter"]

REDACTED = "***"

# the apiID scheme's query parameter, wherever it stands in a URL or a message
_QUERY_KEY = re.compile(r"(?i)([?&;]api_key=)[^&#\s'\"]*")
# credentials written as headers or basic-auth userinfo inside a message
_HEADER = re.compile(r"(?i)((?:x-smtpcom-api|authorization)['\"]?\s*[:=]\s*['\"]?)(basic\s+)?[^'\"\s,}]+")
_USERINFO = re.compile(r"(//)[^/@\s:]+:[^/@\s]+@")


def redact_url(url: str) -> str:
    """The URL with the ``api_key`` query value replaced by ``***``."""
    return _QUERY_KEY.sub(lambda m: m.group(1) + REDACTED, url)


def redact_text(text: str) -> str:
    """Text with every credential pattern this SDK knows replaced by ``***``."""
    if "api_key" in text or "API_KEY" in text or "Api_Key" in text:
        text = _QUERY_KEY.sub(lambda m: m.group(1) + REDACTED, text)
    text = _HEADER.sub(lambda m: m.group(1) + (m.group(2) or "") + REDACTED, text)
    return _USERINFO.sub(r"\1" + REDACTED + "@", text)


class RedactingFilter(logging.Filter):
    """A logging filter that rewrites a record's message so that it holds no credential."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken record is the logging module's to report
            return True
        clean = redact_text(message)
        if clean != message:
            record.msg = clean
            record.args = None
        return True


_FILTER = RedactingFilter()


def install_log_filter(*loggers: Any) -> None:
    """Put the redacting filter on the named loggers (once each).

    A filter on a logger applies to the records created there, so it is installed on the
    loggers that write request lines: ``smtp`` and urllib3's connection pool.
    """
    for name in loggers:
        logger = logging.getLogger(name) if isinstance(name, str) else name
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)

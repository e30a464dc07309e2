"""The one way the sandbox refuses a request: ``Reject``, answered as JSON in the service's shape."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

__all__ = ["INVALID_KEY", "Reject", "fail_body"]

#: the body of a 401, as the service writes it
INVALID_KEY = {"status": "fail", "data": {"api_key": "invalid"}}


def fail_body(errors: Mapping[str, str]) -> dict[str, Any]:
    """The service's error reply: ``{"status": "fail", "data": {"errors": {field: text}}}``."""
    return {"status": "fail", "data": {"errors": dict(errors)}}


class Reject(Exception):
    """Refuse the request with ``status`` and ``errors`` (each bad field mapped to what is wrong).

    ``headers`` are extra reply headers (such as ``Allow``); ``close`` ends the connection
    after the reply (used when the request body was not read).
    """

    def __init__(
        self, status: int, errors: Mapping[str, str], headers: Mapping[str, str] | None = None, close: bool = False
    ) -> None:
        super().__init__(status, dict(errors))
        self.status = status
        self.errors = dict(errors)
        self.headers = dict(headers or {})
        self.close = close

    def body(self) -> bytes:
        """The reply body as JSON bytes."""
        payload = INVALID_KEY if self.status == 401 else fail_body(self.errors)
        return json.dumps(payload, ensure_ascii=False).encode("utf-8")

    @classmethod
    def bad_request(cls, errors: Mapping[str, str]) -> Reject:
        """A 400 naming every bad field."""
        return cls(400, errors)

"""Raw HTTP to a sandbox for the resource tests: one request, its status and decoded JSON."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

__all__ = ["Raw", "fake_pem", "path_segment"]


def path_segment(text: str) -> str:
    """``text`` escaped as one path segment (every reserved character, ``/`` included)."""
    return quote(text, safe="")


def fake_pem(label: str = "PRIVATE KEY") -> str:
    """PEM text of the right shape (the sandbox checks the shape, it never uses the key)."""
    import base64

    body = base64.b64encode(bytes(range(120))).decode("ascii")
    lines = [body[i : i + 64] for i in range(0, len(body), 64)]
    return "\n".join([f"-----BEGIN {label}-----", *lines, f"-----END {label}-----"]) + "\n"


class Raw:
    """Requests to ``url`` with the API key ``key`` in the ``X-SMTPCOM-API`` header."""

    def __init__(self, url: str, key: str | None = "test-key") -> None:
        split = urlsplit(url)
        self.host, self.port = split.hostname or "127.0.0.1", split.port or 80
        self.key = key

    def request(
        self, method: str, path: str, query: Any = None, key: str | None = None
    ) -> tuple[int, Any, dict[str, str]]:
        """Send one request; ``query`` is a dict or a list of pairs (repeated names allowed)."""
        target = path + ("?" + urlencode(query, doseq=True) if query else "")
        headers = {"Content-Length": "0"}
        secret = self.key if key is None else key
        if secret:
            headers["X-SMTPCOM-API"] = secret
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request(method, target, headers=headers)
            reply = connection.getresponse()
            body = reply.read()
            found = {name.lower(): value for name, value in reply.getheaders()}
        finally:
            connection.close()
        is_json = found.get("content-type", "").startswith("application/json")
        return reply.status, json.loads(body) if is_json else body, found

    def send(self, channel: str, *to: str, sender: str = "shop@example.com", subject: str = "Hi") -> tuple[int, Any]:
        """``POST /v4/messages`` of a small text message: the status and the JSON reply."""
        body = json.dumps(
            {
                "channel": channel,
                "originator": {"from": {"address": sender}},
                "recipients": {"to": [{"address": a} for a in to or ("jane@example.com",)]},
                "subject": subject,
                "body": {"parts": [{"type": "text/plain", "content": "Hello"}]},
            }
        )
        headers = {"Content-Type": "application/json", "X-SMTPCOM-API": self.key or "test-key"}
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request("POST", "/v4/messages", body, headers)
            reply = connection.getresponse()
            return reply.status, json.loads(reply.read())
        finally:
            connection.close()

    def ok(self, method: str, path: str, query: Any = None) -> Any:
        """The JSON of a request that must succeed (200, ``status: success``)."""
        status, data, _ = self.request(method, path, query)
        assert status == 200, (status, data)
        return data

    def errors(self, method: str, path: str, query: Any = None, status: int = 400) -> dict[str, str]:
        """The ``data.errors`` of a request that must fail with ``status``."""
        got, data, _ = self.request(method, path, query)
        assert got == status, (got, data)
        assert data["status"] == "fail", data
        return data["data"]["errors"]  # type: ignore[no-any-return]

"""What the sandbox tests share: a raw HTTP client (stdlib ``http.client``, so the SDK's own
checks are not in the way), valid request payloads as JSON, and an SDK client for a sandbox."""

from __future__ import annotations

import http.client
import json
from typing import Any
from urllib.parse import urlsplit

import smtp
from support.payloads import make_message, make_mime

KEY = "k-123"
CHANNEL = "main"
INVALID_KEY = {"status": "fail", "data": {"api_key": "invalid"}}


class Reply:
    """A reply read in full."""

    def __init__(self, status: int, headers: http.client.HTTPMessage, data: bytes) -> None:
        self.status = status
        self.headers = headers
        self.data = data

    @property
    def json(self) -> Any:
        return json.loads(self.data)

    @property
    def errors(self) -> dict[str, str]:
        return self.json["data"]["errors"]


class Raw:
    """A keep-alive HTTP/1.1 connection to a sandbox that sends exactly what it is given."""

    def __init__(self, url: str, key: str | None = KEY) -> None:
        split = urlsplit(url)
        self.conn = http.client.HTTPConnection(split.hostname, split.port, timeout=10)
        self.key = key

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None) -> Reply:
        sent = dict(headers or {})
        if self.key is not None:
            sent.setdefault("X-SMTPCOM-API", self.key)
        if body is not None and not isinstance(body, (bytes, str)):
            body = json.dumps(body)
            sent.setdefault("Content-Type", "application/json")
        self.conn.request(method, path, body=body, headers=sent)
        resp = self.conn.getresponse()
        return Reply(resp.status, resp.headers, resp.read())

    def post(self, path: str, payload: Any, **kwargs: Any) -> Reply:
        return self.request("POST", path, payload, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.request("GET", path, **kwargs)

    def close(self) -> None:
        self.conn.close()


def as_json(model: smtp.InlineObject | smtp.InlineObject1) -> dict[str, Any]:
    """A request model as the JSON the SDK sends."""
    return smtp.ApiClient().sanitize_for_serialization(model)


def message_payload(**overrides: Any) -> dict[str, Any]:
    """A valid ``POST /v4/messages`` body (``payloads.make_message``) as JSON."""
    return as_json(make_message(**overrides))


def mime_payload(**overrides: Any) -> dict[str, Any]:
    """A valid ``POST /v4/messages/mime`` body (``payloads.make_mime``) as JSON."""
    return as_json(make_mime(**overrides))


def sdk_api(url: str, key: str = KEY, validate: bool = True, **config: Any) -> smtp.MessagesApi:
    """A ``MessagesApi`` for the sandbox at ``url``, retries off."""
    configuration = smtp.Configuration(host=url, api_key={"apiKey": key}, **config)
    configuration.retries = smtp.RetryPolicy(total=0)
    configuration.client_side_validation = validate
    return smtp.MessagesApi(smtp.ApiClient(configuration))

"""The web inbox and callbacks: a simulate button delivers its event, and the callbacks page
shows what is registered and delivered, without the credentials in the registered URLs."""

from __future__ import annotations

import http.client
import json
import threading
import time
from typing import Any

import smtp
from smtp.callbacks import CallbackEvent, wsgi_app
from smtp.sandbox import Sandbox

SAME_SITE = {"X-Smtp-Inbox": "1", "Content-Type": "application/json"}


def request(sandbox: Sandbox, method: str, path: str, body: Any = None, headers: Any = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", sandbox.port, timeout=10)
    try:
        connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers or {})
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


def wait_for(condition: Any, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:  # bounded in time, polled every 50 ms
        if condition():
            return True
        time.sleep(0.05)
    return bool(condition())


def test_a_simulated_click_is_delivered_and_the_page_shows_the_log(serve_wsgi) -> None:
    received: list[CallbackEvent] = []
    lock = threading.Lock()

    def handler(event: CallbackEvent) -> None:
        with lock:
            received.append(event)

    url = serve_wsgi(wsgi_app(handler))
    with Sandbox(callback_urls=[url]) as sandbox:
        config = smtp.Configuration(host=sandbox.url, api_key={"apiKey": "k"})
        with smtp.ApiClient(config) as client:
            msg_id = (
                smtp.MessagesApi(client)
                .v4_messages_post(
                    smtp.InlineObject.from_dict(
                        {
                            "channel": "main",
                            "recipients": {"to": [{"address": "jane@example.com"}]},
                            "originator": {"from": {"address": "shop@example.com"}},
                            "subject": "Hello",
                            "body": {"parts": [{"type": "text/plain", "content": "hi"}]},
                        }
                    )
                )
                .data.msg_id
            )
        assert wait_for(lambda: any(e.event == "delivered" for e in received))
        status, _ = request(
            sandbox, "POST", f"/sandbox/inbox/{msg_id}/simulate", {"rcpt": 0, "event": "click"}, SAME_SITE
        )
        assert status == 200
        assert wait_for(lambda: any(e.event == "clicked" for e in received))
        clicked = next(e for e in received if e.event == "clicked")
        assert clicked.rcpt_to == "jane@example.com"
        register = (
            "/v4/callbacks/failed?channel=main&medium=http&address=http%3A%2F%2Fhook%3As3cr3t-pass%40127.0.0.1%2Fcb"
        )
        assert request(sandbox, "POST", register, None, {"X-SMTPCOM-API": "k"})[0] == 200
        status, page = request(sandbox, "GET", "/inbox/callbacks")
        text = page.decode()
        assert status == 200 and "s3cr3t-pass" not in text and "127.0.0.1/cb" in text
        assert "failed" in text and "main" in text

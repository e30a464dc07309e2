"""A minimal, fast HTTP/1.1 keep-alive server for the benchmarks (stdlib only).

It runs in its own process so that its work never competes with the client's for the GIL,
and it does as little as it can: each reply is encoded once at start and written with one
``sendall`` on a socket with ``TCP_NODELAY``. Request bodies are read and dropped (the last
one's head and body are kept so that a benchmark can replay exactly what the SDK sent).

Routes::

    GET  /v4/messages...      the page built by ``fixtures.messages_page(--items)``
    POST /v4/messages         a send reply
    POST /v4/messages/mime    a send reply
    GET  /_last               the last request's target and headers (JSON), and its body length
    GET  /_last_body          the last request's body, as sent

Run ``python benchmarks/server.py --port 0``: it prints ``listening on http://HOST:PORT`` and
serves until its standard input closes (so it never outlives the benchmark that started it).
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fixtures import SEND_REPLY, messages_page  # noqa: E402

MAX_HEAD = 64 * 1024


def http_reply(body: bytes, status: str = "200 OK", content_type: str = "application/json") -> bytes:
    """A complete HTTP/1.1 reply, head and body, as one bytes object."""
    head = f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    return head.encode("latin-1") + body


class Replies:
    """The pre-encoded replies, and the last request seen (for replaying it)."""

    def __init__(self, items: int) -> None:
        self.page = http_reply(messages_page(items))
        self.sent = http_reply(SEND_REPLY)
        self.not_found = http_reply(b'{"status": "fail"}', "404 Not Found")
        self.last_target = ""
        self.last_head: list[tuple[str, str]] = []
        self.last_body = b""

    def answer(self, method: bytes, target: bytes, head: list[bytes], body: bytes | None) -> bytes:
        path = target.split(b"?", 1)[0]
        if method == b"POST" and path in (b"/v4/messages", b"/v4/messages/mime"):
            self._remember(target, head, body)
            return self.sent
        if method == b"GET":
            if path == b"/v4/messages":
                self._remember(target, head, body)
                return self.page
            if path == b"/_last":
                info = {"target": self.last_target, "headers": self.last_head, "body_bytes": len(self.last_body)}
                return http_reply(json.dumps(info).encode())
            if path == b"/_last_body":
                return http_reply(self.last_body, content_type="application/octet-stream")
        return self.not_found

    def _remember(self, target: bytes, head: list[bytes], body: bytes | None) -> None:
        self.last_target = target.decode("latin-1")
        pairs = []
        for line in head:
            name, _, value = line.decode("latin-1").partition(":")
            pairs.append((name.strip(), value.strip()))
        self.last_head = pairs
        self.last_body = body or b""


def serve_connection(conn: socket.socket, replies: Replies) -> None:
    """Answer requests on one keep-alive connection until the client closes it."""
    conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    recv = conn.recv
    buf = b""
    try:
        while True:
            end = buf.find(b"\r\n\r\n")
            while end < 0:
                data = recv(262144)
                if not data or len(buf) > MAX_HEAD:
                    return
                buf += data
                end = buf.find(b"\r\n\r\n")
            lines = buf[:end].split(b"\r\n")
            buf = buf[end + 4 :]
            method, target, _ = lines[0].split(b" ", 2)
            length = 0
            for line in lines[1:]:
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            body: bytes | None = None
            if length:
                if len(buf) >= length:
                    body, buf = buf[:length], buf[length:]
                else:
                    parts = [buf]
                    got = len(buf)
                    while got < length:
                        data = recv(min(1 << 20, length - got))
                        if not data:
                            return
                        parts.append(data)
                        got += len(data)
                    body, buf = b"".join(parts), b""
            conn.sendall(replies.answer(method, target, lines[1:], body))
    except OSError:
        return
    finally:
        conn.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--items", type=int, default=1000, help="items in the GET page")
    args = parser.parse_args(argv)
    replies = Replies(args.items)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(128)
    host, port = listener.getsockname()[:2]
    print(f"listening on http://{host}:{port:d}", flush=True)

    def accept_forever() -> None:
        while True:
            conn, _ = listener.accept()
            threading.Thread(target=serve_connection, args=(conn, replies), daemon=True).start()

    threading.Thread(target=accept_forever, daemon=True).start()
    sys.stdin.read()  # serve until the parent closes our standard input (or exits)


if __name__ == "__main__":
    main()

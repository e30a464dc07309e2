"""Fixtures of the callbacks tests: a WSGI application served by a real wsgiref server on
127.0.0.1 (an ephemeral port, in a thread)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

import pytest


class _Server(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class _Quiet(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


Serve = Callable[[Any], str]


@pytest.fixture
def serve_wsgi() -> Iterator[Serve]:
    """``serve_wsgi(app)`` serves ``app`` and returns its base URL (``http://127.0.0.1:PORT/``)."""
    servers: list[tuple[_Server, threading.Thread]] = []

    def serve(app: Any) -> str:
        server = make_server("127.0.0.1", 0, app, server_class=_Server, handler_class=_Quiet)
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        thread.start()
        servers.append((server, thread))
        return f"http://127.0.0.1:{server.server_address[1]}/"

    try:
        yield serve
    finally:
        for server, thread in servers:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)

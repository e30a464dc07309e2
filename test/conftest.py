"""Shared fixtures: the recording server of ``helpers`` and clients configured for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import RecordingServer

import smtp


@pytest.fixture
def server() -> Iterator[RecordingServer]:
    srv = RecordingServer()
    try:
        yield srv
    finally:
        srv.close()


@pytest.fixture
def config(server: RecordingServer) -> smtp.Configuration:
    cfg = smtp.Configuration(host=server.url, api_key={"apiKey": "test-key"})
    cfg.retries = smtp.RetryPolicy(total=0)
    return cfg


@pytest.fixture
def api(config: smtp.Configuration) -> Iterator[smtp.MessagesApi]:
    with smtp.ApiClient(config) as client:
        yield smtp.MessagesApi(client)

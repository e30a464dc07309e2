"""Shared fixtures: the recording server of ``support.servers`` and clients configured for it.

Also loads the package's pytest plugin (``smtp.testing``: the ``smtp_sandbox`` fixture), so
that ``pytest`` passes from a plain checkout; when the package is installed, its ``pytest11``
entry point has registered the plugin already and it is not registered twice."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from support.servers import RecordingServer

import smtp


def pytest_configure(config: pytest.Config) -> None:
    import smtp.testing

    if not config.pluginmanager.is_registered(smtp.testing):
        config.pluginmanager.register(smtp.testing, "smtp.testing")


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

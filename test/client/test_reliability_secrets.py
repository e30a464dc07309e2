"""Secrets (the API key in a header or the query, the basic-auth password and its token) never
appear in log records at any level, in repr()/str() of the SDK's objects, nor in any
exception's text or the errors chained to it."""

from __future__ import annotations

import logging
import traceback
from collections.abc import Iterator
from urllib.parse import quote, quote_plus

import pytest
import urllib3
from support.payloads import make_message
from support.servers import (
    MisbehavingServer,
    html,
    messages_api,
    read_page,
    refused_url,
    reply,
    reset,
    stall,
    truncated,
)

import smtp
from smtp._redact import redact_text, redact_url, scrub_exception
from smtp.rest import RESTResponse

HEADER_KEY = "hdr-Key+9f8e7d6c5b4a/3210=="
QUERY_KEY = "qry&Key 0a1b2c3d4e5f#6789"
PASSWORD = "pass:w0rd/Secret+%"
AUTH = {"apiKey": HEADER_KEY, "apiID": QUERY_KEY}


def configure(url: str, **settings: object) -> smtp.Configuration:
    config = smtp.Configuration(host=url, api_key=AUTH, username="jane", password=PASSWORD)
    config.retries = smtp.RetryPolicy(total=1, backoff_factor=0)
    config.timeout = (1.0, 0.3)
    for name, value in settings.items():
        setattr(config, name, value)
    return config


TOKEN = configure("http://127.0.0.1:9").get_basic_auth_token().split()[1]


def forms(secret: str) -> set[str]:
    return {secret, quote(secret, safe=""), quote_plus(secret)}


SECRETS = set().union(*(forms(s) for s in (HEADER_KEY, QUERY_KEY, PASSWORD, TOKEN)))


def assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{where} shows a secret: {text[:2000]!r}"


def assert_exception_clean(error: BaseException) -> None:
    assert_clean(str(error), "str(e)")
    assert_clean(repr(error), "repr(e)")
    cause = error.__cause__
    while cause is not None:
        assert_clean(str(cause), "str(cause)")
        assert_clean(repr(cause), "repr(cause)")
        assert_clean(str(getattr(cause, "url", "")), "cause.url")
        cause = cause.__cause__ or cause.__context__
    assert_clean("".join(traceback.format_exception(type(error), error, error.__traceback__)), "the traceback")


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Capture every record at DEBUG, and put the SDK's and urllib3's loggers back afterwards."""
    names = ("smtp", "urllib3")
    saved = {name: (logging.getLogger(name).level, list(logging.getLogger(name).handlers)) for name in names}
    caplog.set_level(logging.DEBUG)
    yield caplog
    for name, (level, handlers) in saved.items():
        logger = logging.getLogger(name)
        logger.setLevel(level)
        for handler in logger.handlers[:]:
            if handler not in handlers:
                logger.removeHandler(handler)
                handler.close()


FAILURES = {
    "401": reply(401, {"status": "fail", "data": {"api_key": "invalid"}}),
    "500": reply(500),
    "html 200": html(200),
    "html 502 echoing the url": reply(
        502,
        (f"<p>Upstream failed for /v4/messages?api_key={quote_plus(QUERY_KEY)}</p>").encode(),
        {"Content-Type": "text/html"},
    ),
    "headers echoed": reply(
        400, {"status": "fail"}, {"X-SMTPCOM-API": quote(HEADER_KEY), "Authorization": "Basic " + TOKEN}
    ),
    "reset": reset(),
    "stall": stall(),
    "truncated": truncated(),
}


def test_no_secret_in_logs_exceptions_or_reprs(debug_logs, capfd, tmp_path):
    log_file = tmp_path / "sdk.log"
    with MisbehavingServer() as server:
        config = configure(server.url)
        config.debug = True
        config.logger_file = str(log_file)
        errors: list[BaseException] = []
        with smtp.ApiClient(config) as client:
            api = smtp.MessagesApi(client)
            read_page(api)
            api.v4_messages_post(make_message())
            assert server.requests[0].query["api_key"] == [QUERY_KEY]  # the key did travel
            assert server.requests[0].header("X-SMTPCOM-API") == HEADER_KEY
            for behaviour in FAILURES.values():
                for call in (lambda: read_page(api), lambda: api.v4_messages_post(make_message())):
                    server.plan(behaviour, behaviour, replace=True)
                    with pytest.raises(smtp.ApiException) as caught:
                        call()
                    errors.append(caught.value)
            server.plan(replace=True)
            response = client.rest_client.request(
                "GET", server.url + "/v4/messages", query_params=[("api_key", QUERY_KEY)]
            )
            assert isinstance(response, RESTResponse)
            assert_clean(repr(response) + str(response), "RESTResponse")
            assert_clean(repr(client) + str(client), "ApiClient")
        assert_clean(repr(config) + str(config), "Configuration")
        assert_clean(config.to_debug_report(), "to_debug_report")
    with messages_api(refused_url(), api_key=AUTH, retries=1) as api, pytest.raises(smtp.ApiConnectionError) as refused:
        read_page(api)
    errors.append(refused.value)
    with messages_api("http://[::1/", api_key=AUTH) as api, pytest.raises(smtp.ApiException) as bad_host:
        read_page(api)
    errors.append(bad_host.value)

    assert len(errors) == 2 * len(FAILURES) + 2
    for error in errors:
        assert_exception_clean(error)
    records = debug_logs.records
    assert any(r.name.startswith("urllib3") and "/v4/messages" in r.getMessage() for r in records), (
        "urllib3's request lines were captured"
    )
    assert any(r.name == "smtp" and r.levelno == logging.DEBUG for r in records)
    for record in records:
        assert_clean(record.getMessage(), f"log record of {record.name}")
    assert_clean(debug_logs.text, "formatted log")
    assert "api_key=***" in debug_logs.text
    assert_clean(log_file.read_text(), "logger_file")
    out, err = capfd.readouterr()
    assert_clean(out + err, "the terminal")


def test_repr_of_configuration_names_the_schemes_but_shows_no_value():
    config = configure("http://127.0.0.1:9")
    text = repr(config)
    assert "apiKey" in text and "apiID" in text and "basicAuth" in text and "***" in text
    assert_clean(text, "repr(Configuration)")


def test_an_exception_logged_with_its_traceback_is_redacted(debug_logs):
    smtp.Configuration()  # installs the filter
    try:
        raise RuntimeError(f"GET https://api.smtp.com/v4/messages?api_key={quote_plus(QUERY_KEY)} failed")
    except RuntimeError:
        logging.getLogger("smtp").exception("boom")
    assert_clean(debug_logs.text, "logged traceback")


def test_urllib3_errors_that_quote_the_url_are_scrubbed_with_their_whole_chain():
    url = f"/v4/messages?start=1&api_key={quote_plus(QUERY_KEY)}&limit=5"
    inner = urllib3.exceptions.NewConnectionError(None, f"Failed to establish a new connection for {url}")
    outer = urllib3.exceptions.MaxRetryError(None, url, inner)
    outer.__cause__ = inner
    assert scrub_exception(outer, [QUERY_KEY]) is outer
    wrapper = smtp.ApiConnectionError("failed")
    wrapper.__cause__ = outer
    assert_exception_clean(wrapper)
    assert "api_key=***" in str(outer) and outer.url.endswith("limit=5")


def test_redaction_patterns():
    assert redact_url("https://u:p4ss@h/x?a=1&api_key=s3cr3t&b=2") == "https://***@h/x?a=1&api_key=***&b=2"
    assert (
        redact_text("{'X-SMTPCOM-API': 'k3y', 'Authorization': 'Basic dG9rZW4='}")
        == "{'X-SMTPCOM-API': '***', 'Authorization': 'Basic ***'}"
    )
    assert redact_text("token abcdef and abcdef again", ["abcdef"]) == "token *** and *** again"
    assert redact_text("short ab", ["ab"]) == "short ab"  # too short to replace safely

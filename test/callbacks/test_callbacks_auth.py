"""The shared secret of callback URLs: building the URL, checking requests in constant time,
and keeping the secret out of reprs, logs and errors."""

from __future__ import annotations

import base64
import hmac
import logging
import pickle
from urllib.parse import urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import smtp.callbacks._auth as auth
from smtp._redact import redact_text, redact_url
from smtp.callbacks import Receiver, Secret, callback_url, new_secret, wsgi_app

SECRET = "s3cr3t-Value_0123456789"


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_callback_url_with_basic_credentials() -> None:
    url = callback_url("https://example.com/hooks/smtp?site=7", SECRET)
    parts = urlsplit(url)
    assert (parts.username, parts.password) == ("smtpcom", SECRET)
    assert (parts.hostname, parts.path, parts.query) == ("example.com", "/hooks/smtp", "site=7")


def test_callback_url_with_a_token() -> None:
    assert callback_url("http://127.0.0.1:8000/cb", SECRET, style="token") == f"http://127.0.0.1:8000/cb?token={SECRET}"
    assert callback_url("https://h/cb?a=1", SECRET, style="token") == f"https://h/cb?a=1&token={SECRET}"


@pytest.mark.parametrize(
    ("base", "secret", "style", "says"),
    [
        ("example.com/cb", SECRET, "basic", "absolute"),
        ("ftp://example.com/cb", SECRET, "basic", "absolute"),
        ("https://u:p@example.com/cb", SECRET, "basic", "credentials"),
        ("https://example.com/cb?token=x", SECRET, "token", "token="),
        ("https://example.com/cb", "short", "basic", "too short"),
        ("https://example.com/cb", "has space and / slash!", "basic", "outside"),
        ("https://example.com/cb", SECRET, "header", "style"),
    ],
)
def test_callback_url_refuses(base: str, secret: str, style: str, says: str) -> None:
    with pytest.raises(ValueError) as caught:
        callback_url(base, secret, style=style)
    assert says in str(caught.value)
    assert SECRET not in str(caught.value) and "slash" not in str(caught.value)


def test_new_secret_is_usable_and_new_each_time() -> None:
    first, second = new_secret(), new_secret()
    assert first != second and len(first) >= 40
    callback_url("https://example.com/", first)


@pytest.mark.parametrize(
    ("authorization", "query", "accepted"),
    [
        (_basic("smtpcom", SECRET), "", True),
        (_basic("anyone", SECRET), None, True),
        (None, f"token={SECRET}", True),
        (None, f"a=1&token={SECRET}&b=2", True),
        (_basic("smtpcom", "wrong"), f"token={SECRET}", True),  # either place will do
        (None, None, False),  # missing
        ("", "", False),
        (_basic("smtpcom", SECRET[:-1]), None, False),  # wrong
        (_basic("smtpcom", SECRET + "x"), None, False),
        (_basic(SECRET, ""), None, False),  # the secret as the user name is not the password
        (None, "token=" + SECRET.upper(), False),
        (None, f"Token={SECRET}", False),
        ("Bearer " + SECRET, None, False),
        ("Basic !!!not-base64", None, False),
        ("Basic " + base64.b64encode(SECRET.encode()).decode(), None, False),  # no user:password
        (None, "token=%ff%fe", False),
        (None, "&".join(["x=1"] * 500) + f"&token={SECRET}", False),  # absurd queries are not searched
    ],
)
def test_a_request_is_accepted_only_with_the_secret(
    authorization: str | None, query: str | None, accepted: bool
) -> None:
    assert Secret(SECRET).check_request(authorization, query) is accepted
    assert Receiver(lambda event: None, secret=SECRET).authorized(authorization, query) is accepted


def test_without_a_secret_every_request_is_accepted() -> None:
    assert Receiver(lambda event: None).authorized(None, None)


def test_every_comparison_goes_through_hmac_compare_digest(monkeypatch: pytest.MonkeyPatch) -> None:
    """By construction: the module compares secrets with nothing else, and over digests of
    equal length, so that neither the content nor the length of the secret shows in the timing."""
    calls: list[tuple[bytes, bytes]] = []
    original = hmac.compare_digest

    def spy(a: bytes, b: bytes) -> bool:
        calls.append((a, b))
        return original(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    secret = Secret(SECRET)
    for authorization, query in [
        (None, None),
        (_basic("u", "x"), None),
        (None, "token=" + "y" * 500),
        (_basic("u", SECRET), None),
        (_basic("u", "x"), f"token={SECRET}"),
    ]:
        before = len(calls)
        secret.check_request(authorization, query)
        assert len(calls) > before, (authorization, query)
    assert all(len(a) == len(b) == 32 for a, b in calls)
    # and the module holds no other way of comparing secrets
    source = open(auth.__file__, encoding="utf-8").read()
    assert source.count("compare_digest(") == 1 and "_value ==" not in source and "== self._value" not in source


def test_every_candidate_is_compared_whichever_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    original = hmac.compare_digest
    monkeypatch.setattr(auth.hmac, "compare_digest", lambda a, b: calls.append(1) or original(a, b))
    Secret(SECRET).check_request(_basic("u", SECRET), f"token=nope&token={SECRET}")
    assert len(calls) == 3


def test_the_secret_is_never_shown() -> None:
    secret = Secret(SECRET)
    receiver = Receiver(lambda event: None, secret=SECRET)
    app = wsgi_app(lambda event: None, secret=SECRET)
    for text in (repr(secret), str(secret), repr(receiver), repr(app), f"{secret}", f"{secret!r}"):
        assert SECRET not in text
    assert secret.value == SECRET
    with pytest.raises(TypeError):
        pickle.dumps(secret)


def test_callback_urls_are_redacted_by_the_sdk_redaction() -> None:
    for style in ("basic", "token"):
        url = callback_url("https://example.com/cb", SECRET, style=style)
        assert SECRET not in redact_url(url)
        assert SECRET not in redact_text(f"POST {url} failed: refused")
        assert SECRET not in redact_text(f"GET /cb?x=1&token={SECRET} HTTP/1.1")


def test_a_refused_delivery_logs_no_secret(caplog: pytest.LogCaptureFixture) -> None:
    receiver = Receiver(lambda event: None, secret=SECRET)
    with caplog.at_level(logging.DEBUG, logger="smtp.callbacks"):
        reply = receiver.receive(b"[]", authorization=_basic("u", SECRET + "x"), query_string=f"token={SECRET}z")
    assert reply.status == 401
    assert caplog.records and all(SECRET not in r.getMessage() for r in caplog.records)
    assert SECRET.encode() not in reply.body


@pytest.mark.parametrize("bad", ["", None, 5])
def test_an_empty_secret_is_refused(bad: object) -> None:
    with pytest.raises(ValueError):
        Secret(bad)  # type: ignore[arg-type]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.none(), st.text(max_size=80)), st.one_of(st.none(), st.text(max_size=80)))
def test_checking_any_request_never_raises(authorization: str | None, query: str | None) -> None:
    assert Secret(SECRET).check_request(authorization, query) in (True, False)
    if authorization is not None and query is not None:
        assert Secret(SECRET).check_request(authorization + " ", query + f"&token={SECRET}")

"""Real Django, configured once for the tests of ``smtp.django``, and a backend per sandbox.

The settings name the backend and a channel; ``django_sandbox`` points them (API key and host)
at the test's ``smtp_sandbox``. The callbacks view is served from the URLconf module
``smtp_django_test_urls``, made here.
"""

from __future__ import annotations

import sys
import types
from collections.abc import Iterator

import pytest

django = pytest.importorskip("django")

from django.conf import settings  # noqa: E402

URLCONF = "smtp_django_test_urls"
CALLBACK_SECRET = "callback-secret-for-tests"


def _configure() -> None:
    if settings.configured:
        return
    settings.configure(
        DEBUG=False,
        SECRET_KEY="tests-only",
        ALLOWED_HOSTS=["*"],
        INSTALLED_APPS=[],
        MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"],
        ROOT_URLCONF=URLCONF,
        USE_I18N=True,
        LANGUAGE_CODE="en",
        EMAIL_BACKEND="smtp.django.EmailBackend",
        DEFAULT_FROM_EMAIL="Shop <shop@example.com>",
        SERVER_EMAIL="server@example.com",
        ADMINS=[("Ops", "ops@example.com"), ("Dev", "dev@example.com")],
        EMAIL_SUBJECT_PREFIX="[Django] ",
        SMTPCOM_CHANNEL="sandbox",
        SMTPCOM_CALLBACK_SECRET=CALLBACK_SECRET,
    )
    django.setup()


_configure()


def _urls() -> types.ModuleType:
    module = types.ModuleType(URLCONF)
    module.urlpatterns = []  # type: ignore[attr-defined]
    try:
        from django.urls import path

        from smtp.django import views
    except ImportError:  # the callbacks view needs smtp.callbacks
        return module
    module.urlpatterns = [path("smtpcom/callbacks", views.callbacks)]  # type: ignore[attr-defined]
    return module


sys.modules.setdefault(URLCONF, _urls())


@pytest.fixture
def django_sandbox(smtp_sandbox, monkeypatch) -> Iterator:
    """The ``smtp_sandbox``, with the settings pointing the backend at it (and the
    environment variables of ``smtp.Client`` cleared, so that only the settings count)."""
    from django.test.utils import override_settings

    monkeypatch.delenv("SMTPCOM_API_KEY", raising=False)
    monkeypatch.delenv("SMTPCOM_HOST", raising=False)
    with override_settings(SMTPCOM_API_KEY=smtp_sandbox.api_key, SMTPCOM_HOST=smtp_sandbox.url):
        yield smtp_sandbox

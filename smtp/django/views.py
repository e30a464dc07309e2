"""``callbacks``: the view that receives SMTP.com callbacks and sends ``callback_event``.

::

    # urls.py
    from django.urls import path
    from smtp.django import views

    urlpatterns = [path("smtpcom/callbacks", views.callbacks)]

    # settings.py
    SMTPCOM_CALLBACK_SECRET = "..."          # smtp.callbacks.new_secret() makes one
    SMTPCOM_CALLBACK_DEDUPE = "/var/lib/mysite/smtpcom-events.db"   # optional

Register the URL that ``smtp.callbacks.callback_url("https://mysite.example/smtpcom/callbacks",
SECRET)`` returns. Parsing, the secret check (in constant time) and deduplication are
``smtp.callbacks``'s; this module only adapts them to Django:

=========================================  ======
case                                       answer
=========================================  ======
every new event signalled, duplicates not  200
wrong or missing secret                    401
not POST                                   405
malformed body                             400
body over the receiver's ``max_bytes``     413
a signal receiver raised                   500 (the service delivers again)
=========================================  ======

``SMTPCOM_CALLBACK_DEDUPE`` is a path (a ``smtp.callbacks.SQLiteDedupe`` file, which survives
restarts and is shared by the processes of a site) or any object with ``seen(event_id)`` and
``remember(event_id)``; by default each process remembers recent events in memory.
"""

from __future__ import annotations

import os
import threading
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from smtp.callbacks import CallbackEvent, Receiver, SQLiteDedupe
from smtp.django.signals import callback_event

__all__ = ["callbacks", "receiver"]

SETTING_SECRET = "SMTPCOM_CALLBACK_SECRET"
SETTING_DEDUPE = "SMTPCOM_CALLBACK_DEDUPE"

_lock = threading.Lock()
_receiver: Receiver | None = None
_current_request: ContextVar[HttpRequest | None] = ContextVar("smtp_django_callback_request", default=None)


def _signal(event: CallbackEvent) -> None:
    # send_robust would swallow a failure; send lets it reach the receiver, which answers 500
    callback_event.send(sender=callbacks, event=event, request=_current_request.get())


def _make_receiver() -> Receiver:
    secret = getattr(settings, SETTING_SECRET, None)
    if not secret:
        raise ImproperlyConfigured(
            f"the SMTP.com callbacks view needs {SETTING_SECRET} in your settings "
            "(smtp.callbacks.new_secret() makes one; register the URL smtp.callbacks.callback_url() builds)"
        )
    dedupe: Any = getattr(settings, SETTING_DEDUPE, None)
    if isinstance(dedupe, (str, os.PathLike)):
        dedupe = SQLiteDedupe(dedupe)
    try:
        return Receiver(_signal, secret=str(secret), dedupe=dedupe)
    except (TypeError, ValueError) as error:
        raise ImproperlyConfigured(f"{SETTING_SECRET} / {SETTING_DEDUPE}: {error}") from None


def receiver() -> Receiver:
    """The ``smtp.callbacks.Receiver`` the view uses, made from the settings on first use
    (and again after a test changes them)."""
    global _receiver
    with _lock:
        if _receiver is None:
            _receiver = _make_receiver()
        return _receiver


def _forget(*, setting: str, **kwargs: Any) -> None:
    global _receiver
    if setting in (SETTING_SECRET, SETTING_DEDUPE):
        with _lock:
            _receiver = None


setting_changed.connect(_forget, dispatch_uid="smtp.django.views.forget-receiver")


def _response(status: int, body: bytes, headers: Any = ()) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type="application/json")
    for name, value in headers:
        response[name] = value
    return response


@csrf_exempt
def callbacks(request: HttpRequest) -> HttpResponse:
    """Receive one callback delivery: check the secret, parse the batch, and send
    ``smtp.django.signals.callback_event`` once for each event not handled before."""
    if request.method != "POST":
        return _response(405, b'{"status":"fail","error":"callbacks are delivered with POST"}', [("Allow", "POST")])
    handler = receiver()
    if not handler.authorized(request.META.get("HTTP_AUTHORIZATION"), request.META.get("QUERY_STRING")):
        reply = handler.unauthorized()
        return _response(reply.status, reply.body, reply.headers)
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isascii() and declared.isdigit() and int(declared) > handler.max_bytes:
        reply = handler.too_large()
        return _response(reply.status, reply.body, reply.headers)
    body = request.read(handler.max_bytes + 1)  # not request.body: the receiver's limit applies, not Django's
    token = _current_request.set(request)
    try:
        reply = handler.deliver(body)
    finally:
        _current_request.reset(token)
    return _response(reply.status, reply.body, reply.headers)

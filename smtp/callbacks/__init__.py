"""Receiving the callbacks SMTP.com POSTs when something happens to a sent message (standard library only).

::

    from smtp.callbacks import SQLiteDedupe, callback_url, new_secret, wsgi_app

    secret = new_secret()                      # keep it in your settings
    url = callback_url("https://example.com/smtp-events", secret)   # register this URL

    def handle(event):                         # called once per new event
        print(event.event, event.rcpt_to, event.unique_args)

    app = wsgi_app(handle, secret=secret, dedupe=SQLiteDedupe("events.db"))

* :func:`parse` reads a delivery's body into :class:`CallbackEvent` values, or raises
  :class:`CallbackError`;
* :func:`callback_url` / :func:`new_secret` / :class:`Secret`: the shared secret in the URL
  (the service does not sign callbacks);
* :class:`MemoryDedupe`, :class:`SQLiteDedupe`, or any :class:`DedupeStore`: each event is
  handled once although the service may deliver it again;
* :func:`wsgi_app` (a WSGI application) and :class:`Receiver` (the same without WSGI, for other
  frameworks).

``smtp callbacks listen`` runs a receiver that prints what arrives.
"""

from smtp.callbacks._auth import Secret, callback_url, new_secret
from smtp.callbacks._dedupe import DedupeStore, MemoryDedupe, SQLiteDedupe
from smtp.callbacks._events import EVENTS, LABELS, CallbackError, CallbackEvent, event_name, parse
from smtp.callbacks._wsgi import DEFAULT_MAX_BYTES, CallbackApp, Receiver, Reply, wsgi_app

__all__ = [
    "CallbackApp",
    "CallbackError",
    "CallbackEvent",
    "DEFAULT_MAX_BYTES",
    "DedupeStore",
    "EVENTS",
    "LABELS",
    "MemoryDedupe",
    "Receiver",
    "Reply",
    "SQLiteDedupe",
    "Secret",
    "callback_url",
    "event_name",
    "new_secret",
    "parse",
    "wsgi_app",
]

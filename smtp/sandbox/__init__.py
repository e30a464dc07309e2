"""A local SMTP.com v4 API, for offline development and tests.

``Sandbox`` serves the three v4 endpoints of the Messages API (``GET /v4/messages``,
``POST /v4/messages``, ``POST /v4/messages/mime``) and every other v4 resource (channels, API
keys, account, domains and DKIM keys, alerts, callbacks, reports, statistics: see
``smtp.sandbox.resources``) with the service's authentication, rules and reply shapes,
stores what it accepts (in memory, or in a SQLite file), builds the MIME message of JSON
sends with the standard ``email`` package, and answers ``GET /v4/messages`` from a mailbox
simulator: addresses at ``simulator.test`` bounce, defer, draw a complaint, an open, a click
or an unsubscribe (see ``smtp.sandbox.events.MAILBOXES``); every other address is delivered.

Run it with ``python -m smtp.sandbox`` or embed it::

    from smtp.sandbox import Sandbox

    with Sandbox() as sandbox:
        print(sandbox.url)

Requests are checked with the SDK's own models and validation, so a request the sandbox
accepts is one the SDK considers valid, and the other way round. Standard library only.
"""

from smtp.sandbox.events import MAILBOXES, SIMULATOR_DOMAIN, Mailbox
from smtp.sandbox.server import Sandbox
from smtp.sandbox.store import StoredMessage

__all__ = ["MAILBOXES", "SIMULATOR_DOMAIN", "Mailbox", "Sandbox", "StoredMessage"]

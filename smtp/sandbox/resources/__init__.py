"""The sandbox's v4 resources beyond messages: account, alerts, API keys, callbacks, channels,
domains and DKIM keys, reports and statistics.

``ResourceRouter`` answers every operation declared in ``smtp.operations`` (other than the
Messages API's, which the server answers itself): it matches the request's method and path
against each ``Operation.path`` template, reads every parameter (path segments unescaped one
by one, so ``a%2Fb`` is one value; query parameters by their wire names), checks each with the
declaration's own ``Param.from_wire`` (the check the client applies before sending), and calls
the resource's handler, one module per resource. A refusal names every bad field at once, in
the service's 400 shape; an unknown id is a 404; each write is one transaction.
"""

from __future__ import annotations

import functools
import json
import time
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote

from smtp.operations import Operation
from smtp.operations import account as _account_ops
from smtp.operations import alerts as _alerts_ops
from smtp.operations import api_keys as _api_keys_ops
from smtp.operations import callbacks as _callbacks_ops
from smtp.operations import channels as _channels_ops
from smtp.operations import dkims as _dkims_ops
from smtp.operations import reports as _reports_ops
from smtp.operations import statistics as _statistics_ops
from smtp.sandbox.errors import Reject
from smtp.sandbox.resources import account, alerts, api_keys, callbacks, channels, domains, reports, statistics
from smtp.sandbox.resources._common import Call, Handler, Reply
from smtp.sandbox.resources.api_keys import key_state
from smtp.sandbox.resources.channels import channel_problem, seed_channels
from smtp.sandbox.store import Store

__all__ = ["OPERATIONS", "ResourceRouter", "channel_problem", "key_state"]

#: every operation the router answers, API by API
OPERATIONS: tuple[Operation, ...] = (
    *_account_ops.OPERATIONS,
    *_alerts_ops.OPERATIONS,
    *_api_keys_ops.OPERATIONS,
    *_callbacks_ops.OPERATIONS,
    *_channels_ops.OPERATIONS,
    *_dkims_ops.OPERATIONS,
    *_reports_ops.OPERATIONS,
    *_statistics_ops.OPERATIONS,
)

_HANDLERS: dict[str, Handler] = {
    **account.HANDLERS,
    **alerts.HANDLERS,
    **api_keys.HANDLERS,
    **callbacks.HANDLERS,
    **channels.HANDLERS,
    **domains.HANDLERS,
    **reports.HANDLERS,
    **statistics.HANDLERS,
}

_JSON = "application/json"
# the route of a report's download (outside /v4, like the other inspection endpoints)
_DOWNLOAD_PREFIX = "/sandbox/reports/"


def _segments(path: str) -> list[str]:
    """The segments of a path, without the empty ones a leading or trailing slash makes."""
    return [s for s in path.split("/") if s]


class _Route:
    """One declared operation with its path template split into segments (``None`` for a
    parameter's place)."""

    __slots__ = ("operation", "handler", "pattern", "names", "literals")

    def __init__(self, operation: Operation, handler: Handler) -> None:
        self.operation = operation
        self.handler = handler
        self.pattern: list[str | None] = []
        self.names: list[str] = []
        for segment in _segments(operation.path):
            if segment.startswith("{") and segment.endswith("}"):
                self.pattern.append(None)
                self.names.append(segment[1:-1])
            else:
                self.pattern.append(segment)
        #: more literal segments win (``/v4/callbacks/log`` over ``/v4/callbacks/{event}``)
        self.literals = sum(1 for s in self.pattern if s is not None)

    def match(self, segments: list[str]) -> dict[str, str] | None:
        """The path parameters' texts (unescaped) if ``segments`` fits this template."""
        if len(segments) != len(self.pattern):
            return None
        found: list[str] = []
        for want, got in zip(self.pattern, segments, strict=True):
            if want is None:
                found.append(unquote(got))
            elif want != got:
                return None
        return dict(zip(self.names, found, strict=True))


class ResourceRouter:
    """Routes and answers the resource operations over one ``Store``.

    :param store: where every resource is kept (the messages' store).
    :param channels: channel names to create at start (the sandbox's ``--channel``).
    :param clock: the time source (epoch seconds).
    """

    def __init__(self, store: Store, channels: Iterable[str] = (), clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock
        missing = [op.name for op in OPERATIONS if op.name not in _HANDLERS]
        if missing:
            raise RuntimeError(f"no sandbox handler for {', '.join(missing)}")
        self.routes = sorted((_Route(op, _HANDLERS[op.name]) for op in OPERATIONS), key=lambda route: -route.literals)
        seed_channels(store, channels, int(clock()))

    def route(
        self, method: str, raw_path: str
    ) -> tuple[Callable[[Mapping[str, list[str]], str], Reply] | None, list[str]]:
        """The answer of ``method`` on ``raw_path`` (the path as received, still %-escaped) as a
        function of the query and the ``Host`` header, or None and the methods the path allows
        (none: no resource lives there)."""
        if raw_path.startswith(_DOWNLOAD_PREFIX):
            name = unquote(raw_path[len(_DOWNLOAD_PREFIX) :])
            if method != "GET":
                return None, ["GET"]
            return (lambda query, host: reports.download(self.store, name)), ["GET"]
        segments = _segments(raw_path)
        allowed: list[str] = []
        for candidate in self.routes:
            texts = candidate.match(segments)
            if texts is None:
                continue
            if candidate.operation.method != method:
                if candidate.operation.method not in allowed:
                    allowed.append(candidate.operation.method)
                continue
            return functools.partial(self._answer, candidate, texts), [method]
        return None, sorted(allowed)

    def _answer(self, route: _Route, path_texts: dict[str, str], query: Mapping[str, list[str]], host: str) -> Reply:
        values, errors = read_params(route.operation, path_texts, query)
        if errors:
            raise Reject.bad_request(errors)
        base_url = f"http://{host or '127.0.0.1'}"
        result = route.handler(Call(self.store, values, self.clock, base_url))
        if isinstance(result, tuple):
            return result
        return 200, _JSON, json.dumps(result, ensure_ascii=False).encode("utf-8"), {}


def read_params(
    operation: Operation, path_texts: Mapping[str, str], query: Mapping[str, list[str]]
) -> tuple[dict[str, Any], dict[str, str]]:
    """Every declared parameter of a request, checked with ``Param.from_wire``: the values by
    Python name, and the problems by Python name (required ones missing, bad ones)."""
    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for param in operation.params:
        if param.location == "path":
            text = path_texts.get(param.name, "")
            given = [text] if text.strip() else []
        else:
            given = [v for v in query.get(param.wire_name, []) if v.strip()]
        if not given:
            if param.required:
                errors[param.name] = "is required"
            continue
        value, problem = param.from_wire(given)
        if problem is not None:
            errors[param.name] = problem
        else:
            values[param.name] = value
    return values, errors

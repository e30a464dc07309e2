"""The endpoints of the sandbox, without HTTP: authenticate, decode, check, store, answer.

Requests are decoded and validated by the SDK's own models (``InlineObject.from_dict``,
``shape_problem``, ``validate``) and the GET parameters are checked against the SDK's own
declaration of the operation (``V4_MESSAGES_GET``), so the sandbox and the client share one
definition of "valid". Only the server's concerns are added here: known channels, the
retention window, storage and the per-recipient items.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, TypeVar

from smtp.api.messages_api import V4_MESSAGES_GET
from smtp.api_client import Param, is_time_text
from smtp.exceptions import ApiTypeError
from smtp.models import InlineObject, InlineObject1
from smtp.models._base import Model
from smtp.sandbox.errors import Reject
from smtp.sandbox.events import Item, format_time, render_items
from smtp.sandbox.mime import Built, build_message, check_mime
from smtp.sandbox.resources import channel_problem, key_state
from smtp.sandbox.store import Store, StoredMessage

__all__ = ["RETENTION_DAYS", "SandboxApi", "retention_start"]

#: the service keeps events of the last 7 calendar days (UTC), today included
RETENTION_DAYS = 7
_DAY = 86400
_INT32_MAX = 2**31 - 1
_PRUNE_EVERY = 60.0

M = TypeVar("M", bound=Model)
Query = Mapping[str, list[str]]


def retention_start(now: float) -> float:
    """The oldest moment still kept: 00:00 UTC, ``RETENTION_DAYS`` days before today."""
    return (int(now) // _DAY - RETENTION_DAYS) * _DAY


def _success(data: Any) -> dict[str, Any]:
    return {"status": "success", "data": data}


def _epoch(text: str) -> float:
    """Epoch seconds of a valid time parameter: digits, or an RFC 2822 date (UTC when it has no zone)."""
    from email.utils import mktime_tz, parsedate_tz

    text = text.strip()
    if text.isdigit():
        return float(text)
    parsed = parsedate_tz(text)
    assert parsed is not None  # checked by is_time_text
    if parsed[9] is None:
        parsed = (*parsed[:9], 0)
    return float(mktime_tz(parsed))


class SandboxApi:
    """The sandbox's endpoints over one ``Store``.

    :param api_keys: the only keys accepted; when empty, any non-empty credential passes.
    :param channels: the only channels accepted; when empty, any channel name passes.
    :param clock: the time source (epoch seconds), replaceable in tests.
    """

    def __init__(
        self,
        store: Store,
        api_keys: Iterable[str] = (),
        channels: Iterable[str] = (),
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.api_keys = tuple(k.encode("utf-8") for k in api_keys)
        self.channels = frozenset(channels)
        self.clock = clock
        self._pruned = 0.0
        #: called with (channel, items) after a message is stored: callback delivery (smtp.sandbox.delivery)
        self.on_accept: Callable[[str, Sequence[Item]], None] | None = None

    # -- authentication -----------------------------------------------------------------
    def authorized(self, headers: Any, query: Query) -> bool:
        """Whether the request carries a credential and every credential it carries passes:
        header ``X-SMTPCOM-API``, query ``api_key``, or HTTP basic (its password, or its user
        name when the password is empty). ``headers`` is an ``email.message.Message``."""
        presented = [value.strip() for value in headers.get_all("X-SMTPCOM-API") or ()]
        presented += query.get("api_key", [])
        authorization = headers.get("Authorization")
        if authorization is not None:
            presented.append(_basic_secret(authorization))
        return bool(presented) and all(self._accepts(secret) for secret in presented)

    def _accepts(self, secret: str) -> bool:
        if not secret:
            return False
        state = key_state(self.store, secret)  # a key created (or revoked) through /v4/api_keys
        if state is not None:
            return state == "active"
        if not self.api_keys:
            return True
        given = secret.encode("utf-8")
        return any(hmac.compare_digest(given, key) for key in self.api_keys)

    # -- decoding with the SDK's models -------------------------------------------------
    def _decode(self, cls: type[M], data: Any) -> M:
        """``data`` as a valid ``cls``, or ``Reject`` (400) naming every bad field."""
        if not isinstance(data, dict):
            raise Reject.bad_request({"request": f"the body must be a JSON object, got {type(data).__name__}"})
        try:
            model = cls.from_dict(data)
        except ApiTypeError:
            problems = cls.shape_problems(data) or {"": f"does not fit {cls.__name__}"}
            raise Reject.bad_request({where or "request": problem for where, problem in problems.items()}) from None
        errors = model.validate()
        channel = data.get("channel")
        if "channel" not in errors and isinstance(channel, str):
            unknown = channel_problem(self.store, channel)  # once any channel exists, only those
            if unknown:
                errors["channel"] = unknown
        if errors:
            raise Reject.bad_request(errors)
        return model

    # -- the three operations -----------------------------------------------------------
    def post_message(self, data: Any) -> dict[str, Any]:
        """``POST /v4/messages``: build the MIME message of an ``InlineObject`` and store it."""
        request = self._decode(InlineObject, data)
        msg_id, created = uuid.uuid4().hex, self.clock()
        return self._accept(msg_id, created, request.channel, build_message(request, msg_id, created), "json")  # type: ignore[arg-type]

    def post_mime(self, data: Any) -> dict[str, Any]:
        """``POST /v4/messages/mime``: store the prepared MIME of an ``InlineObject1`` as given."""
        request = self._decode(InlineObject1, data)
        return self._accept(uuid.uuid4().hex, self.clock(), request.channel, check_mime(request), "mime")  # type: ignore[arg-type]

    def _accept(self, msg_id: str, created: float, channel: str, built: Built, source: str) -> dict[str, Any]:
        items = render_items(
            msg_id, created, channel, built.mail_from, built.subject, built.recipients, built.smtp_vars
        )
        self.store.add(
            StoredMessage(
                msg_id, channel, built.mail_from, built.recipients, built.subject, created, source, built.raw
            ),
            items,
        )
        if self.on_accept is not None:
            self.on_accept(channel, items)
        if created - self._pruned > _PRUNE_EVERY:
            self._pruned = created
            self.store.prune(retention_start(created))
        return _success({"msg_id": msg_id})

    def get_messages(self, query: Query) -> bytes:
        """``GET /v4/messages``: one page of items, as the JSON bytes of a ``MessagesResponse``."""
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for param in V4_MESSAGES_GET.params:
            given = [v for v in query.get(param.wire_name, []) if v.strip()]
            if not given:
                if param.required:
                    errors[param.name] = "is required"
                continue
            value, problem = _query_value(param, given)
            if problem:
                errors[param.name] = problem
            else:
                values[param.name] = value
        channel = values.get("channel")
        if self.channels and channel is not None and channel not in self.channels:
            errors["channel"] = f"unknown channel {channel!r}"
        now = self.clock()
        end = values.get("end", now)
        if "start" in values and "end" in values and end < values["start"]:
            errors["end"] = "is before start"
        if errors:
            raise Reject.bad_request(errors)
        start = max(values["start"], retention_start(now))
        rows = self.store.items(
            channel,  # type: ignore[arg-type]
            start,
            end + 1,
            values.get("event", ()),
            values.get("msg_id"),
            values["limit"],
            values["offset"],
        )
        return b'{"status":"success","data":{"items":[' + b",".join(rows) + b"]}}"

    # -- inspection ---------------------------------------------------------------------
    def list_messages(self, query: Query) -> dict[str, Any]:
        """The envelope of every stored message (of ``?channel=``, when given)."""
        channel = query.get("channel", [None])[-1]
        return _success({"messages": self.store.summaries(channel)})

    def message(self, msg_id: str) -> StoredMessage:
        """One stored message, or ``Reject`` (404)."""
        found = self.store.message(msg_id)
        if found is None:
            raise Reject(404, {"msg_id": f"no message {msg_id!r} is stored"})
        return found

    def message_details(self, msg_id: str) -> dict[str, Any]:
        """One message: its envelope, its headers and the items of its recipients."""
        found = self.message(msg_id)
        data = found.summary()
        data["created_rfc2822"] = format_time(found.created)
        data["structure"] = found.outline()
        data["headers"] = [[name, str(value)] for name, value in found.message.items()]
        data["items"] = [json.loads(item) for item in self.store.items_of(msg_id)]
        return _success(data)

    def delete_all(self) -> dict[str, Any]:
        """Delete every stored message."""
        return _success({"deleted": self.store.delete_all()})


def _basic_secret(authorization: str) -> str:
    """The secret of a basic ``Authorization`` header (empty when it is not one)."""
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "basic":
        return ""
    try:
        user, _, password = base64.b64decode(token.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, ValueError):
        return ""
    return password or user


def _query_value(param: Param, given: list[str]) -> tuple[Any, str | None]:
    """A query parameter's value checked against its declaration, or the problem with it."""
    if param.kind == "enum":
        bad = [v for v in given if v not in param.enum]
        if bad:
            return None, f"{bad[0]!r} is not one of {', '.join(param.enum)}"
        return tuple(given), None
    if len(given) > 1:
        return None, "must be given once"
    text = given[0].strip()
    if param.kind == "time":
        if not is_time_text(text):
            return None, f"{text[:60]!r} is neither an RFC 2822 date nor a UNIX epoch"
        return _epoch(text), None
    if param.kind == "int":
        low, high = param.minimum, min(param.maximum if param.maximum is not None else _INT32_MAX, _INT32_MAX)
        bounds = f"between {low} and {high}" if low is not None else f"at most {high}"
        try:
            number = int(text)
        except ValueError:
            return None, f"must be an integer {bounds}"
        if (low is not None and number < low) or number > high:
            return None, f"must be {bounds}"
        return number, None
    return text, None

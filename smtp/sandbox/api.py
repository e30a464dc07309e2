"""The endpoints of the sandbox, without HTTP: authenticate, decode, check, store, answer.

Requests are decoded and validated by the SDK's own models (``InlineObject.from_dict``,
``shape_problems``, ``validate``) and the GET parameters by the operation's own declaration
(``smtp.operations.messages.V4_MESSAGES_GET``, ``Param.from_wire``), so the sandbox and the client
share one definition of "valid", in the same words. Only public model API is used, and nothing of
the HTTP client: the sandbox stands on the operations, models and validation layers alone. Only
the server's concerns are added here: known channels, the retention window, storage and the
per-recipient items.
"""

from __future__ import annotations

import base64
import binascii
import hmac
import json
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

from smtp.exceptions import ApiTypeError
from smtp.models import InlineObject, InlineObject1
from smtp.operations.messages import V4_MESSAGES_GET
from smtp.sandbox.errors import Reject
from smtp.sandbox.events import Item, format_time, render_items
from smtp.sandbox.mime import Built, build_message, check_mime
from smtp.sandbox.resources import channel_problem, key_state
from smtp.sandbox.store import Store, StoredMessage

__all__ = ["RETENTION_DAYS", "SandboxApi", "retention_start"]

#: the service keeps events of the last 7 calendar days (UTC), today included
RETENTION_DAYS = 7
_DAY = 86400
_PRUNE_EVERY = 60.0


class _Decodable(Protocol):
    """The public face of a request model that the sandbox uses."""

    @classmethod
    def from_dict(cls, data: Any) -> Any: ...

    @classmethod
    def shape_problems(cls, data: Any) -> dict[str, str]: ...

    def validate(self) -> dict[str, str]: ...


M = TypeVar("M", bound=_Decodable)
Query = Mapping[str, list[str]]


def retention_start(now: float) -> float:
    """The oldest moment still kept: 00:00 UTC, ``RETENTION_DAYS`` days before today."""
    return (int(now) // _DAY - RETENTION_DAYS) * _DAY


def _success(data: Any) -> dict[str, Any]:
    return {"status": "success", "data": data}


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
        return bool(presented) and all(self.accepts(secret) for secret in presented)

    def accepts(self, secret: str) -> bool:
        """Whether ``secret`` is a key this sandbox accepts."""
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
            unknown = channel_problem(self.store, channel, self.channels)  # once any channel exists, only those
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
            value, problem = param.from_wire(given)
            if problem is not None:
                errors[param.name] = problem
            else:
                values[param.name] = value
        channel = values.get("channel")
        unknown = channel_problem(self.store, channel, self.channels) if channel is not None else None
        if unknown:
            errors["channel"] = unknown
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

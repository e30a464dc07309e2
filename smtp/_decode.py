"""Reply decoding: a reply's body, read as JSON and checked, becomes the model (or value) an
operation promises.

One place for each step: ``load_json`` reads the body, ``model_named`` finds a model class by
name, ``check_envelope`` refuses JSON that is not a reply of the service, ``decode_reply`` runs
them in order. Every body that does not fit is an ``UnexpectedResponseError`` with the reply
attached, never an empty model, a bare ``ValueError`` or a ``TypeError``.
"""

from __future__ import annotations

import gc
import json
from typing import Any

from smtp import models as _models
from smtp.exceptions import ApiTypeError, UnexpectedResponseError
from smtp.models._base import Model, decode_or_raise

__all__ = ["check_envelope", "decode_reply", "decode_value", "load_json", "model_named"]

#: replies at least this long are read with the garbage collector paused (see ``decode_reply``)
PAUSE_GC_BYTES = 1 << 16

_NATIVE = {"str": str, "int": int, "float": float, "bool": bool}

#: ``json.loads(text)`` without the leading-whitespace and trailing-data checks: ``(value, end)``
_scan_json = json.JSONDecoder().raw_decode

#: model classes by name, and None for a name that is not a model (filled on first use)
_MODELS_BY_NAME: dict[str, type[Model] | None] = {}


def model_named(name: str) -> type[Model] | None:
    """The model class called ``name`` (``smtp.models.<name>``), or None if there is none."""
    try:
        return _MODELS_BY_NAME[name]
    except KeyError:
        pass
    found = getattr(_models, name, None)
    model = found if isinstance(found, type) and issubclass(found, Model) else None
    _MODELS_BY_NAME[name] = model
    return model


def load_json(response: Any) -> Any:
    """The JSON value of a reply's body; a wrong content type, an empty body or text that is not
    JSON raises ``UnexpectedResponseError``."""
    content_type = response.getheader("Content-Type") or ""
    if content_type and "json" not in content_type.lower():
        raise UnexpectedResponseError(response, f"Content-Type is {content_type[:80]!r}, not JSON")
    raw = response.data
    if not raw:
        raise UnexpectedResponseError(response, "the body is empty")
    try:
        if raw[:1] == b"{" and raw[1:2] != b"\x00":  # a UTF-8 object: what json.loads does, less its detours
            text = raw.decode("utf-8", "surrogatepass")
            try:
                data, end = _scan_json(text)
            except ValueError:
                data, end = None, -1  # let json.loads say what is wrong
            if end == len(text) or (end > 0 and not text[end:].strip(" \t\n\r")):
                return data
        return json.loads(raw)
    except ValueError as error:
        raise UnexpectedResponseError(response, f"invalid JSON ({error})") from None
    except RecursionError:
        raise UnexpectedResponseError(response, "JSON nested too deeply") from None


def check_envelope(data: Any, model: type[Model], response: Any) -> None:
    """Refuse a reply object that is not a success of the service: one with none of its model's
    keys (a proxy's or a wrong server's JSON would otherwise decode into an empty model), or one
    whose ``status`` says ``fail`` although the HTTP status is a success."""
    if type(data) is not dict:
        return
    keys = model.attribute_map.values()
    if data.keys().isdisjoint(keys):
        raise UnexpectedResponseError(
            response, f"a JSON object with none of the fields of {model.__name__} ({', '.join(keys)})"
        )
    if data.get("status") == "fail" and "status" in keys:
        raise UnexpectedResponseError(response, "the reply's status is 'fail' although the HTTP status is a success")


def decode_reply(response: Any, response_type: str | type | None) -> Any:
    """The model (or value) of type ``response_type`` read from a reply's JSON body."""
    if response_type is None:
        return None
    if response_type == "file":
        return response.data
    # A large reply is parsed and decoded with the cyclic garbage collector paused: every
    # object made on the way is kept (the JSON tree until the models are built, the models
    # after), so a collection finds nothing to free, yet CPython would run dozens of them,
    # each walking every live object, for a 1000-item page. Then one young collection runs.
    paused = len(response.data or b"") >= PAUSE_GC_BYTES and gc.isenabled()
    if paused:
        gc.disable()
    try:
        data = load_json(response)
        if isinstance(response_type, str):
            model = model_named(response_type)
        else:
            model = response_type if isinstance(response_type, type) and issubclass(response_type, Model) else None
        if model is not None:  # the usual case: a model named by the operation
            check_envelope(data, model, response)
            return decode_or_raise(model, data, response)
        return decode_value(data, response_type, response)
    finally:
        if paused:
            gc.enable()
            gc.collect(0)  # the collection the pause deferred, here rather than in the caller's next allocation


def decode_value(data: Any, klass: str | type, response: Any) -> Any:
    """A JSON value as ``klass``: a model name, ``list[...]``, ``dict(str, ...)``, ``object``,
    ``date``, ``datetime`` or a native type name."""
    if not isinstance(klass, str):
        if isinstance(klass, type) and issubclass(klass, Model):
            return decode_or_raise(klass, data, response)
        return data
    model = model_named(klass)
    if model is not None:
        return decode_or_raise(model, data, response)
    if data is None:
        return None
    if klass.startswith("list["):
        inner = klass[5:-1]
        _expect(data, list, klass, response)
        return [decode_value(item, inner, response) for item in data]
    if klass.startswith("dict("):
        inner = klass[5:-1].split(",", 1)[1].strip()
        _expect(data, dict, klass, response)
        return {k: decode_value(v, inner, response) for k, v in data.items()}
    if klass == "object":
        return data
    if klass in ("date", "datetime"):
        return _parse_time(data, klass, response)
    native = _NATIVE.get(klass)
    if native is None:
        raise ApiTypeError(f"Unknown response type {klass!r}")
    try:
        return native(data)
    except (TypeError, ValueError, OverflowError):
        raise UnexpectedResponseError(response, f"expected {klass}, got {data!r}") from None


def _expect(data: Any, kind: type, klass: str, response: Any) -> None:
    if not isinstance(data, kind):
        raise UnexpectedResponseError(response, f"expected {klass}, got {type(data).__name__}")


def _parse_time(data: Any, klass: str, response: Any) -> Any:
    """A ``date`` or ``datetime`` of a reply (ISO 8601 text, as the generated SDK reads it)."""
    from dateutil.parser import parse

    try:
        parsed = parse(data)
    except (TypeError, ValueError, OverflowError):
        raise UnexpectedResponseError(response, f"{data!r} is not a {klass}") from None
    return parsed.date() if klass == "date" else parsed

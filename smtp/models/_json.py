"""JSON writing for the models: ``to_json`` (plain JSON values), ``json_text`` (compact text)
and ``json_body`` (a model's request body, checked and written in one pass).

Below the plans and the base: models are recognised by the marker class ``JsonModel``, which
``Model`` derives from; their ``_encode``, ``_write`` and ``_write_checked`` are the plans.
"""

from __future__ import annotations

from collections.abc import Callable
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

from smtp.exceptions import ApiTypeError

__all__ = ["JsonModel", "to_json", "json_text", "json_body", "LARGE_TEXT", "LargeText", "encode_basestring"]


class JsonModel:
    """The marker base of every model, for the writers here (see ``smtp.models._base.Model``)."""

    __slots__ = ()

    def _encode(self) -> dict[str, Any]:  # pragma: no cover - every model has its compiled plan
        raise NotImplementedError

    def _write(self, write: Callable[[Any], Any]) -> None:  # pragma: no cover
        raise NotImplementedError

    def _write_checked(self, write: Callable[[Any], Any]) -> bool:  # pragma: no cover
        raise NotImplementedError


_JSON_SCALARS = (float, bool, bytes, str, int)


def to_json(obj: Any) -> Any:
    """``obj`` as plain JSON values: models become dicts keyed by JSON names with ``None``
    fields left out, lists and dicts are converted item by item, dates become ISO 8601 text."""
    if obj is None or isinstance(obj, _JSON_SCALARS):
        return obj
    if isinstance(obj, JsonModel):
        return obj._encode()
    if isinstance(obj, list):
        return [to_json(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(to_json(v) for v in obj)
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    import datetime

    if isinstance(obj, (datetime.datetime, datetime.date)):
        return obj.isoformat()
    raise ApiTypeError(f"Cannot encode a {type(obj).__name__} as JSON")


def _json_text_function() -> Callable[[Any], str]:
    """``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` without its per-call
    setup: json's C encoder built once with those options (and no cycle check: the values it
    gets are fresh trees from ``to_json``). The plain ``json.dumps`` where the C part is missing."""
    import json

    encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
    try:
        from json.encoder import c_make_encoder  # type: ignore[attr-defined]

        scan = c_make_encoder(None, encoder.default, encode_basestring, None, ":", ",", False, False, True)
    except (ImportError, TypeError):  # pragma: no cover - a Python without the _json module
        return encoder.encode
    join = "".join

    def json_text(value: Any) -> str:
        return join(scan(value, 0))

    return json_text


#: a JSON value as compact text, exactly as ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))``
json_text = _json_text_function()

#: texts at least this long are escaped into the request body slice by slice (a 10 MB MIME
#: message, an attachment), so that the body is the only full-size copy made of them
LARGE_TEXT = 1 << 16
_SLICE = 1 << 18


class LargeText:
    """A large text in the parts of a request body, escaped only when the body is assembled."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def json_body(model: JsonModel, check: bool = True) -> bytes | None:
    """The request body of ``model``: its ``to_json`` as compact UTF-8 JSON, exactly the bytes
    of ``json.dumps(to_json(model), ensure_ascii=False, separators=(",", ":")).encode()``.

    With ``check`` the model's validity check runs in the same pass, and the answer is None when
    it does not certainly pass (``validate()`` then says why, if at all). The text is written
    straight from the fields (keys escaped once, at compile time); a text of ``LARGE_TEXT``
    characters or more is escaped slice by slice into the final buffer.
    """
    parts: list[Any] = []
    if check:
        if not model._write_checked(parts.append):
            return None
    else:
        model._write(parts.append)
    try:
        return "".join(parts).encode("utf-8")
    except TypeError:  # a LargeText among the parts
        pass
    import io

    out = io.BytesIO()
    pending: list[str] = []
    for part in parts:
        if type(part) is str:
            pending.append(part)
            continue
        out.write("".join(pending).encode("utf-8"))
        pending = []
        text = part.text
        out.write(b'"')
        for start in range(0, len(text), _SLICE):
            out.write(encode_basestring(text[start : start + _SLICE])[1:-1].encode("utf-8"))
        out.write(b'"')
    out.write("".join(pending).encode("utf-8"))
    return out.getvalue()

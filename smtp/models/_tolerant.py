"""Where the service's replies disagree with its own schema: a model's decoder can be told to
accept what the service really sends.

``accept(cls, normalize)`` makes ``cls._decode`` (and so ``from_dict`` and reply decoding) run
``normalize`` on the JSON object first; ``normalize`` returns the object unchanged or a fixed
copy, never changing what it was given, and leaves anything that is not a JSON object alone, so
that a reply of the wrong shape still fails the usual way. A model decoded inside another one is
decoded inline by its container's plan, so each container that holds a tolerant model gets a
``normalize`` of its own that fixes the nested object.

The disagreements handled this way: a report's ``progress`` sent as a percentage text such as
``"100%"`` where the schema says integer (``smtp.models.reports``); the account's creation time
sent as ``date_created`` where the schema says ``date created`` (``smtp.models.account``); an
API key sent wrapped in ``{"status": ..., "data": {...}}`` with ``description`` where the schema
is flat with ``descrption`` (``smtp.models.api_keys``); a channel sent as ``{"items": [...]}``
where the schema has the channel itself (``smtp.models.channels``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["accept", "alias", "percent", "fix_field", "fix_items", "chain", "lift", "first_item"]

Normalize = Callable[[Any], Any]


def accept(cls: type, normalize: Normalize) -> None:
    """Have ``cls``'s decoder run ``normalize`` on each JSON object before decoding it."""
    compiled: list[Callable[[Any], Any]] = []

    def decode(data: Any) -> Any:
        if not compiled:
            from smtp.models._plans import COMPILERS

            compiled.append(COMPILERS["_decode"](cls))
        return compiled[0](normalize(data))

    type.__setattr__(cls, "_decode", staticmethod(decode))


def alias(key: str, other: str) -> Normalize:
    """A ``normalize`` that reads JSON key ``other`` as ``key`` when only ``other`` is present."""

    def normalize(data: Any) -> Any:
        if isinstance(data, dict) and key not in data and other in data:
            data = dict(data)
            data[key] = data[other]
        return data

    return normalize


def percent(key: str) -> Normalize:
    """A ``normalize`` that reads a percentage text such as ``"100%"`` at ``key`` as the integer."""

    def normalize(data: Any) -> Any:
        if isinstance(data, dict):
            value = data.get(key)
            if isinstance(value, str):
                text = value.strip().removesuffix("%").strip()
                if text.isascii() and text.isdigit():
                    data = dict(data)
                    data[key] = int(text)
        return data

    return normalize


def fix_field(key: str, inner: Normalize) -> Normalize:
    """A ``normalize`` that applies ``inner`` to the object at ``key``."""

    def normalize(data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get(key), dict):
            fixed = inner(data[key])
            if fixed is not data[key]:
                data = dict(data)
                data[key] = fixed
        return data

    return normalize


def fix_items(key: str, inner: Normalize) -> Normalize:
    """A ``normalize`` that applies ``inner`` to each item of the list at ``key``."""

    def normalize(data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get(key), list):
            items = data[key]
            fixed = [inner(item) for item in items]
            if any(new is not old for new, old in zip(fixed, items, strict=True)):
                data = dict(data)
                data[key] = fixed
        return data

    return normalize


def chain(*steps: Normalize) -> Normalize:
    """A ``normalize`` that applies ``steps`` in order."""

    def normalize(data: Any) -> Any:
        for step in steps:
            data = step(data)
        return data

    return normalize


def lift(key: str, marker: str) -> Normalize:
    """A ``normalize`` for a flat schema that the service wraps: when ``marker`` is missing and the
    object at ``key`` is a JSON object, its members are read at the top (they win over the wrapper's)."""

    def normalize(data: Any) -> Any:
        if isinstance(data, dict) and marker not in data and isinstance(data.get(key), dict):
            inner = data[key]
            data = {k: v for k, v in data.items() if k != key}
            data.update(inner)
        return data

    return normalize


def first_item(key: str) -> Normalize:
    """A ``normalize`` for one object that the service sends as a one-item list ``{key: [object]}``:
    the object itself is read."""

    def normalize(data: Any) -> Any:
        if isinstance(data, dict) and set(data) == {key}:
            items = data[key]
            if isinstance(items, list) and len(items) == 1 and isinstance(items[0], dict):
                return items[0]
        return data

    return normalize

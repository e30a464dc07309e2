"""Where the service's replies disagree with its own schema: a model's decoder can be told to
accept what the service really sends.

``accept(cls, normalize)`` makes ``cls._decode`` (and so ``from_dict`` and reply decoding) run
``normalize`` on the JSON object first; ``normalize`` returns the object unchanged or a fixed
copy, never changing what it was given, and leaves anything that is not a JSON object alone, so
that a reply of the wrong shape still fails the usual way. It is the model's ``_normalize``, which
every decoding path applies, the plans of the models that contain it included.

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

__all__ = ["accept", "alias", "percent", "chain", "lift", "first_item"]

Normalize = Callable[[Any], Any]


def accept(cls: type, normalize: Normalize) -> None:
    """Have every decoder of ``cls`` (the fast plan and the plain walk) run ``normalize`` on each
    JSON object before decoding it."""
    type.__setattr__(cls, "_normalize", staticmethod(normalize))


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

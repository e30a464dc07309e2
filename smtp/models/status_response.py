"""``StatusResponse``: the reply of the operations that answer only with a status."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from typing import Any

from smtp.models._base import Model, field

__all__ = ["StatusResponse"]


class StatusResponse(Model):
    """A reply that carries only a status (and an object that is usually empty)."""

    status: str | None = field("Request status")
    data: dict[str, Any] | None = field("Whatever else the service says; usually empty")

"""What the generated SDK's ``ApiClient`` had that this SDK does not use itself, kept so that
drop-in code calling it keeps working. Nothing on the request path calls into this module.

``ApiClient`` inherits ``GeneratedClientMixin``: ``PRIMITIVE_TYPES``, ``NATIVE_TYPES_MAPPING``,
``select_header_accept``, ``select_header_content_type``, ``parameters_to_tuples`` and
``request`` (one request straight through the transport, no decoding).
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from smtp.models._base import to_json

if TYPE_CHECKING:  # pragma: no cover
    from smtp.rest import RESTClientObject

__all__ = ["GeneratedClientMixin", "_to_json", "expand_collections"]

#: the generated module's name for ``smtp.models._base.to_json``
_to_json = to_json


def expand_collections(
    params: Mapping[str, Any] | Sequence[tuple[str, Any]], collection_formats: Mapping[str, str] | None
) -> list[tuple[str, Any]]:
    """Parameters as ``(name, value)`` pairs, lists expanded by their collection format
    (``multi`` repeats the name; ``csv``, ``ssv``, ``tsv``, ``pipes`` join the values), as
    ``ApiClient.call_api`` takes them."""
    out: list[tuple[str, Any]] = []
    formats = collection_formats or {}
    items = params.items() if isinstance(params, Mapping) else params
    separators = {"ssv": " ", "tsv": "\t", "pipes": "|", "csv": ","}
    for name, value in items:
        fmt = formats.get(name)
        if fmt and isinstance(value, (list, tuple)):
            if fmt == "multi":
                out.extend((name, v) for v in value)
            else:
                out.append((name, separators.get(fmt, ",").join(str(v) for v in value)))
        else:
            out.append((name, value))
    return out


class GeneratedClientMixin:
    """The generated ``ApiClient``'s helpers that nothing in this SDK calls."""

    rest_client: RESTClientObject

    PRIMITIVE_TYPES = (float, bool, bytes, str, int)
    NATIVE_TYPES_MAPPING = {
        "int": int,
        "long": int,
        "float": float,
        "str": str,
        "bool": bool,
        "date": datetime.date,
        "datetime": datetime.datetime,
        "object": object,
    }

    def select_header_accept(self, accepts: Sequence[str]) -> str | None:
        """The ``Accept`` header for a list of media types (JSON when offered)."""
        if not accepts:
            return None
        for accept in accepts:
            if accept.lower() == "application/json":
                return accept
        return ", ".join(accepts)

    def select_header_content_type(self, content_types: Sequence[str]) -> str:
        """The ``Content-Type`` header for a list of media types (JSON when offered)."""
        if not content_types:
            return "application/json"
        for content_type in content_types:
            if content_type.lower() in ("application/json", "*/*"):
                return "application/json"
        return content_types[0]

    def parameters_to_tuples(
        self, params: Mapping[str, Any] | Sequence[tuple[str, Any]], collection_formats: Mapping[str, str] | None
    ) -> list[tuple[str, Any]]:
        """Parameters as ``(name, value)`` pairs (see ``expand_collections``)."""
        return expand_collections(params, collection_formats)

    def request(
        self,
        method: str,
        url: str,
        query_params: Any = None,
        headers: Any = None,
        post_params: Any = None,
        body: Any = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
    ) -> Any:
        """Send one request through the transport (kept for generated-code compatibility)."""
        return self.rest_client.request(
            method,
            url,
            query_params=query_params,
            headers=headers,
            post_params=post_params,
            body=body,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
        )

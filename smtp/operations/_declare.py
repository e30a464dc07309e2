"""The shape of a declaration: ``Param`` and ``Operation``, and the one parameter check that the
client (before sending) and the sandbox (on receiving) both apply, with the same words."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from smtp._time import parse_time, time_problem

__all__ = ["INT32_MAX", "Operation", "Param"]

#: the largest integer a query parameter may hold (the API document types them int32)
INT32_MAX = 2**31 - 1


class Param:
    """One parameter of an operation, declared as data.

    ``kind`` says how a value is checked and encoded: ``str``, ``int``, ``bool``, ``float``,
    ``time`` (an RFC 2822 string, an epoch number or an aware ``datetime``, sent as given or as
    epoch seconds), ``enum`` (a string, or where ``many`` a list of strings, from ``enum``) or
    ``body`` (a model of class ``model``, sent as JSON). ``location`` is ``query``, ``path`` or
    ``body``; ``wire_name`` is the name on the wire where it differs from the Python name.
    """

    __slots__ = (
        "name",
        "kind",
        "required",
        "doc",
        "minimum",
        "maximum",
        "enum",
        "model",
        "wire_name",
        "location",
        "many",
    )

    def __init__(
        self,
        name: str,
        kind: str,
        doc: str,
        required: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
        enum: Sequence[str] = (),
        model: str | None = None,
        wire_name: str | None = None,
        location: str | None = None,
        many: bool | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.doc = doc
        self.required = required
        self.minimum = minimum
        self.maximum = maximum
        self.enum = tuple(enum)
        self.model = model
        self.wire_name = wire_name or name
        self.location = location or ("body" if kind == "body" else "query")
        #: whether a list of values is allowed (sent as repeated parameters); enums on the query by default
        self.many = (kind == "enum" and self.location == "query") if many is None else many

    @property
    def type_name(self) -> str:
        """The type as the generated documentation spells it."""
        if self.kind == "body":
            return str(self.model)
        return self.kind if self.kind in ("int", "bool", "float") else "str"

    @property
    def bounds(self) -> str:
        """The allowed range of an ``int`` parameter, in words."""
        high = INT32_MAX if self.maximum is None else self.maximum
        return f"between {self.minimum} and {high}" if self.minimum is not None else f"at most {high}"

    def type_problem(self, value: Any) -> str | None:
        """What is wrong with the Python type of a value (an ``ApiTypeError`` on the client), or None."""
        kind = self.kind
        if kind == "int":
            return None if isinstance(value, int) and not isinstance(value, bool) else "must be an integer"
        if kind == "bool":
            return None if isinstance(value, bool) else "must be True or False"
        if kind == "float":
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            return None if ok else "must be a number"
        if kind == "enum":
            items = [value] if isinstance(value, str) else value
            if not self.many:
                return None if isinstance(value, str) else "must be a string"
            if not isinstance(items, (list, tuple)) or not items or not all(isinstance(i, str) for i in items):
                return "must be a string or a non-empty list of strings"
            return None
        if kind == "str":
            return None if isinstance(value, str) else "must be a string"
        if kind == "time":
            import datetime

            ok = isinstance(value, (str, int, float, datetime.datetime)) and not isinstance(value, bool)
            return None if ok else "must be an RFC 2822 string, an epoch number or an aware datetime"
        return None

    def problem(self, value: Any) -> str | None:
        """What is wrong with a value of this parameter (type or value), in words that name no
        field, or None. The client raises it before sending; the sandbox answers it with a 400."""
        found = self.type_problem(value)
        if found is not None:
            return found
        kind = self.kind
        if kind == "int":
            high = INT32_MAX if self.maximum is None else self.maximum
            if (self.minimum is not None and value < self.minimum) or value > high:
                return f"must be {self.bounds}"
        elif kind == "float":
            import math

            if not math.isfinite(value):
                return "must be a finite number"
            if self.enum and value not in [float(item) for item in self.enum]:
                return f"{value!r} is not one of {', '.join(self.enum)}"
        elif kind == "enum":
            for item in [value] if isinstance(value, str) else value:
                if item not in self.enum:
                    return f"{item[:60]!r} is not one of {', '.join(self.enum)}"
        elif kind == "str":
            if self.required and not value.strip():
                return "must not be empty"
        elif kind == "time":
            return time_problem(value)
        return None

    def from_wire(self, given: Sequence[str]) -> tuple[Any, str | None]:
        """The value of this parameter as received on the wire (each occurrence's text), checked
        with ``problem``: ``(value, None)`` or ``(None, problem)``. A ``time`` value is its moment
        in epoch seconds (``smtp._time.parse_time``). Used by the sandbox."""
        if self.many:
            values: Any = tuple(given)
        elif len(given) > 1:
            return None, "must be given once"
        else:
            text = given[0].strip()
            values = text
            if self.kind == "int":
                digits = text[1:] if text[:1] == "-" else text
                if not (digits.isascii() and digits.isdigit()):
                    return None, f"must be an integer {self.bounds}"
                if len(digits) > 18:  # far out of range: no need to build a huge int
                    return None, f"must be {self.bounds}"
                values = int(text)
            elif self.kind == "float":
                try:
                    values = float(text) if text.isascii() else None
                except ValueError:
                    values = None
                if values is None:
                    return None, "must be a number"
            elif self.kind == "bool":
                if text not in ("True", "False", "true", "false"):
                    return None, "must be True or False"
                values = text in ("True", "true")
            elif self.kind == "time":  # its value is its moment, in epoch seconds
                epoch, problem = parse_time(text)
                return (None, problem) if epoch is None else (epoch, None)
        problem = self.problem(values)
        return (None, problem) if problem is not None else (values, None)


class Operation:
    """One API operation, declared as data by the operations layer and carried out by the client
    core (or answered by the sandbox)."""

    __slots__ = (
        "name",
        "method",
        "path",
        "params",
        "response_type",
        "summary",
        "description",
        "auth",
        "responses",
        "names",
        "body",
        "api",
    )

    def __init__(
        self,
        name: str,
        method: str,
        path: str,
        params: Sequence[Param],
        response_type: str,
        summary: str,
        description: str = "",
        auth: Sequence[str] = ("apiID", "apiKey", "basicAuth"),
        responses: Sequence[tuple[int, str]] = (),
        api: str = "",
    ) -> None:
        self.name = name
        self.method = method
        self.path = path
        self.params = tuple(params)
        self.response_type = response_type
        self.summary = summary
        self.description = description
        self.auth = tuple(auth)
        self.responses = tuple(responses)
        #: the API class that carries it, e.g. ``MessagesApi``
        self.api = api
        #: the parameter names, and the body parameter if the operation has one (worked out once)
        self.names = frozenset(p.name for p in self.params)
        self.body: Param | None = next((p for p in self.params if p.kind == "body"), None)

"""The one base class of every model: a model is its list of fields, everything else lives here.

A model is declared as data::

    class V4MessagesRecipientsTo(Model):
        \"\"\"A full email address.\"\"\"
        name: str | None = field("Display name")
        address: str | None = field("Email address", check=addr_spec_problem)

From that list the base derives, once per class: ``__slots__``, the generated-style
``openapi_types`` and ``attribute_map``, a keyword constructor, ``to_dict``, ``to_str``,
``__repr__``, ``__eq__`` and ``validate``; and, on first use, the fast paths that
``smtp.models._plans`` generates from it (the reply decoder, the validity check, the
request-body writer). The JSON key ``from`` is declared as ``_from: ... = field(..., key="from")``.

The layers of the models, each importing only the ones before it: ``_kinds`` (field kinds,
declarations, the one table of type rules), ``_json`` (JSON writing), ``_plans`` (the
generated fast paths), this base, then the model modules. Every type question, on the fast
paths and here (``validate()``, the shape check, the plain decoder), is answered from
``_kinds.RULES``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from smtp.exceptions import ApiTypeError, UnexpectedResponseError, render_path
from smtp.models._json import (
    LARGE_TEXT,
    JsonModel,
    LargeText as _LargeText,  # noqa: F401 - its old name here
    encode_basestring as encode_basestring,
    json_body,
    json_text,
    to_json,
)
from smtp.models._kinds import (
    MAX_DEPTH,
    MODEL,
    MODEL_LIST,
    OBJECT,
    SCALAR,
    SCALAR_LIST,
    Check,
    Field,
    Misfit,
    Problem,
    _read_hint as _read_hint,  # importable from here, as before
    field,
    leaf_problem,
    required,
)

__all__ = [
    "Model",
    "field",
    "required",
    "Field",
    "Problem",
    "Check",
    "to_json",
    "json_text",
    "json_body",
    "decode_or_raise",
    "LARGE_TEXT",
    "MAX_DEPTH",
    "SCALAR",
    "OBJECT",
    "MODEL",
    "MODEL_LIST",
    "SCALAR_LIST",
]


M = TypeVar("M", bound="Model")

#: what a fast decoder raises for data that does not fit (the general path then says why)
_MISFITS = (Misfit, AttributeError, TypeError)


def _first_use(name: str) -> Any:
    """The stub of plan ``name``: compiles that plan for the class it is called on (see
    ``smtp.models._plans.plan``), which replaces the stub on that class, and runs it."""
    if name == "_decode":
        return classmethod(lambda cls, data: _plan(cls, name)(data))
    return lambda self, *args: _plan(type(self), name)(self, *args)


def _plan(cls: type, name: str) -> Callable[..., Any]:
    from smtp.models._plans import plan  # loaded on the first use of a model, not at ``import smtp``

    return plan(cls, name)


#: the stubs every model class starts with
_FIRST_USE: dict[str, Any] = {
    name: _first_use(name) for name in ("_decode", "_valid", "_encode", "_write_checked", "_write")
}


class _ModelMeta(type):
    """Turns the declared fields of a model class into slots and precomputed plans."""

    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> _ModelMeta:
        declared = [(attr, spec) for attr, spec in ns.items() if isinstance(spec, Field)]
        for attr, _ in declared:
            del ns[attr]
        ns["__slots__"] = tuple(attr for attr, _ in declared)
        ns.update(_FIRST_USE)  # each class compiles its own plans (never its base's)
        cls = super().__new__(mcls, name, bases, ns)
        if declared:
            annotations = ns.get("__annotations__") or _annotations_of(cls)
            module = sys.modules.get(cls.__module__)
            namespace = vars(module) if module is not None else {}
            for attr, spec in declared:
                spec.bind(attr, annotations.get(attr, Any), namespace, JsonModel)
        inherited = tuple(f for base in bases for f in getattr(base, "_fields", ()))
        fields = inherited + tuple(spec for _, spec in declared)
        cls._fields = fields  # type: ignore[attr-defined]
        cls._attrs = tuple(f.name for f in fields)  # type: ignore[attr-defined]
        cls.openapi_types = {f.name: f.type_name for f in fields}  # type: ignore[attr-defined]
        cls.attribute_map = {f.name: f.key for f in fields}  # type: ignore[attr-defined]
        return cls


def _annotations_of(cls: type) -> dict[str, Any]:
    try:  # Python 3.14 evaluates annotations lazily
        import annotationlib  # type: ignore[import-not-found]

        return dict(annotationlib.get_annotations(cls))
    except ImportError:  # pragma: no cover - older Pythons put them in the namespace
        return dict(cls.__dict__.get("__annotations__", {}))


class Model(JsonModel, metaclass=_ModelMeta):
    """Base of every request and response model."""

    __slots__ = ()
    _fields: ClassVar[tuple[Field, ...]] = ()
    _attrs: ClassVar[tuple[str, ...]] = ()
    #: attribute name -> type, as the generated SDK spells it ('str', 'list[X]', 'object', ...)
    openapi_types: ClassVar[dict[str, str]] = {}
    #: attribute name -> JSON key
    attribute_map: ClassVar[dict[str, str]] = {}
    discriminator: ClassVar[None] = None
    #: model-wide rules, each yielding problems: see ``validate``
    _rules: ClassVar[tuple[Callable[[Any], Iterable[Problem]], ...]] = ()
    #: for a model the service sends otherwise than its schema says: a function applied to each
    #: JSON value decoded as this model, before anything else (by every decoding path, nested
    #: ones included), which returns it as is or a fixed copy; see ``smtp.models._tolerant``
    _normalize: ClassVar[Callable[[Any], Any] | None] = None

    if TYPE_CHECKING:  # at run time the metaclass installs these, compiled per class on first use

        @classmethod
        def _decode(cls, data: Any) -> Any:
            """An instance from a reply's JSON object (no re-validation of what the server sent)."""

        def _valid(self) -> bool:
            """True when ``validate()`` would find nothing; False means: ask ``validate()``."""

        def _encode(self) -> dict[str, Any]:
            """The model as JSON values keyed by JSON names, ``None`` fields left out."""

        def _write_checked(self, write: Callable[[Any], Any]) -> bool:
            """``_valid()``, handing the model's JSON text to ``write`` on the way."""

        def _write(self, write: Callable[[Any], Any]) -> None:
            """Hand the model's JSON text to ``write``, piece by piece, without checks."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        attrs = self._attrs
        if len(args) > len(attrs):
            raise ApiTypeError(
                f"{type(self).__name__}() takes at most {len(attrs)} positional arguments ({len(args)} given)"
            )
        kwargs.pop("local_vars_configuration", None)
        for attr, value in zip(attrs, args, strict=False):
            if attr in kwargs:
                raise ApiTypeError(f"{type(self).__name__}() got multiple values for argument '{attr}'")
            object.__setattr__(self, attr, value)
        for attr in attrs[len(args) :]:
            object.__setattr__(self, attr, kwargs.pop(attr, None))
        if kwargs:
            raise ApiTypeError(
                "{}() got unexpected keyword argument(s) {}; its fields are: {}".format(
                    type(self).__name__, ", ".join(sorted(map(repr, kwargs))), ", ".join(attrs)
                )
            )

    # -- generated-style surface ----------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The model as a dict keyed by Python attribute names, nested models included, ``None`` kept.

        Lists and dicts are copied down to ``_PLAIN_DEPTH`` levels (decoded values nest at most
        ``MAX_DEPTH``); anything deeper is shared as it is, so no value makes this recurse past
        Python's limit."""
        return {attr: _plain(getattr(self, attr), 0) for attr in self._attrs}

    def to_str(self) -> str:
        """The model as a pretty-printed string (abridged past ``MAX_DEPTH`` levels, for a value
        built by hand that nests deeper than any decoded one can)."""
        import pprint

        value = self.to_dict()
        try:
            return pprint.pformat(value)
        except RecursionError:
            import reprlib

            short = reprlib.Repr()
            short.maxlevel, short.maxdict, short.maxlist, short.maxstring = MAX_DEPTH, 100, 100, 200
            return short.repr(value)

    def __repr__(self) -> str:
        return self.to_str()

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return False
        return all(getattr(self, a) == getattr(other, a) for a in self._attrs)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None  # type: ignore[assignment]  # mutable, like the generated models

    # -- JSON ----------------------------------------------------------------------------
    @classmethod
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        """Build a model from a JSON object (keys as on the wire); unknown keys are ignored.

        Every value is held to its field's type (a leaf of another type, a non-finite number,
        an ``object`` value nested more than ``MAX_DEPTH`` deep do not fit). Raises
        ``ApiTypeError`` naming the first value that does not fit.
        """
        try:
            return cls._decode(data)  # type: ignore[no-any-return]
        except _MISFITS:
            pass
        model, problem = cls.decode_plain(data)
        if model is None:
            raise ApiTypeError(f"{cls.__name__}: {problem}")
        return model

    @classmethod
    def decode_plain(cls: type[M], data: Any) -> tuple[M | None, str | None]:
        """``(model, None)`` from a JSON object, or ``(None, the first problem as text)``: the
        general decoder, which walks the fields the way ``shape_problems`` does; the compiled
        ``_decode`` gives the same models and fails on the same data, faster."""
        problems: list[Problem] = []
        model = cls._read(data, (), problems)
        if problems:
            where, problem = problems[0]
            return None, "{} {}".format(render_path(where) or "the value", problem)
        return model, None

    @classmethod
    def shape_problem(cls, data: Any, path: tuple[str | int, ...] = ()) -> str | None:
        """The first place where ``data`` (a JSON value) does not fit this model's shape, as
        text (``data.items[1] must be a JSON object, got str``), or None when it fits."""
        for where, problem in cls._shape_problems(data, path):
            return "{} {}".format(render_path(where) or "the value", problem)
        return None

    @classmethod
    def shape_problems(cls, data: Any) -> dict[str, str]:
        """Every place where ``data`` does not fit this model's shape, as ``{field path: problem}``
        (the path ``""`` when ``data`` itself is not a JSON object).

        The JSON shape (objects and lists where the model expects them) and the type of every
        leaf are looked at, which is what the decoder holds a reply to; used to explain a reply
        that failed to decode and, by the sandbox, to name each malformed field of a request.
        """
        return {render_path(where): problem for where, problem in cls._shape_problems(data, ())}

    @classmethod
    def _shape_problems(cls, data: Any, path: tuple[str | int, ...]) -> Iterator[Problem]:
        problems: list[Problem] = []
        cls._read(data, path, problems)
        return iter(problems)

    @classmethod
    def _read(cls, data: Any, path: tuple[str | int, ...], problems: list[Problem]) -> Any:
        """The general decoder: an instance of ``cls`` from ``data``, every misfit appended
        to ``problems`` (the instance is then incomplete and only the problems count)."""
        normalize = cls._normalize
        if normalize is not None:
            data = normalize(data)
        if not isinstance(data, dict):
            problems.append((path, f"must be a JSON object, got {type(data).__name__}"))
            return None
        out = object.__new__(cls)
        for f in cls._fields:
            key = f.key
            value = data.get(key)
            for alias in f.aliases:
                if value is not None:
                    break
                key, value = alias, data.get(alias)
            if value is not None:
                where = path + (key,)
                if f.kind == MODEL:
                    value = f.model._read(value, where, problems)
                elif f.kind in (MODEL_LIST, SCALAR_LIST):
                    if not isinstance(value, list):
                        problems.append((where, f"must be a JSON array, got {type(value).__name__}"))
                    elif f.kind == MODEL_LIST:
                        value = [f.model._read(item, where + (i,), problems) for i, item in enumerate(value)]
                    else:
                        for i, item in enumerate(value):
                            problem = leaf_problem(f.leaf_types, item)
                            if problem:
                                problems.append((where + (i,), problem))
                else:
                    problem = leaf_problem(f.leaf_types, value)
                    if problem:
                        problems.append((where, problem))
            object.__setattr__(out, f.name, value)
        return out

    # -- validation ----------------------------------------------------------------------
    def validate(self) -> dict[str, str]:
        """Every problem of this model and the models inside it, as ``{field path: problem}``.

        Checks each value's type, each field's own check, and each model-wide rule. An empty
        dict means valid.
        """
        if self._valid():  # the compiled check: the common, valid case costs one pass
            return {}
        return {render_path(path): problem for path, problem in self._problems(())}

    def _problems(self, path: tuple[str | int, ...]) -> Iterator[Problem]:
        for f in self._fields:
            value = getattr(self, f.name)
            if value is None:
                continue
            where = path + (f.key,)
            if f.kind == MODEL:
                if isinstance(value, f.model):
                    yield from value._problems(where)
                elif isinstance(value, dict):
                    yield (
                        where,
                        f"must be a {f.type_name} (or a dict of its fields), got a dict; "
                        f"build it with {f.type_name}(**...)",
                    )
                else:
                    yield where, f"must be a {f.type_name}, got {type(value).__name__}"
            elif f.kind in (MODEL_LIST, SCALAR_LIST):
                if not isinstance(value, (list, tuple)):
                    yield where, f"must be a list, got {type(value).__name__}"
                    continue
                for i, item in enumerate(value):
                    if f.kind == MODEL_LIST:
                        if isinstance(item, f.model):
                            yield from item._problems(where + (i,))
                        else:
                            yield where + (i,), f"must be a {f.item_type}, got {type(item).__name__}"
                    else:
                        problem = leaf_problem(f.leaf_types, item)
                        if problem:
                            yield where + (i,), problem
            else:
                problem = leaf_problem(f.leaf_types, value)
                if problem:
                    yield where, problem
                    continue
            if f.check is not None:
                problem = f.check(value)
                if problem:
                    yield where, problem
        for rule in self._rules:
            for sub, problem in rule(self):
                yield path + sub, problem


#: how deep ``to_dict`` copies lists and dicts (models count as a level too)
_PLAIN_DEPTH = 2 * MAX_DEPTH


def _plain(value: Any, depth: int) -> Any:
    if depth > _PLAIN_DEPTH:
        return value
    if isinstance(value, Model):
        return {attr: _plain(getattr(value, attr), depth + 1) for attr in value._attrs}
    if isinstance(value, list):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v, depth + 1) for k, v in value.items()}
    return value


def decode_or_raise(cls: type[M], data: Any, http_resp: Any) -> M:
    """Decode a reply's JSON into ``cls``; a shape that does not fit (a leaf of the wrong type,
    a non-finite number, nesting past ``MAX_DEPTH``) raises ``UnexpectedResponseError`` with
    the reply attached, naming the first misfit (never an empty or half-typed model)."""
    try:
        return cls._decode(data)  # type: ignore[no-any-return]
    except _MISFITS:
        pass
    model, problem = cls.decode_plain(data)
    if model is None:
        raise UnexpectedResponseError(http_resp, problem or f"does not fit {cls.__name__}")
    return model

"""The one base class of every model: a model is its list of fields, everything else lives here.

A model is declared as data::

    class V4MessagesRecipientsTo(Model):
        \"\"\"A full email address.\"\"\"
        name: Optional[str] = field("Display name")
        address: Optional[str] = field("Email address", check=addr_spec_problem)

From that list the base derives, once per class: ``__slots__``, the generated-style
``openapi_types`` and ``attribute_map``, a keyword constructor, ``to_dict``, ``to_str``,
``__repr__``, ``__eq__``, ``validate`` and a fast JSON decoder compiled on first use.
The JSON key ``from`` is declared as ``_from: ... = field(..., key="from")``.
"""

from __future__ import annotations

import typing
from typing import Any, Callable, ClassVar, Dict, Iterable, Iterator, List, Optional, Tuple, Type, TypeVar, Union

from smtp.exceptions import ApiTypeError, UnexpectedResponseError, render_path

__all__ = ["Model", "field", "Field", "Problem"]

#: A problem found by ``validate``: the path of the field (relative to the model) and what is wrong.
Problem = Tuple[Tuple[Union[str, int], ...], str]
Check = Callable[[Any], Optional[str]]

M = TypeVar("M", bound="Model")

# kinds of field, for the decoder, the validator and the serializer
SCALAR, OBJECT, MODEL, MODEL_LIST, SCALAR_LIST = range(5)

_PY_TYPES: Dict[str, Tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "object": (dict,)}
_TYPE_WORDS = {"str": "a string", "int": "an integer", "float": "a number", "bool": "a boolean", "object": "an object (dict)"}


class Field:
    """One declared attribute of a model: its name, JSON key, type, documentation and checks."""

    __slots__ = ("doc", "key", "check", "name", "type_name", "kind", "model", "item_type")

    def __init__(self, doc: str, key: Optional[str], check: Optional[Check]) -> None:
        self.doc = doc
        self.key: str = key or ""
        self.check = check
        self.name = ""
        self.type_name = ""
        self.kind = SCALAR
        self.model: Optional[Type[Model]] = None
        self.item_type = ""

    def bind(self, name: str, annotation: Any) -> None:
        """Learn the attribute name and derive the type from the annotation."""
        self.name = name
        if not self.key:
            self.key = name
        hint = _strip_optional(annotation)
        origin = typing.get_origin(hint)
        if origin in (list, List):
            (item,) = typing.get_args(hint)
            if isinstance(item, type) and issubclass(item, Model):
                self.kind, self.model, self.item_type = MODEL_LIST, item, item.__name__
            else:
                self.kind, self.item_type = SCALAR_LIST, _scalar_name(item)
            self.type_name = "list[%s]" % self.item_type
        elif isinstance(hint, type) and issubclass(hint, Model):
            self.kind, self.model, self.type_name = MODEL, hint, hint.__name__
        else:
            self.type_name = _scalar_name(hint)
            self.kind = OBJECT if self.type_name == "object" else SCALAR

    def __repr__(self) -> str:
        return "Field(%s: %s, key=%r)" % (self.name, self.type_name, self.key)


def _strip_optional(hint: Any) -> Any:
    if typing.get_origin(hint) is Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(args) == 1:
            return args[0]
        return Any
    return hint


def _scalar_name(hint: Any) -> str:
    if hint in (str, int, float, bool):
        return hint.__name__
    return "object"


def field(doc: str = "", *, key: Optional[str] = None, check: Optional[Check] = None) -> Any:
    """Declare a model attribute: its documentation, its JSON key when it differs from the
    attribute name, and an optional check that returns a problem text or None."""
    return Field(doc, key, check)


class _ModelMeta(type):
    """Turns the declared fields of a model class into slots and precomputed plans."""

    def __new__(mcls, name: str, bases: Tuple[type, ...], ns: Dict[str, Any]) -> "_ModelMeta":
        declared = [(attr, spec) for attr, spec in ns.items() if isinstance(spec, Field)]
        for attr, _ in declared:
            del ns[attr]
        ns["__slots__"] = tuple(attr for attr, _ in declared)
        cls = super().__new__(mcls, name, bases, ns)
        annotations = ns.get("__annotations__") or _annotations_of(cls)
        for attr, spec in declared:
            spec.bind(attr, annotations.get(attr, Any))
        inherited = tuple(f for base in bases for f in getattr(base, "_fields", ()))
        fields = inherited + tuple(spec for _, spec in declared)
        cls._fields = fields  # type: ignore[attr-defined]
        cls._attrs = tuple(f.name for f in fields)  # type: ignore[attr-defined]
        cls.openapi_types = {f.name: f.type_name for f in fields}  # type: ignore[attr-defined]
        cls.attribute_map = {f.name: f.key for f in fields}  # type: ignore[attr-defined]
        return cls


def _annotations_of(cls: type) -> Dict[str, Any]:
    try:  # Python 3.14 evaluates annotations lazily
        import annotationlib  # type: ignore[import-not-found]

        return dict(annotationlib.get_annotations(cls))
    except ImportError:  # pragma: no cover - older Pythons put them in the namespace
        return dict(cls.__dict__.get("__annotations__", {}))


class Model(metaclass=_ModelMeta):
    """Base of every request and response model."""

    __slots__ = ()
    _fields: ClassVar[Tuple[Field, ...]] = ()
    _attrs: ClassVar[Tuple[str, ...]] = ()
    #: attribute name -> type, as the generated SDK spells it ('str', 'list[X]', 'object', ...)
    openapi_types: ClassVar[Dict[str, str]] = {}
    #: attribute name -> JSON key
    attribute_map: ClassVar[Dict[str, str]] = {}
    discriminator: ClassVar[None] = None
    #: model-wide rules, each yielding problems: see ``validate``
    _rules: ClassVar[Tuple[Callable[[Any], Iterable[Problem]], ...]] = ()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        attrs = self._attrs
        if len(args) > len(attrs):
            raise ApiTypeError("%s() takes at most %d positional arguments (%d given)" % (type(self).__name__, len(attrs), len(args)))
        kwargs.pop("local_vars_configuration", None)
        for attr, value in zip(attrs, args, strict=False):
            if attr in kwargs:
                raise ApiTypeError("%s() got multiple values for argument '%s'" % (type(self).__name__, attr))
            object.__setattr__(self, attr, value)
        for attr in attrs[len(args):]:
            object.__setattr__(self, attr, kwargs.pop(attr, None))
        if kwargs:
            raise ApiTypeError(
                "%s() got unexpected keyword argument(s) %s; its fields are: %s"
                % (type(self).__name__, ", ".join(sorted(map(repr, kwargs))), ", ".join(attrs))
            )

    # -- generated-style surface ----------------------------------------------------------
    def to_dict(self) -> Dict[str, Any]:
        """The model as a dict keyed by Python attribute names, nested models included, ``None`` kept."""
        return {attr: _plain(getattr(self, attr)) for attr in self._attrs}

    def to_str(self) -> str:
        """The model as a pretty-printed string."""
        import pprint

        return pprint.pformat(self.to_dict())

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
    def from_dict(cls: Type[M], data: Dict[str, Any]) -> M:
        """Build a model from a JSON object (keys as on the wire); unknown keys are ignored.

        Raises ``ApiTypeError`` naming the first value whose shape does not fit.
        """
        try:
            return cls._decode(data)  # type: ignore[no-any-return]
        except (AttributeError, TypeError):
            problem = cls.shape_problem(data)
            raise ApiTypeError("%s: %s" % (cls.__name__, problem or "not a JSON object")) from None

    @classmethod
    def _decode(cls, data: Any) -> Any:
        """Decode ``data`` into an instance. Compiled on first use, then replaced by the
        compiled function: direct slot assignments, nested decoders bound as constants."""
        return cls._compile_decoder()(data)

    @classmethod
    def _compile_decoder(cls) -> Callable[[Any], Any]:
        if "_decoder" in cls.__dict__:
            return cls.__dict__["_decoder"]  # type: ignore[no-any-return]
        env: Dict[str, Any] = {"new": object.__new__, "C": cls}
        lines = ["def decode(d):", "    o = new(C)", "    g = d.get"]
        for i, f in enumerate(cls._fields):
            if f.kind == MODEL or f.kind == MODEL_LIST:
                assert f.model is not None
                env["D%d" % i] = f.model._compile_decoder()
                lines.append("    v = g(%r)" % f.key)
                if f.kind == MODEL:
                    lines.append("    o.%s = None if v is None else D%d(v)" % (f.name, i))
                else:
                    lines.append("    o.%s = None if v is None else [D%d(x) for x in v]" % (f.name, i))
            else:
                lines.append("    o.%s = g(%r)" % (f.name, f.key))
        lines.append("    return o")
        exec("\n".join(lines), env)  # noqa: S102 - source built from the declared field names only
        decoder = env["decode"]
        type.__setattr__(cls, "_decoder", decoder)
        type.__setattr__(cls, "_decode", staticmethod(decoder))
        return decoder  # type: ignore[no-any-return]

    @classmethod
    def shape_problem(cls, data: Any, path: Tuple[Union[str, int], ...] = ()) -> Optional[str]:
        """Where ``data`` (a JSON value) does not fit this model's shape, or None when it fits.

        Only the JSON shape is looked at (objects and lists where the model expects them),
        which is all the decoder relies on; used to explain a reply that failed to decode.
        """
        if not isinstance(data, dict):
            return "%s must be a JSON object, got %s" % (render_path(path) or "the value", type(data).__name__)
        for f in cls._fields:
            value = data.get(f.key)  # type: ignore[arg-type]
            if value is None:
                continue
            where = path + (f.key,)  # type: ignore[operator]
            if f.kind == MODEL:
                problem = f.model.shape_problem(value, where)  # type: ignore[union-attr]
                if problem:
                    return problem
            elif f.kind == MODEL_LIST:
                if not isinstance(value, list):
                    return "%s must be a JSON array, got %s" % (render_path(where), type(value).__name__)
                for i, item in enumerate(value):
                    problem = f.model.shape_problem(item, where + (i,))  # type: ignore[union-attr]
                    if problem:
                        return problem
        return None

    # -- validation ----------------------------------------------------------------------
    def validate(self) -> Dict[str, str]:
        """Every problem of this model and the models inside it, as ``{field path: problem}``.

        Checks each value's type, each field's own check, and each model-wide rule. An empty
        dict means valid.
        """
        return {render_path(path): problem for path, problem in self._problems(())}

    def _problems(self, path: Tuple[Union[str, int], ...]) -> Iterator[Problem]:
        for f in self._fields:
            value = getattr(self, f.name)
            if value is None:
                continue
            where = path + (f.key,)  # type: ignore[operator]
            if f.kind == MODEL:
                if isinstance(value, f.model):  # type: ignore[arg-type]
                    yield from value._problems(where)
                elif isinstance(value, dict):
                    yield where, "must be a %s (or a dict of its fields), got a dict; build it with %s(**...)" % (f.type_name, f.type_name)
                else:
                    yield where, "must be a %s, got %s" % (f.type_name, type(value).__name__)
            elif f.kind in (MODEL_LIST, SCALAR_LIST):
                if not isinstance(value, (list, tuple)):
                    yield where, "must be a list, got %s" % type(value).__name__
                    continue
                for i, item in enumerate(value):
                    if f.kind == MODEL_LIST:
                        if isinstance(item, f.model):  # type: ignore[arg-type]
                            yield from item._problems(where + (i,))
                        else:
                            yield where + (i,), "must be a %s, got %s" % (f.item_type, type(item).__name__)
                    elif not _is_a(item, f.item_type):
                        yield where + (i,), "must be %s, got %s" % (_TYPE_WORDS[f.item_type], type(item).__name__)
            elif not _is_a(value, f.type_name):
                yield where, "must be %s, got %s" % (_TYPE_WORDS[f.type_name], type(value).__name__)
                continue
            if f.check is not None:
                problem = f.check(value)
                if problem:
                    yield where, problem
        for rule in self._rules:
            for sub, problem in rule(self):
                yield path + sub, problem


def _is_a(value: Any, type_name: str) -> bool:
    if type_name in ("int", "float") and isinstance(value, bool):
        return False
    return isinstance(value, _PY_TYPES[type_name])


def _plain(value: Any) -> Any:
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def decode_or_raise(cls: Type[M], data: Any, http_resp: Any) -> M:
    """Decode a reply's JSON into ``cls``; a shape that does not fit raises
    ``UnexpectedResponseError`` with the reply attached (never an empty model)."""
    try:
        return cls._decode(data)  # type: ignore[no-any-return]
    except (AttributeError, TypeError):
        problem = cls.shape_problem(data) or "does not fit %s" % cls.__name__
        raise UnexpectedResponseError(http_resp, problem) from None

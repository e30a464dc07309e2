"""The one base class of every model: a model is its list of fields, everything else lives here.

A model is declared as data::

    class V4MessagesRecipientsTo(Model):
        \"\"\"A full email address.\"\"\"
        name: Optional[str] = field("Display name")
        address: Optional[str] = field("Email address", check=addr_spec_problem)

From that list the base derives, once per class: ``__slots__``, the generated-style
``openapi_types`` and ``attribute_map``, a keyword constructor, ``to_dict``, ``to_str``,
``__repr__``, ``__eq__`` and ``validate``; and, on first use, the fast paths that
``smtp.models._plans`` generates from it (the reply decoder, the validity check, the
request-body writer). The JSON key ``from`` is declared as ``_from: ... = field(..., key="from")``.
"""

from __future__ import annotations

import sys
import typing
from collections.abc import Callable, Iterable, Iterator
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, Union

from smtp.exceptions import ApiTypeError, UnexpectedResponseError, render_path

__all__ = ["Model", "field", "required", "Field", "Problem", "to_json", "json_text", "json_body"]

#: A problem found by ``validate``: the path of the field (relative to the model) and what is wrong.
Problem = tuple[tuple[str | int, ...], str]
Check = Callable[[Any], str | None]

M = TypeVar("M", bound="Model")

# kinds of field, for the decoder, the validator and the serializer
SCALAR, OBJECT, MODEL, MODEL_LIST, SCALAR_LIST = range(5)

_PY_TYPES: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool,),
    "object": (dict,),
}
_TYPE_WORDS = {
    "str": "a string",
    "int": "an integer",
    "float": "a number",
    "bool": "a boolean",
    "object": "an object (dict)",
}


class Field:
    """One declared attribute of a model: its name, JSON key, type, documentation and checks."""

    __slots__ = ("doc", "key", "check", "name", "type_name", "kind", "model", "item_type")

    def __init__(self, doc: str, key: str | None, check: Check | None) -> None:
        self.doc = doc
        self.key: str = key or ""
        self.check = check
        self.name = ""
        self.type_name = ""
        self.kind = SCALAR
        self.model: type[Model] | None = None
        self.item_type = ""

    def bind(self, name: str, annotation: Any, namespace: dict[str, Any] | None = None) -> None:
        """Learn the attribute name and derive the type from the annotation (a typing object,
        or its text when annotations are postponed; names are looked up in ``namespace``)."""
        self.name = name
        if not self.key:
            self.key = name
        is_list, hint = _read_hint(annotation, namespace or {})
        if is_list:
            if isinstance(hint, type) and issubclass(hint, Model):
                self.kind, self.model, self.item_type = MODEL_LIST, hint, hint.__name__
            else:
                self.kind, self.item_type = SCALAR_LIST, _scalar_name(hint)
            self.type_name = f"list[{self.item_type}]"
        elif isinstance(hint, type) and issubclass(hint, Model):
            self.kind, self.model, self.type_name = MODEL, hint, hint.__name__
        else:
            self.type_name = _scalar_name(hint)
            self.kind = OBJECT if self.type_name == "object" else SCALAR

    def __repr__(self) -> str:
        return f"Field({self.name}: {self.type_name}, key={self.key!r})"


def _read_hint(annotation: Any, namespace: dict[str, Any]) -> tuple[bool, Any]:
    """(whether it is a list, the type of the value or item) of a field's annotation.

    Model modules postpone their annotations (``from __future__ import annotations``), which
    keeps ``typing`` out of class creation: the usual texts (``Optional[X]``, ``List[X]``,
    a scalar or a model name) are read here directly; any other text is evaluated.
    """
    if isinstance(annotation, str):
        text = annotation.replace(" ", "").replace("typing.", "")
        if text.startswith("Optional[") and text.endswith("]"):
            text = text[9:-1]
        elif text.endswith("|None"):
            text = text[:-5]
        is_list = text.startswith(("List[", "list[")) and text.endswith("]")
        if is_list:
            text = text[5:-1]
        if text in _SCALAR_NAMES:
            return is_list, _SCALAR_NAMES[text]
        if text.isidentifier() and text in namespace:
            return is_list, namespace[text]
        if text.startswith(("Dict[", "dict[", "Union[")) or text in ("Any", "dict", "object"):
            return is_list, object
        try:
            annotation = eval(annotation, dict(namespace))  # noqa: S307 - an annotation of our own models
        except NameError as error:
            raise TypeError(f"cannot resolve the annotation {annotation!r}: {error}") from None
    hint = annotation
    if typing.get_origin(hint) is Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else Any
    if typing.get_origin(hint) in (list, list):
        (item,) = typing.get_args(hint)
        return True, item
    return False, hint


_SCALAR_NAMES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def _scalar_name(hint: Any) -> str:
    if hint in (str, int, float, bool):
        return hint.__name__
    return "object"


def field(doc: str = "", *, key: str | None = None, check: Check | None = None) -> Any:
    """Declare a model attribute: its documentation, its JSON key when it differs from the
    attribute name, and an optional check that returns a problem text or None."""
    return Field(doc, key, check)


def _first_use(name: str) -> Any:
    """The stub of plan ``name``: compiles that plan for the class it is called on (see
    ``_plan``), which replaces the stub on that class, and runs it."""
    if name == "_decode":
        return classmethod(lambda cls, data: _plan(cls, name)(data))
    return lambda self, *args: _plan(type(self), name)(self, *args)


#: the stubs every model class starts with
_FIRST_USE: dict[str, Any] = {
    name: _first_use(name) for name in ("_decode", "_valid", "_encode", "_write_checked", "_write")
}


def required(*names: str) -> Callable[[Any], Iterator[Problem]]:
    """A model-wide rule (for ``_rules``): each of the attributes ``names`` must be set.

    The compiled validity check reads ``names`` from the rule and tests the attributes inline.
    """

    def rule(model: Any) -> Iterator[Problem]:
        for name in names:
            if getattr(model, name) is None:
                yield (name,), "is required"

    rule.required = names  # type: ignore[attr-defined]
    return rule


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
                spec.bind(attr, annotations.get(attr, Any), namespace)
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


class Model(metaclass=_ModelMeta):
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
    def from_dict(cls: type[M], data: dict[str, Any]) -> M:
        """Build a model from a JSON object (keys as on the wire); unknown keys are ignored.

        Raises ``ApiTypeError`` naming the first value whose shape does not fit.
        """
        try:
            return cls._decode(data)  # type: ignore[no-any-return]
        except (AttributeError, TypeError):
            problem = cls.shape_problem(data)
            raise ApiTypeError("{}: {}".format(cls.__name__, problem or "not a JSON object")) from None

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

        Only the JSON shape is looked at (objects and lists where the model expects them),
        which is all the decoder relies on; used to explain a reply that failed to decode and,
        by the sandbox, to name each malformed field of a request.
        """
        return {render_path(where): problem for where, problem in cls._shape_problems(data, ())}

    @classmethod
    def _shape_problems(cls, data: Any, path: tuple[str | int, ...]) -> Iterator[Problem]:
        if not isinstance(data, dict):
            yield path, f"must be a JSON object, got {type(data).__name__}"
            return
        for f in cls._fields:
            value = data.get(f.key)
            if value is None:
                continue
            where = path + (f.key,)
            if f.kind == MODEL:
                yield from f.model._shape_problems(value, where)  # type: ignore[union-attr]
            elif f.kind == MODEL_LIST:
                if not isinstance(value, list):
                    yield where, f"must be a JSON array, got {type(value).__name__}"
                    continue
                for i, item in enumerate(value):
                    yield from f.model._shape_problems(item, where + (i,))  # type: ignore[union-attr]

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
            where = path + (f.key,)  # type: ignore[operator]
            if f.kind == MODEL:
                if isinstance(value, f.model):  # type: ignore[arg-type]
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
                        if isinstance(item, f.model):  # type: ignore[arg-type]
                            yield from item._problems(where + (i,))
                        else:
                            yield where + (i,), f"must be a {f.item_type}, got {type(item).__name__}"
                    elif not _is_a(item, f.item_type):
                        yield where + (i,), f"must be {_TYPE_WORDS[f.item_type]}, got {type(item).__name__}"
            elif not _is_a(value, f.type_name):
                yield where, f"must be {_TYPE_WORDS[f.type_name]}, got {type(value).__name__}"
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


def decode_or_raise(cls: type[M], data: Any, http_resp: Any) -> M:
    """Decode a reply's JSON into ``cls``; a shape that does not fit raises
    ``UnexpectedResponseError`` with the reply attached (never an empty model)."""
    try:
        return cls._decode(data)  # type: ignore[no-any-return]
    except (AttributeError, TypeError):
        problem = cls.shape_problem(data) or f"does not fit {cls.__name__}"
        raise UnexpectedResponseError(http_resp, problem) from None


def to_json(obj: Any) -> Any:
    """``obj`` as plain JSON values: models become dicts keyed by JSON names with ``None``
    fields left out, lists and dicts are converted item by item, dates become ISO 8601 text."""
    if obj is None or isinstance(obj, _JSON_SCALARS):
        return obj
    if isinstance(obj, Model):
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


_JSON_SCALARS = (float, bool, bytes, str, int)


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


class _LargeText:
    """A large text in the parts of a request body, escaped only when the body is assembled."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


def json_body(model: Model, check: bool = True) -> bytes | None:
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
    except TypeError:  # a _LargeText among the parts
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


# --------------------------------------------------------------------------------------
# compiled plans: generated per model class on first use by smtp.models._plans (loaded then,
# not at ``import smtp``) and installed on the class in place of the stubs ``_FIRST_USE``
# --------------------------------------------------------------------------------------
_PLANS: dict[tuple[type, str], Callable[..., Any]] = {}


def _plan(cls: type[Model], name: str) -> Callable[..., Any]:
    """The compiled plan ``name`` of ``cls``: built on first use and installed on the class."""
    plan = _PLANS.get((cls, name))
    if plan is None:
        from smtp.models._plans import COMPILERS

        plan = _PLANS[(cls, name)] = COMPILERS[name](cls)
        type.__setattr__(cls, name, staticmethod(plan) if name == "_decode" else plan)
    return plan

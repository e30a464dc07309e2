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

import gc
import sys
import typing
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Dict, Iterable, Iterator, List, Optional, Set, Tuple, Type, TypeVar, Union

from smtp.exceptions import ApiTypeError, UnexpectedResponseError, render_path

__all__ = ["Model", "field", "required", "Field", "Problem", "to_json", "json_text", "json_body"]

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

    def bind(self, name: str, annotation: Any, namespace: Optional[Dict[str, Any]] = None) -> None:
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
            self.type_name = "list[%s]" % self.item_type
        elif isinstance(hint, type) and issubclass(hint, Model):
            self.kind, self.model, self.type_name = MODEL, hint, hint.__name__
        else:
            self.type_name = _scalar_name(hint)
            self.kind = OBJECT if self.type_name == "object" else SCALAR

    def __repr__(self) -> str:
        return "Field(%s: %s, key=%r)" % (self.name, self.type_name, self.key)


def _read_hint(annotation: Any, namespace: Dict[str, Any]) -> Tuple[bool, Any]:
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
            raise TypeError("cannot resolve the annotation %r: %s" % (annotation, error)) from None
    hint = annotation
    if typing.get_origin(hint) is Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else Any
    if typing.get_origin(hint) in (list, List):
        (item,) = typing.get_args(hint)
        return True, item
    return False, hint


_SCALAR_NAMES: Dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def _scalar_name(hint: Any) -> str:
    if hint in (str, int, float, bool):
        return hint.__name__
    return "object"


def field(doc: str = "", *, key: Optional[str] = None, check: Optional[Check] = None) -> Any:
    """Declare a model attribute: its documentation, its JSON key when it differs from the
    attribute name, and an optional check that returns a problem text or None."""
    return Field(doc, key, check)


def _decode_first(cls: Type[Model], data: Any) -> Any:
    return _plan(cls, "_decode")(data)


def _valid_first(self: Model) -> bool:
    return _plan(type(self), "_valid")(self)  # type: ignore[no-any-return]


def _encode_first(self: Model) -> Dict[str, Any]:
    return _plan(type(self), "_encode")(self)  # type: ignore[no-any-return]


def _write_checked_first(self: Model, write: Callable[[Any], Any]) -> bool:
    return _plan(type(self), "_write_checked")(self, write)  # type: ignore[no-any-return]


def _write_first(self: Model, write: Callable[[Any], Any]) -> None:
    _plan(type(self), "_write")(self, write)


#: the stubs every model class starts with; each compiles that class's plan on first call
_FIRST_USE: Dict[str, Any] = {
    "_decode": classmethod(_decode_first),
    "_valid": _valid_first,
    "_encode": _encode_first,
    "_write_checked": _write_checked_first,
    "_write": _write_first,
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

    def __new__(mcls, name: str, bases: Tuple[type, ...], ns: Dict[str, Any]) -> "_ModelMeta":
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

    if TYPE_CHECKING:  # at run time the metaclass installs these, compiled per class on first use

        @classmethod
        def _decode(cls, data: Any) -> Any:
            """An instance from a reply's JSON object (no re-validation of what the server sent)."""

        def _valid(self) -> bool:
            """True when ``validate()`` would find nothing; False means: ask ``validate()``."""

        def _encode(self) -> Dict[str, Any]:
            """The model as JSON values keyed by JSON names, ``None`` fields left out."""

        def _write_checked(self, write: Callable[[Any], Any]) -> bool:
            """``_valid()``, handing the model's JSON text to ``write`` on the way."""

        def _write(self, write: Callable[[Any], Any]) -> None:
            """Hand the model's JSON text to ``write``, piece by piece, without checks."""

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
        if self._valid():  # the compiled check: the common, valid case costs one pass
            return {}
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
    ``UnexpectedResponseError`` with the reply attached (never an empty model).

    While a large reply is decoded the cyclic garbage collector is paused: every object the
    decoder creates is kept, so a collection in the middle frees nothing, yet CPython would
    run dozens of them (each walking all live objects) for a 1000-item page. Once the page
    is built it runs one young-generation collection, the work the pause deferred.
    """
    paused = len(getattr(http_resp, "data", None) or b"") >= _PAUSE_GC_BYTES and gc.isenabled()
    if paused:
        gc.disable()
    try:
        return cls._decode(data)  # type: ignore[no-any-return]
    except (AttributeError, TypeError):
        problem = cls.shape_problem(data) or "does not fit %s" % cls.__name__
        raise UnexpectedResponseError(http_resp, problem) from None
    finally:
        if paused:
            gc.enable()
            gc.collect(0)  # the one young collection now, in this call, rather than in the caller's next allocation


#: replies at least this long are decoded with the garbage collector paused (see decode_or_raise)
_PAUSE_GC_BYTES = 1 << 16


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
    raise ApiTypeError("Cannot encode a %s as JSON" % type(obj).__name__)


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


def json_body(model: Model, check: bool = True) -> Optional[bytes]:
    """The request body of ``model``: its ``to_json`` as compact UTF-8 JSON, exactly the bytes
    of ``json.dumps(to_json(model), ensure_ascii=False, separators=(",", ":")).encode()``.

    With ``check`` the model's validity check runs in the same pass, and the answer is None when
    it does not certainly pass (``validate()`` then says why, if at all). The text is written
    straight from the fields (keys escaped once, at compile time); a text of ``LARGE_TEXT``
    characters or more is escaped slice by slice into the final buffer.
    """
    parts: List[Any] = []
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
    pending: List[str] = []
    for part in parts:
        if type(part) is str:
            pending.append(part)
            continue
        out.write("".join(pending).encode("utf-8"))
        pending = []
        text = part.text
        out.write(b'"')
        for start in range(0, len(text), _SLICE):
            out.write(encode_basestring(text[start:start + _SLICE])[1:-1].encode("utf-8"))
        out.write(b'"')
    out.write("".join(pending).encode("utf-8"))
    return out.getvalue()


# --------------------------------------------------------------------------------------
# compiled plans
#
# Five functions are generated from each model's field list, the first time they are needed,
# and installed on the class in place of the stubs below:
#   _decode(dict) -> instance   reply JSON to model: direct slot stores, nested models and
#                               the items of nested lists built inline, in one function;
#   _valid(instance) -> bool    True when ``validate()`` would find no problem; exact type
#                               tests, so anything unusual (a subclass, a tuple) answers False
#                               and ``validate()`` then walks the model the general way;
#   _encode(instance) -> dict   model to JSON values, ``None`` left out, field order kept;
#   _write_checked(instance, write) -> bool   the checks of ``_valid`` and, in the same pass,
#                               the model's JSON text handed to ``write`` piece by piece;
#   _write(instance, write)     the JSON text without checks (any value ``to_json`` takes).
# --------------------------------------------------------------------------------------
class _Source:
    """The text of one generated function and the constants it refers to."""

    def __init__(self, signature: str) -> None:
        self.lines = [signature]
        self.env: Dict[str, Any] = {
            "new": object.__new__,
            "J": to_json,
            "T": json_text,
            "S": encode_basestring,
            "Big": _LargeText,
            "note": _note,
            "dict_key": _dict_key,
        }
        self.count = 0

    def name(self, prefix: str, value: Any = None) -> str:
        """A fresh name: a constant bound to ``value``, or a local variable when it is None."""
        self.count += 1
        name = "%s%d" % (prefix, self.count)
        if value is not None:
            self.env[name] = value
        return name

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def compile(self) -> Callable[..., Any]:
        exec("\n".join(self.lines), self.env)  # noqa: S102 - text built from our own field declarations
        return self.env["plan"]  # type: ignore[no-any-return]


def _decode_into(src: _Source, cls: Type[Model], data: str, out: str, indent: int, depth: int = 0) -> None:
    """Lines that build an instance of ``cls`` in local ``out`` from the dict in local ``data``.

    Nested models and the items of nested lists are built inline (no call per object, no
    comprehension function per list), down to ``_INLINE_DEPTH`` levels; deeper ones call
    the nested class's own decoder.
    """
    src.add(indent, "%s = new(%s)" % (out, src.name("C", cls)))
    for f in cls._fields:
        get = "%s.get(%r)" % (data, f.key)
        if f.kind not in (MODEL, MODEL_LIST):
            src.add(indent, "%s.%s = %s" % (out, f.name, get))
            continue
        value = src.name("v")
        src.add(indent, "%s = %s" % (value, get))
        src.add(indent, "if %s is None:" % value)
        src.add(indent + 1, "%s.%s = None" % (out, f.name))
        src.add(indent, "else:")
        if depth >= _INLINE_DEPTH:
            nested = src.name("D", _plan(f.model, "_decode"))  # type: ignore[arg-type]
            built = "%s(%s)" % (nested, value) if f.kind == MODEL else "[%s(x) for x in %s]" % (nested, value)
            src.add(indent + 1, "%s.%s = %s" % (out, f.name, built))
        elif f.kind == MODEL:
            sub = src.name("o")
            _decode_into(src, f.model, value, sub, indent + 1, depth + 1)  # type: ignore[arg-type]
            src.add(indent + 1, "%s.%s = %s" % (out, f.name, sub))
        else:
            items, item, sub = src.name("l"), src.name("x"), src.name("o")
            src.add(indent + 1, "%s = []" % items)
            src.add(indent + 1, "for %s in %s:" % (item, value))
            _decode_into(src, f.model, item, sub, indent + 2, depth + 1)  # type: ignore[arg-type]
            src.add(indent + 2, "%s.append(%s)" % (items, sub))
            src.add(indent + 1, "%s.%s = %s" % (out, f.name, items))


_INLINE_DEPTH = 6


def _compile_decode(cls: Type[Model]) -> Callable[..., Any]:
    src = _Source("def plan(d):")
    _decode_into(src, cls, "d", "o", 1)
    src.add(1, "return o")
    return src.compile()


# the exact-type test that a scalar value of each declared type passes
_TYPE_TEST = {
    "str": "type(v) is str",
    "int": "type(v) is int",
    "float": "(type(v) is float or type(v) is int)",
    "bool": "type(v) is bool",
    "object": "type(v) is dict",
}


def _compile_valid(cls: Type[Model]) -> Callable[..., Any]:
    return _compile_checked(cls, write=False)


def _compile_write_checked(cls: Type[Model]) -> Callable[..., Any]:
    return _compile_checked(cls, write=True)


def _compile_checked(cls: Type[Model], write: bool) -> Callable[..., Any]:
    """``_valid``, or with ``write`` ``_write_checked``: the same checks, each failure answering
    False, and the JSON text of each field written once its value has passed."""
    src = _Source("def plan(o, w):" if write else "def plan(o):")
    first = True
    for f in cls._fields:
        src.add(1, "v = o.%s" % f.name)
        src.add(1, "if v is not None:")
        if write:
            _write_key(src, f, first)
        if f.kind in (MODEL, MODEL_LIST):
            model, nested = src.name("M", f.model), src.name("V", _plan(f.model, "_write_checked" if write else "_valid"))  # type: ignore[arg-type]
            call = "%s(%%s, w)" % nested if write else "%s(%%s)" % nested
            if f.kind == MODEL:
                src.add(2, "if type(v) is not %s or not %s: return False" % (model, call % "v"))
            else:
                src.add(2, "if type(v) is not list: return False")
                if write:
                    src.add(2, "w('[')")
                    src.add(2, "for i, x in enumerate(v):")
                    src.add(3, "if i: w(',')")
                else:
                    src.add(2, "for x in v:")
                src.add(3, "if type(x) is not %s or not %s: return False" % (model, call % "x"))
                if write:
                    src.add(2, "w(']')")
        elif f.kind == SCALAR_LIST:
            src.add(2, "if type(v) is not list: return False")
            src.add(2, "for x in v:")
            src.add(3, "if not %s: return False" % _TYPE_TEST[f.item_type].replace("(v)", "(x)"))
        else:
            src.add(2, "if not %s: return False" % _TYPE_TEST[f.type_name])
        if f.check is not None and f.kind == SCALAR and f.type_name == "str":
            # a check is a pure function of the value: text that passed it once passes again
            passed, check = src.name("P", _passed(f.check)), src.name("K", f.check)
            src.add(2, "if v not in %s:" % passed)
            src.add(3, "if %s(v): return False" % check)
            src.add(3, "if len(v) <= %d: note(%s, v)" % (_MEMO_CHARS, passed))
        elif f.check is not None and f.kind == OBJECT:  # a small dict of short texts is remembered by its items
            passed, check = src.name("P", _passed(f.check)), src.name("K", f.check)
            src.add(2, "k = dict_key(v)")
            src.add(2, "if k is None or k not in %s:" % passed)
            src.add(3, "if %s(v): return False" % check)
            src.add(3, "if k is not None: note(%s, k)" % passed)
        elif f.check is not None:
            src.add(2, "if %s(v): return False" % src.name("K", f.check))
        if write and f.kind == SCALAR and f.type_name == "str":
            src.add(2, "w(S(v) if len(v) < %d else Big(v))" % LARGE_TEXT)
        elif write and f.kind not in (MODEL, MODEL_LIST):  # plain JSON values as they are; others through J
            src.add(2, "try: w(T(v))")
            src.add(2, "except TypeError: w(T(J(v)))")
        first = False
    for rule in cls._rules:
        names = getattr(rule, "required", None)
        if names:
            src.add(1, "if %s: return False" % " or ".join("o.%s is None" % name for name in names))
        else:
            src.add(1, "for _ in %s(o): return False" % src.name("R", rule))
    if write:
        _write_end(src)
    src.add(1, "return True")
    return src.compile()


def _compile_write(cls: Type[Model]) -> Callable[..., Any]:
    """``_write``: the JSON text of any field values (models of the declared class take the
    compiled path, anything else goes through ``to_json``)."""
    src = _Source("def plan(o, w):")
    first = True
    for f in cls._fields:
        src.add(1, "v = o.%s" % f.name)
        src.add(1, "if v is not None:")
        _write_key(src, f, first)
        if f.kind in (MODEL, MODEL_LIST):
            model, nested = src.name("M", f.model), src.name("W", _plan(f.model, "_write"))  # type: ignore[arg-type]
            if f.kind == MODEL:
                src.add(2, "if type(v) is %s: %s(v, w)" % (model, nested))
            else:
                src.add(2, "if type(v) is list and all(type(x) is %s for x in v):" % model)
                src.add(3, "w('[')")
                src.add(3, "for i, x in enumerate(v):")
                src.add(4, "if i: w(',')")
                src.add(4, "%s(x, w)" % nested)
                src.add(3, "w(']')")
            src.add(2, "else: w(T(J(v)))")
        else:
            src.add(2, "w((S(v) if len(v) < %d else Big(v)) if type(v) is str else T(J(v)))" % LARGE_TEXT)
        first = False
    _write_end(src)
    return src.compile()


def _write_key(src: _Source, f: Field, first: bool) -> None:
    """Write ``"key":`` (after a comma, or after the brace when no field was written yet)."""
    key = encode_basestring(f.key) + ":"
    if first:
        src.add(2, "w(%r)" % ("{" + key))
    else:
        src.add(2, "w(%r if started else %r)" % ("," + key, "{" + key))
    src.add(2, "started = True")


def _write_end(src: _Source) -> None:
    src.lines.insert(1, "    started = False")
    src.add(1, "w('}' if started else '{}')")


# Texts that passed a check, per check function: a sender's address, the channel, a content
# type come back on every send, and some checks (addresses) cost a regular expression each.
_MEMO_CHARS = 256  # longer texts are checked every time (and never kept alive here)
_MEMO_SIZE = 512  # entries per check; the set starts over when full
_PASSED: Dict[Check, Set[Any]] = {}


def _passed(check: Check) -> Set[Any]:
    return _PASSED.setdefault(check, set())


def _note(passed: Set[Any], value: Any) -> None:
    if len(passed) >= _MEMO_SIZE:
        passed.clear()
    passed.add(value)


def _dict_key(value: Dict[Any, Any]) -> Optional[Tuple[Any, ...]]:
    """The items of a small dict of short texts (such as ``custom_headers``), to remember that
    it passed a check; None for any other dict, which is checked every time."""
    if len(value) > 16:
        return None
    for key, item in value.items():
        if type(key) is not str or type(item) is not str or len(key) + len(item) > _MEMO_CHARS:
            return None
    return tuple(value.items())


def _compile_encode(cls: Type[Model]) -> Callable[..., Any]:
    src = _Source("def plan(o):")
    src.add(1, "out = {}")
    for f in cls._fields:
        src.add(1, "v = o.%s" % f.name)
        src.add(1, "if v is not None:")
        if f.kind == MODEL:
            model, encode = src.name("M", f.model), src.name("E", _plan(f.model, "_encode"))  # type: ignore[arg-type]
            value = "%s(v) if type(v) is %s else J(v)" % (encode, model)
        elif f.kind == MODEL_LIST:
            model, encode = src.name("M", f.model), src.name("E", _plan(f.model, "_encode"))  # type: ignore[arg-type]
            value = "[%s(x) if type(x) is %s else J(x) for x in v] if type(v) is list else J(v)" % (encode, model)
        elif f.kind == SCALAR and f.type_name != "float":
            value = "v if %s else J(v)" % _TYPE_TEST[f.type_name]
        else:
            value = "J(v)"
        src.add(2, "out[%r] = %s" % (f.key, value))
    src.add(1, "return out")
    return src.compile()


_COMPILERS: Dict[str, Callable[[Type[Model]], Callable[..., Any]]] = {
    "_decode": _compile_decode,
    "_valid": _compile_valid,
    "_write_checked": _compile_write_checked,
    "_write": _compile_write,
    "_encode": _compile_encode,
}
_PLANS: Dict[Tuple[type, str], Callable[..., Any]] = {}


def _plan(cls: Type[Model], name: str) -> Callable[..., Any]:
    """The compiled plan ``name`` of ``cls``: built on first use and installed on the class."""
    plan = _PLANS.get((cls, name))
    if plan is None:
        plan = _PLANS[(cls, name)] = _COMPILERS[name](cls)
        type.__setattr__(cls, name, staticmethod(plan) if name == "_decode" else plan)
    return plan

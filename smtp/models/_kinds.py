"""The bottom of the models: field kinds, the declaration helpers, and THE table of type rules.

Every question "is this value of the declared type?" is answered from ``RULES``, whichever
path asks it:

- the generated fast paths (``smtp.models._plans``) write the rule as an exact-type test
  (``exact_test_source``), so a value of a subclass (a ``str`` enum, a tuple) answers "not sure"
  and the general path decides;
- ``validate()``, the shape check of a reply and the plain decoder (``smtp.models._base``)
  call ``accepts`` and ``leaf_problem``, which read the same row.

Nothing here imports the rest of the package.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, Union

__all__ = [
    "SCALAR",
    "OBJECT",
    "MODEL",
    "MODEL_LIST",
    "SCALAR_LIST",
    "MAX_DEPTH",
    "Problem",
    "Check",
    "Rule",
    "RULES",
    "Misfit",
    "Field",
    "field",
    "required",
    "accepts",
    "leaf_problem",
    "json_problem",
    "json_ok",
    "exact_test_source",
]

#: A problem found by ``validate``: the path of the field (relative to the model) and what is wrong.
Problem = tuple[tuple[str | int, ...], str]
Check = Callable[[Any], str | None]

# kinds of field, for the decoder, the validator and the serializer
SCALAR, OBJECT, MODEL, MODEL_LIST, SCALAR_LIST = range(5)

#: how deep the JSON value of an ``object`` field may nest (the field's own dict is level 1);
#: deeper values are refused, so that ``repr()``, ``to_dict()`` and JSON writing never recurse
#: past Python's limit
MAX_DEPTH = 64


class Rule(NamedTuple):
    """What a value of one declared type must be."""

    #: the Python types accepted: exactly on the fast path, subclasses too on the general path
    #: (``bool`` never counts as a number, though it is an ``int`` subclass)
    types: tuple[type, ...]
    #: the type in words, for problem texts: "must be <words>, got <type>"
    words: str
    #: numbers only: infinities and NaN are refused (JSON has no spelling for them)
    finite: bool = False
    #: dicts only: everything inside must be JSON values, nested at most ``MAX_DEPTH`` deep
    json: bool = False


#: declared type name (as ``openapi_types`` spells it) -> its rule
RULES: dict[str, Rule] = {
    "str": Rule((str,), "a string"),
    "int": Rule((int,), "an integer"),
    "float": Rule((float, int), "a number", finite=True),
    "bool": Rule((bool,), "a boolean"),
    "object": Rule((dict,), "an object (dict)", json=True),
}


class Misfit(TypeError):
    """Raised by a fast decoder for a reply that does not fit its model; the general shape
    check (``Model.shape_problem``) then says where and why."""


def _rule_types(type_names: tuple[str, ...]) -> tuple[type, ...]:
    return tuple(t for name in type_names for t in RULES[name].types)


def accepts(type_names: tuple[str, ...], value: Any, exact: bool = False) -> bool:
    """Whether ``value`` is of one of the declared ``type_names`` (a field's type and the
    extra wire types it tolerates). ``exact``: as the fast path tests it, subclasses refused."""
    for name in type_names:
        rule = RULES[name]
        if exact:
            if type(value) not in rule.types:
                continue
        elif not isinstance(value, rule.types) or (isinstance(value, bool) and bool not in rule.types):
            continue
        if rule.finite and isinstance(value, float) and not value - value == 0.0:
            continue
        if rule.json and json_problem(value) is not None:
            continue
        return True
    return False


def exact_test_source(
    type_names: tuple[str, ...], var: str = "v", bind: Callable[[Any], str] | None = None, none_ok: bool = False
) -> str:
    """The Python expression, on local ``var``, of ``accepts(type_names, var, exact=True)``
    (or ``var is None`` with ``none_ok``), for the generated fast paths.

    With ``bind`` (which names a constant of the generated function), the plain types are tested
    at once, ``type(v) in <frozenset>``; without it, one ``type(v) is X`` each. The function
    ``json_ok`` must be bound under that name where the expression runs."""
    plain: list[type] = [type(None)] if none_ok else []
    special = []
    for name in type_names:
        rule = RULES[name]
        for t in rule.types:
            if rule.finite and t is float:
                special.append(f"(type({var}) is float and {var} - {var} == 0.0)")
            elif rule.json:
                special.append(f"(type({var}) is {t.__name__} and json_ok({var}))")
            elif t not in plain:
                plain.append(t)
    if bind is not None and plain:
        clauses = [f"type({var}) in {bind(frozenset(plain))}"]
    else:
        clauses = [f"{var} is None" if t is type(None) else f"type({var}) is {t.__name__}" for t in plain]
    return "(" + " or ".join(clauses + special) + ")"


def leaf_problem(type_names: tuple[str, ...], value: Any) -> str | None:
    """What is wrong with ``value`` for a field of the declared ``type_names``, or None."""
    if accepts(type_names, value):
        return None
    rule = RULES[type_names[0]]
    if rule.json and isinstance(value, rule.types):
        return json_problem(value)
    words = " or ".join(RULES[name].words for name in type_names)
    if isinstance(value, float) and not value - value == 0.0:
        return f"must be {words}, got a non-finite number ({value!r})"
    return f"must be {words}, got {type(value).__name__}"


_JSON_LEAVES = (str, int, bool, type(None))


def json_problem(value: Any) -> str | None:
    """What keeps ``value`` from being a JSON value nested at most ``MAX_DEPTH`` deep (a
    non-finite number, a value of another type), or None. Keys are left to the JSON writer
    (which takes texts, numbers, booleans and None). Walks the value without recursion, so
    any depth is answered."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    children: Any
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (dict, list, tuple)):
            if depth > MAX_DEPTH:
                return f"is nested more than {MAX_DEPTH:d} levels deep"
            children = item.values() if isinstance(item, dict) else item
            for child in children:
                if type(child) in _JSON_LEAVES:
                    continue
                stack.append((child, depth + 1))
        elif isinstance(item, float):
            if not item - item == 0.0:
                return f"holds a non-finite number ({item!r})"
        elif not isinstance(item, _JSON_LEAVES):
            return f"holds a value that is not JSON: {type(item).__name__}"
    return None


_LEAF_TYPES = frozenset(_JSON_LEAVES)


def json_ok(value: Any) -> bool:
    """``json_problem(value) is None`` for a dict, quicker for the usual flat dict of texts and
    numbers (the types of its values compared at C speed)."""
    return _LEAF_TYPES.issuperset(map(type, value.values())) or json_problem(value) is None


# --------------------------------------------------------------------------------------
# declarations
# --------------------------------------------------------------------------------------
class Field:
    """One declared attribute of a model: its name, JSON key, type, documentation and checks."""

    __slots__ = ("doc", "key", "check", "name", "type_name", "kind", "model", "item_type", "aliases", "also")

    def __init__(
        self, doc: str, key: str | None, check: Check | None, aliases: tuple[str, ...] = (), also: tuple[str, ...] = ()
    ) -> None:
        for name in also:
            if name not in RULES:
                raise TypeError(f"field(also=...) names unknown type {name!r}; known: {', '.join(RULES)}")
        self.doc = doc
        self.key: str = key or ""
        self.check = check
        self.name = ""
        self.type_name = ""
        self.kind = SCALAR
        self.model: Any = None
        self.item_type = ""
        #: other JSON keys accepted when decoding (the first key present wins); never written
        self.aliases = tuple(aliases)
        #: other types tolerated for a scalar's value (decoding and validation alike)
        self.also = tuple(also)

    @property
    def keys(self) -> tuple[str, ...]:
        """The JSON keys read when decoding: ``key``, then the aliases."""
        return (self.key,) + self.aliases

    @property
    def leaf_types(self) -> tuple[str, ...]:
        """The type names a scalar value (or a scalar list's item) may have."""
        return ((self.item_type if self.kind == SCALAR_LIST else self.type_name),) + self.also

    def bind(self, name: str, annotation: Any, namespace: dict[str, Any] | None = None, base: type = object) -> None:
        """Learn the attribute name and derive the type from the annotation (a typing object,
        or its text when annotations are postponed; names are looked up in ``namespace``);
        ``base`` is the class every model derives from."""
        self.name = name
        if not self.key:
            self.key = name
        is_list, hint = _read_hint(annotation, namespace or {})
        is_model = isinstance(hint, type) and issubclass(hint, base) and hint is not object
        if is_list:
            if is_model:
                self.kind, self.model, self.item_type = MODEL_LIST, hint, hint.__name__
            else:
                self.kind, self.item_type = SCALAR_LIST, _scalar_name(hint)
            self.type_name = f"list[{self.item_type}]"
        elif is_model:
            self.kind, self.model, self.type_name = MODEL, hint, hint.__name__
        else:
            self.type_name = _scalar_name(hint)
            self.kind = OBJECT if self.type_name == "object" else SCALAR
        if self.also and self.kind not in (SCALAR, SCALAR_LIST):
            raise TypeError(f"field {name!r}: also=... applies to scalar fields only")

    def __repr__(self) -> str:
        return f"Field({self.name}: {self.type_name}, key={self.key!r})"


def field(
    doc: str = "",
    *,
    key: str | None = None,
    check: Check | None = None,
    aliases: tuple[str, ...] = (),
    also: tuple[str, ...] = (),
) -> Any:
    """Declare a model attribute: its documentation, its JSON key when it differs from the
    attribute name, and an optional check that returns a problem text or None.

    Where the service is known to send something other than its schema says:
    ``aliases`` are other JSON keys read when decoding (``key`` is the one written), and
    ``also`` names other scalar types the value may have (``also=("str",)`` for an integer
    sent as ``"100%"``); both are honoured by every path alike.
    """
    return Field(doc, key, check, aliases, also)


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
    if typing.get_origin(hint) in (Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        hint = args[0] if len(args) == 1 else Any
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return True, item
    return False, hint


_SCALAR_NAMES: dict[str, type] = {"str": str, "int": int, "float": float, "bool": bool}


def _scalar_name(hint: Any) -> str:
    if hint in (str, int, float, bool):
        return str(hint.__name__)
    return "object"

"""The fast paths are held to the general ones, for every model, on generated data.

For model instances (valid and invalid): the compiled check (``_valid``, ``_write_checked``)
and ``validate()`` agree on the verdict; ``validate()`` reports the problems of the general
walk; and the bytes written are those of ``json.dumps`` of a reference encoding written here.
For reply JSON (valid and invalid): the compiled decoder and the plain one give the same model
or both refuse, with the problem the shape check names. Both read ``smtp.models._kinds.RULES``.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import smtp
import smtp.models
from smtp.exceptions import render_path
from smtp.models._base import (
    MAX_DEPTH,
    MODEL,
    MODEL_LIST,
    OBJECT,
    SCALAR_LIST,
    Model,
    field,
    json_body,
    required,
    to_json,
)
from smtp.models._kinds import RULES, accepts, exact_test_source, json_ok, leaf_problem


def _short(value: Any) -> str | None:
    return "too long" if len(value) > 6 else None


def _percent(data: Any) -> Any:
    """The service's ``"100%"`` for an integer ``progress``, read as the integer."""
    progress = data.get("progress") if isinstance(data, dict) else None
    if isinstance(progress, str) and progress.endswith("%") and progress[:-1].isdigit():
        data = dict(data, progress=int(progress[:-1]))
    return data


class EveryLeaf(Model):
    """A model of every kind of field the declarations allow, so that each row of the type table
    is exercised even before a real model uses it."""

    text: str | None = field("a string", check=_short)
    count: int | None = field("an integer")
    ratio: float | None = field("a number")
    flag: bool | None = field("a boolean")
    extra: dict[str, Any] | None = field("an object", key="extra data")
    counts: list[int] | None = field("integers")
    ratios: list[float] | None = field("numbers")
    progress: int | None = field("an integer the service sends as text", also=("str",))
    created: str | None = field("a key the service spells two ways", key="date created", aliases=("date_created",))
    _rules = (required("count"),)
    _normalize = _percent


class EveryNesting(Model):
    """Models inside a model, alone and in a list."""

    one: EveryLeaf | None = field("one")
    many: list[EveryLeaf] | None = field("many")
    names: list[str] | None = field("texts")


MODELS = sorted(
    (
        cls
        for cls in (getattr(smtp.models, name) for name in smtp.models.__all__)
        if isinstance(cls, type) and issubclass(cls, Model) and cls._fields
    ),
    key=lambda cls: cls.__name__,
) + [EveryLeaf, EveryNesting]
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Text(str):
    """A str subclass: valid for ``validate()``, unusual for the fast path."""


def nested(depth: int) -> dict[str, Any]:
    value: dict[str, Any] = {"leaf": 1}
    for _ in range(depth - 1):
        value = {"d": value}
    return value


# -- values --------------------------------------------------------------------------------
JSON_LEAVES = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=8)
)
JSON_OBJECTS = st.dictionaries(
    st.text(max_size=5),
    st.recursive(
        JSON_LEAVES,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
        max_leaves=8,
    ),
    max_size=4,
)
VALID_LEAVES = {
    "str": st.text(max_size=12)
    | st.sampled_from(["a@example.com", "main", "text/plain", "UTF-8", "1.0", "base64", "aGk=", "100%"]),
    "int": st.integers(min_value=-(2**70), max_value=2**70),
    "float": st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(10**6), 10**6),
    "bool": st.booleans(),
    "object": JSON_OBJECTS,
}
# values no leaf of any declared type accepts together with its neighbours: each is wrong for most types
WRONG_LEAVES = st.one_of(
    st.sampled_from([math.inf, -math.inf, math.nan, True, 0, 1.5, "x", [], {}, ["x"], {"k": "v"}]),
    st.builds(lambda d: nested(d), st.integers(MAX_DEPTH - 1, MAX_DEPTH + 3)),
    st.just({"k": math.inf}),
)


def wrong(type_names: tuple[str, ...]) -> st.SearchStrategy[Any]:
    """A value that is probably not of ``type_names``: the near misses of each type first."""
    near = {
        "str": [b"x", 1, None],
        "int": [1.0, True, "1", 2**70 + 0.5],
        "float": [math.inf, -math.inf, math.nan, True, "1.5"],
        "bool": [0, 1, "true"],
        "object": [[], "x", {"k": math.inf}, {"k": {1, 2}}],
    }
    return st.sampled_from([v for name in type_names for v in near[name]]) | WRONG_LEAVES


def leaf(type_names: tuple[str, ...]) -> st.SearchStrategy[Any]:
    return st.one_of(*(VALID_LEAVES[name] for name in type_names))


# -- model instances -----------------------------------------------------------------------
@st.composite
def instances(draw: st.DrawFn, cls: type[Model], depth: int = 0, unusual: list[bool] | None = None) -> Model:
    """An instance of ``cls``, each field None, valid or not; ``unusual`` notes a value the
    fast path may refuse although ``validate()`` accepts it (a subclass, a tuple)."""
    flags = unusual if unusual is not None else []
    values: dict[str, Any] = {}
    spoilt = draw(st.sampled_from((None,) + cls._fields))  # at most one field set wrong, so it decides
    for f in cls._fields:
        choice = draw(st.sampled_from(["none", "good", "good", "good", "odd"])) if f is not spoilt else "bad"
        if choice == "none":
            continue
        if f.kind == MODEL:
            if choice == "good" and depth < 4:
                values[f.name] = draw(instances(f.model, depth + 1, flags))
            elif choice == "bad":
                values[f.name] = draw(st.sampled_from([{"x": 1}, "text", 3, []]))
        elif f.kind == MODEL_LIST:
            if depth >= 4:
                continue
            items = draw(st.lists(instances(f.model, depth + 1, flags), max_size=2))
            if choice == "bad":
                items.append(draw(st.sampled_from([{"x": 1}, "text", None])))
            if choice == "odd":
                flags.append(True)
                items = tuple(items)
            values[f.name] = items
        elif f.kind == SCALAR_LIST:
            items = draw(st.lists(leaf(f.leaf_types), max_size=3))
            if choice == "bad":
                items.append(draw(wrong(f.leaf_types)))
            if choice == "odd":
                flags.append(True)
                items = tuple(items)
            values[f.name] = items
        elif choice == "bad":
            values[f.name] = draw(wrong(f.leaf_types))
        elif choice == "odd" and f.kind != OBJECT and f.leaf_types == ("str",):
            flags.append(True)
            values[f.name] = Text(draw(VALID_LEAVES["str"]))
        else:
            values[f.name] = draw(leaf(f.leaf_types))
    return cls(**values)


def reference_json(value: Any) -> Any:
    """``to_json`` as a reader of the declarations would write it, without the plans."""
    if isinstance(value, Model):
        return {
            f.key: reference_json(getattr(value, f.name)) for f in value._fields if getattr(value, f.name) is not None
        }
    if isinstance(value, list):
        return [reference_json(v) for v in value]
    if isinstance(value, tuple):
        return tuple(reference_json(v) for v in value)
    if isinstance(value, dict):
        return {k: reference_json(v) for k, v in value.items()}
    return value


def reference_bytes(model: Model) -> bytes:
    return json.dumps(reference_json(model), ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def general_problems(model: Model) -> dict[str, str]:
    return {render_path(path): problem for path, problem in model._problems(())}


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_the_fast_check_and_validate_agree_on_the_verdict_the_problems_and_the_bytes(cls):
    @SETTINGS
    @given(st.data())
    def check(data: st.DataObject) -> None:
        unusual: list[bool] = []
        model = data.draw(instances(cls, 0, unusual))
        problems = general_problems(model)
        fast = model._valid()
        checked = json_body(model)
        assert (checked is not None) == fast
        if fast:
            assert problems == {}
        elif not unusual:  # exact types: the fast path refuses only what validate() refuses
            assert problems != {}
        assert model.validate() == problems  # and again, once any check has been remembered
        assert model.validate() == problems
        try:
            expected = reference_bytes(model)
        except (TypeError, ValueError, RecursionError):
            expected = None
        if checked is not None:
            assert checked == expected
        if expected is not None:
            assert json_body(model, check=False) == expected
        if not problems:
            assert expected is not None and to_json(model) == reference_json(model)

    check()


PROBES = [
    None,
    True,
    False,
    0,
    1,
    -(2**80),
    1.5,
    0.0,
    math.inf,
    -math.inf,
    math.nan,
    "",
    "x",
    Text("t"),
    b"b",
    [],
    [1],
    (),
    {},
    {"k": "v"},
    {"k": math.nan},
    {1: "v"},
    nested(MAX_DEPTH),
    nested(MAX_DEPTH + 1),
    {"k": {1, 2}},
    object(),
]


@pytest.mark.parametrize("types", [(name,) for name in RULES] + [("int", "str"), ("float", "bool")], ids=str)
def test_the_two_renderings_of_the_type_table_agree(types):
    test = eval(f"lambda v: {exact_test_source(types)}", {"json_ok": json_ok})  # noqa: S307
    for value in PROBES:
        exact = accepts(types, value, exact=True)
        assert test(value) == exact, value
        assert (leaf_problem(types, value) is None) == accepts(types, value), value
        if exact:
            assert accepts(types, value), value  # what the fast path takes, validate() takes


# -- reply JSON ----------------------------------------------------------------------------
@st.composite
def replies(draw: st.DrawFn, cls: type[Model], depth: int = 0) -> dict[str, Any]:
    """A JSON object for ``cls``: each key missing, null, fitting or not, sometimes under an alias."""
    out: dict[str, Any] = {}
    spoilt = draw(st.sampled_from((None,) + cls._fields))
    for f in cls._fields:
        choice = draw(st.sampled_from(["missing", "null", "good", "good", "good"])) if f is not spoilt else "bad"
        key = draw(st.sampled_from(f.keys))
        if choice == "missing":
            continue
        if choice == "null":
            out[key] = None
            continue
        if f.kind == MODEL:
            out[key] = draw(replies(f.model, depth + 1)) if choice == "good" and depth < 4 else draw(WRONG_LEAVES)
        elif f.kind == MODEL_LIST:
            if choice == "good" and depth < 4:
                out[key] = draw(st.lists(replies(f.model, depth + 1), max_size=2))
            else:
                out[key] = draw(WRONG_LEAVES | st.just([{}, "item"]))
        elif f.kind == SCALAR_LIST:
            items = draw(st.lists(leaf(f.leaf_types), max_size=3))
            out[key] = items + [draw(wrong(f.leaf_types))] if choice == "bad" else items
        else:
            out[key] = draw(wrong(f.leaf_types)) if choice == "bad" else draw(leaf(f.leaf_types))
    return out


def as_sent(value: Any) -> Any:
    """``value`` as a server's JSON text decodes (non-finite numbers as Python writes them)."""
    try:
        return json.loads(json.dumps(value))
    except (TypeError, ValueError):
        return None


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_the_fast_decoder_and_the_plain_one_agree(cls):
    @SETTINGS
    @given(replies(cls))
    def check(data: dict[str, Any]) -> None:
        data = as_sent(data)
        if data is None:
            return
        plain, problem = cls.decode_plain(data)
        try:
            fast = cls._decode(data)
        except (TypeError, AttributeError):
            fast = None
        assert (fast is None) == (plain is None), problem
        assert cls.shape_problem(data) == problem
        if fast is not None:
            assert fast == plain and fast.to_dict() == plain.to_dict()
            assert cls.from_dict(data) == fast
            repr(fast)
        else:
            with pytest.raises(smtp.ApiTypeError) as caught:
                cls.from_dict(data)
            assert problem in str(caught.value)

    check()

"""The code generators behind the models' fast paths (see ``smtp.models._base``).

Five functions are generated from each model's field list, the first time they are needed,
and installed on the class in place of its stubs:

- ``_decode(dict) -> instance``: reply JSON to model: direct slot stores, nested models and
  the items of nested lists built inline, in one function; every leaf is held to its type rule
  and anything that does not fit raises ``Misfit`` (the general shape check then says why);
- ``_valid(instance) -> bool``: True when ``validate()`` would find no problem; exact type
  tests, so anything unusual (a subclass, a tuple) answers False and ``validate()`` then
  walks the model the general way;
- ``_encode(instance) -> dict``: model to JSON values, ``None`` left out, field order kept;
- ``_write_checked(instance, write) -> bool``: the checks of ``_valid`` and, in the same
  pass, the model's JSON text handed to ``write`` piece by piece (keys escaped once, here);
- ``_write(instance, write)``: the JSON text without checks (any value ``to_json`` takes).

Every type test is ``smtp.models._kinds.exact_test_source`` of the field's rule: the table that
``validate()`` reads too. The text of each function is built from the declared fields only,
never from data, and registered in ``linecache`` as ``<smtp plan: Class.name>``, so tracebacks
and profilers show its lines.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable
from typing import Any

from smtp.models._json import LARGE_TEXT, LargeText, encode_basestring, json_text, to_json
from smtp.models._kinds import (
    MODEL,
    MODEL_LIST,
    OBJECT,
    SCALAR,
    SCALAR_LIST,
    Check,
    Field,
    Misfit,
    exact_test_source,
    json_ok,
)

__all__ = ["COMPILERS", "PLAN_NAMES", "plan", "source_of"]

#: the plans every model class has, each compiled on first use
PLAN_NAMES = ("_decode", "_valid", "_encode", "_write_checked", "_write")

_PLANS: dict[tuple[type, str], Callable[..., Any]] = {}


def plan(cls: Any, name: str) -> Callable[..., Any]:
    """The compiled plan ``name`` of model class ``cls``: built on first use and installed on
    the class in place of its stub."""
    compiled = _PLANS.get((cls, name))
    if compiled is None:
        compiled = _PLANS[(cls, name)] = COMPILERS[name](cls)
        type.__setattr__(cls, name, staticmethod(compiled) if name == "_decode" else compiled)
    return compiled


def source_of(cls: Any, name: str) -> str:
    """The generated source of plan ``name`` of ``cls`` (compiling it if needed)."""
    filename = plan(cls, name).__code__.co_filename
    return "".join(linecache.getlines(filename))


class _Source:
    """The text of one generated function and the constants it refers to."""

    def __init__(self, cls: Any, plan_name: str, signature: str) -> None:
        self.cls = cls
        self.plan_name = plan_name
        self.lines = [signature]
        self.env: dict[str, Any] = {
            "new": object.__new__,
            "J": to_json,
            "T": json_text,
            "S": encode_basestring,
            "Big": LargeText,
            "Misfit": Misfit,
            "json_ok": json_ok,
            "note": _note,
            "dict_key": _dict_key,
        }
        self.count = 0

    def name(self, prefix: str, value: Any = None) -> str:
        """A fresh name: a constant bound to ``value``, or a local variable when it is None."""
        self.count += 1
        name = f"{prefix}{self.count:d}"
        if value is not None:
            self.env[name] = value
        return name

    def add(self, indent: int, line: str) -> None:
        self.lines.append("    " * indent + line)

    def compile(self) -> Callable[..., Any]:
        text = "\n".join(self.lines) + "\n"
        filename = f"<smtp plan: {self.cls.__qualname__}.{self.plan_name.lstrip('_')}>"
        code = compile(text, filename, "exec")
        # size, mtime None (never checked against a file), lines, name: how linecache keeps a text
        linecache.cache[filename] = (len(text), None, text.splitlines(True), filename)
        exec(code, self.env)  # noqa: S102 - text built from our own field declarations
        function: Callable[..., Any] = self.env["plan"]
        function.__qualname__ = f"{self.cls.__qualname__}.{self.plan_name}"
        return function


def _fail_unless(src: _Source, indent: int, f: Field, var: str, none_ok: bool) -> None:
    """``raise Misfit`` unless local ``var`` passes the type rule of ``f`` (or is None, with ``none_ok``)."""
    test = exact_test_source(f.leaf_types, var, lambda value: src.name("Y", value), none_ok)
    src.add(indent, f"if not {test}: raise Misfit")


def _decode_into(src: _Source, cls: Any, data: str, out: str, indent: int, depth: int = 0) -> None:
    """Lines that build an instance of ``cls`` in local ``out`` from the dict in local ``data``.

    Nested models and the items of nested lists are built inline (no call per object, no
    comprehension function per list), down to ``_INLINE_DEPTH`` levels; deeper ones call
    the nested class's own decoder.
    """
    normalize = getattr(cls, "_normalize", None)
    if normalize is not None:
        src.add(indent, "{} = {}({})".format(data, src.name("N", normalize), data))
    src.add(indent, f"if type({data}) is not dict: raise Misfit")
    src.add(indent, "{} = new({})".format(out, src.name("C", cls)))
    for f in cls._fields:
        value = src.name("v")
        src.add(indent, f"{value} = {data}.get({f.key!r})")
        for alias in f.aliases:
            src.add(indent, f"if {value} is None: {value} = {data}.get({alias!r})")
        if f.kind in (SCALAR, OBJECT):
            _fail_unless(src, indent, f, value, none_ok=True)
            src.add(indent, f"{out}.{f.name} = {value}")
            continue
        if f.kind == SCALAR_LIST:
            item = src.name("x")
            src.add(indent, f"if {value} is not None:")
            src.add(indent + 1, f"if type({value}) is not list: raise Misfit")
            src.add(indent + 1, f"for {item} in {value}:")
            _fail_unless(src, indent + 2, f, item, none_ok=False)
            src.add(indent, f"{out}.{f.name} = {value}")
            continue
        src.add(indent, f"if {value} is None:")
        src.add(indent + 1, f"{out}.{f.name} = None")
        src.add(indent, "else:")
        if depth >= _INLINE_DEPTH:
            nested = src.name("D", plan(f.model, "_decode"))
            if f.kind == MODEL:
                src.add(indent + 1, f"{out}.{f.name} = {nested}({value})")
            else:
                src.add(indent + 1, f"if type({value}) is not list: raise Misfit")
                src.add(indent + 1, f"{out}.{f.name} = [{nested}(x) for x in {value}]")
        elif f.kind == MODEL:
            sub = src.name("o")
            _decode_into(src, f.model, value, sub, indent + 1, depth + 1)
            src.add(indent + 1, f"{out}.{f.name} = {sub}")
        else:
            items, item, sub = src.name("l"), src.name("x"), src.name("o")
            src.add(indent + 1, f"if type({value}) is not list: raise Misfit")
            src.add(indent + 1, f"{items} = []")
            src.add(indent + 1, f"for {item} in {value}:")
            _decode_into(src, f.model, item, sub, indent + 2, depth + 1)
            src.add(indent + 2, f"{items}.append({sub})")
            src.add(indent + 1, f"{out}.{f.name} = {items}")


_INLINE_DEPTH = 6


def _compile_decode(cls: Any) -> Callable[..., Any]:
    src = _Source(cls, "_decode", "def plan(d):")
    _decode_into(src, cls, "d", "o", 1)
    src.add(1, "return o")
    return src.compile()


def _compile_valid(cls: Any) -> Callable[..., Any]:
    return _compile_checked(cls, write=False)


def _compile_write_checked(cls: Any) -> Callable[..., Any]:
    return _compile_checked(cls, write=True)


def _compile_checked(cls: Any, write: bool) -> Callable[..., Any]:
    """``_valid``, or with ``write`` ``_write_checked``: the same checks, each failure answering
    False, and the JSON text of each field written once its value has passed."""
    name = "_write_checked" if write else "_valid"
    src = _Source(cls, name, "def plan(o, w):" if write else "def plan(o):")
    first = True
    for f in cls._fields:
        src.add(1, f"v = o.{f.name}")
        src.add(1, "if v is not None:")
        if write:
            _write_key(src, f, first)
        if f.kind in (MODEL, MODEL_LIST):
            model = src.name("M", f.model)
            nested = src.name("V", plan(f.model, name))
            call = f"{nested}(%s, w)" if write else f"{nested}(%s)"
            if f.kind == MODEL:
                src.add(2, "if type(v) is not {} or not {}: return False".format(model, call % "v"))
            else:
                src.add(2, "if type(v) is not list: return False")
                if write:
                    src.add(2, "w('[')")
                    src.add(2, "for i, x in enumerate(v):")
                    src.add(3, "if i: w(',')")
                else:
                    src.add(2, "for x in v:")
                src.add(3, "if type(x) is not {} or not {}: return False".format(model, call % "x"))
                if write:
                    src.add(2, "w(']')")
        elif f.kind == SCALAR_LIST:
            src.add(2, "if type(v) is not list: return False")
            src.add(2, "for x in v:")
            src.add(3, f"if not {exact_test_source(f.leaf_types, 'x')}: return False")
        else:
            src.add(2, f"if not {exact_test_source(f.leaf_types)}: return False")
        if f.check is not None and f.kind == SCALAR and f.leaf_types == ("str",):
            # a check is a pure function of the value: text that passed it once passes again
            passed, check = src.name("P", _passed(f.check)), src.name("K", f.check)
            src.add(2, f"if v not in {passed}:")
            src.add(3, f"if {check}(v): return False")
            src.add(3, f"if len(v) <= {_MEMO_CHARS:d}: note({passed}, v)")
        elif f.check is not None and f.kind == OBJECT:  # a small dict of short texts is remembered by its items
            passed, check = src.name("P", _passed(f.check)), src.name("K", f.check)
            src.add(2, "k = dict_key(v)")
            src.add(2, f"if k is None or k not in {passed}:")
            src.add(3, f"if {check}(v): return False")
            src.add(3, f"if k is not None: note({passed}, k)")
        elif f.check is not None:
            src.add(2, "if {}(v): return False".format(src.name("K", f.check)))
        if write and f.kind == SCALAR and f.leaf_types == ("str",):
            src.add(2, f"w(S(v) if len(v) < {LARGE_TEXT:d} else Big(v))")
        elif write and f.kind not in (MODEL, MODEL_LIST):  # plain JSON values as they are; others through J
            src.add(2, "try: w(T(v))")
            src.add(2, "except TypeError: w(T(J(v)))")
        first = False
    for rule in cls._rules:
        names = getattr(rule, "required", None)
        if names:
            src.add(1, "if {}: return False".format(" or ".join(f"o.{name} is None" for name in names)))
        else:
            src.add(1, "for _ in {}(o): return False".format(src.name("R", rule)))
    if write:
        _write_end(src)
    src.add(1, "return True")
    return src.compile()


def _compile_write(cls: Any) -> Callable[..., Any]:
    """``_write``: the JSON text of any field values (models of the declared class take the
    compiled path, anything else goes through ``to_json``)."""
    src = _Source(cls, "_write", "def plan(o, w):")
    first = True
    for f in cls._fields:
        src.add(1, f"v = o.{f.name}")
        src.add(1, "if v is not None:")
        _write_key(src, f, first)
        if f.kind in (MODEL, MODEL_LIST):
            model, nested = src.name("M", f.model), src.name("W", plan(f.model, "_write"))
            if f.kind == MODEL:
                src.add(2, f"if type(v) is {model}: {nested}(v, w)")
            else:
                src.add(2, f"if type(v) is list and all(type(x) is {model} for x in v):")
                src.add(3, "w('[')")
                src.add(3, "for i, x in enumerate(v):")
                src.add(4, "if i: w(',')")
                src.add(4, f"{nested}(x, w)")
                src.add(3, "w(']')")
            src.add(2, "else: w(T(J(v)))")
        else:
            src.add(2, f"w((S(v) if len(v) < {LARGE_TEXT:d} else Big(v)) if type(v) is str else T(J(v)))")
        first = False
    _write_end(src)
    return src.compile()


def _write_key(src: _Source, f: Field, first: bool) -> None:
    """Write ``"key":`` (after a comma, or after the brace when no field was written yet)."""
    key = encode_basestring(f.key) + ":"
    if first:
        src.add(2, "w({!r})".format("{" + key))
    else:
        src.add(2, "w({!r} if started else {!r})".format("," + key, "{" + key))
    src.add(2, "started = True")


def _write_end(src: _Source) -> None:
    src.lines.insert(1, "    started = False")
    src.add(1, "w('}' if started else '{}')")


# Texts that passed a check, per check function: a sender's address, the channel, a content
# type come back on every send, and some checks (addresses) cost a regular expression each.
_MEMO_CHARS = 256  # longer texts are checked every time (and never kept alive here)
_MEMO_SIZE = 512  # entries per check; the set starts over when full
_PASSED: dict[Check, set[Any]] = {}


def _passed(check: Check) -> set[Any]:
    return _PASSED.setdefault(check, set())


def _note(passed: set[Any], value: Any) -> None:
    if len(passed) >= _MEMO_SIZE:
        passed.clear()
    passed.add(value)


def _dict_key(value: dict[Any, Any]) -> tuple[Any, ...] | None:
    """The items of a small dict of short texts (such as ``custom_headers``), to remember that
    it passed a check; None for any other dict, which is checked every time."""
    if len(value) > 16:
        return None
    for key, item in value.items():
        if type(key) is not str or type(item) is not str or len(key) + len(item) > _MEMO_CHARS:
            return None
    return tuple(value.items())


def _compile_encode(cls: Any) -> Callable[..., Any]:
    src = _Source(cls, "_encode", "def plan(o):")
    src.add(1, "out = {}")
    for f in cls._fields:
        src.add(1, f"v = o.{f.name}")
        src.add(1, "if v is not None:")
        if f.kind == MODEL:
            model, encode = src.name("M", f.model), src.name("E", plan(f.model, "_encode"))
            value = f"{encode}(v) if type(v) is {model} else J(v)"
        elif f.kind == MODEL_LIST:
            model, encode = src.name("M", f.model), src.name("E", plan(f.model, "_encode"))
            value = f"[{encode}(x) if type(x) is {model} else J(x) for x in v] if type(v) is list else J(v)"
        elif f.kind == SCALAR and f.leaf_types in (("str",), ("int",), ("bool",)):
            value = f"v if {exact_test_source(f.leaf_types)} else J(v)"
        else:
            value = "J(v)"
        src.add(2, f"out[{f.key!r}] = {value}")
    src.add(1, "return out")
    return src.compile()


COMPILERS: dict[str, Callable[[Any], Callable[..., Any]]] = {
    "_decode": _compile_decode,
    "_valid": _compile_valid,
    "_write_checked": _compile_write_checked,
    "_write": _compile_write,
    "_encode": _compile_encode,
}

"""The client core: turns a declared operation and its arguments into a request, and the reply
into a model.

It owns authentication, default headers, query encoding, model -> JSON, JSON -> model,
client-side validation, the ``async_req`` thread pool and the process-fork hooks. It sends
through ``smtp.rest.RESTClientObject`` and knows no HTTP beyond that.
"""

from __future__ import annotations

import datetime
import gc
import json
import logging
import os
import sys
import threading
import weakref
from collections.abc import Mapping, Sequence
from typing import Any

from smtp import models as _models
from smtp._time import is_time_text as is_time_text  # re-exported: the sandbox imports it from here
from smtp._time import wire_time
from smtp.configuration import Configuration
from smtp.exceptions import ApiTypeError, ApiValueError, UnexpectedResponseError, render_path
from smtp.models._base import Model, decode_or_raise, json_body, json_text, to_json
from smtp.rest import RESTClientObject, RESTResponse
from smtp.validation import MAX_MESSAGE_BYTES

__all__ = ["ApiClient", "Operation", "Param"]

logger = logging.getLogger("smtp")

_PRIMITIVES = (float, bool, bytes, str, int)
_OPTIONS = (
    "async_req",
    "_return_http_data_only",
    "_preload_content",
    "_request_timeout",
    "_request_auth",
    "_host_index",
)
_NATIVE = {"str": str, "int": int, "float": float, "bool": bool}


# --------------------------------------------------------------------------------------
# declarations the endpoints layer hands to the core
# --------------------------------------------------------------------------------------
class Param:
    """One parameter of an operation, declared as data.

    ``kind`` says how a value is checked and encoded: ``str``, ``int``, ``time`` (an RFC 2822
    string, an epoch number or an aware ``datetime``, sent as given or as epoch seconds),
    ``enum`` (a string or a list of strings from ``enum``, sent as repeated parameters) or
    ``body`` (a model of class ``model``, sent as JSON).
    """

    __slots__ = ("name", "kind", "required", "doc", "minimum", "maximum", "enum", "model", "wire_name")

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

    @property
    def type_name(self) -> str:
        """The type as the generated documentation spells it."""
        if self.kind == "body":
            return str(self.model)
        return "int" if self.kind == "int" else "str"


class Operation:
    """One API operation, declared as data by the endpoints layer and carried out by the core."""

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
        #: the parameter names, and the body parameter if the operation has one (worked out once)
        self.names = frozenset(p.name for p in self.params)
        self.body: Param | None = next((p for p in self.params if p.kind == "body"), None)


# --------------------------------------------------------------------------------------
# live clients, for the fork hook (a child process must not share its parent's sockets)
# --------------------------------------------------------------------------------------
_CLIENTS: weakref.WeakSet[ApiClient] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for client in list(_CLIENTS):
        client._reset_after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class ApiClient:
    """Sends the operations of ``MessagesApi``; one per ``Configuration``, safe to share
    between threads, usable as a context manager (``close()`` on exit).

    :param configuration: the settings; ``Configuration.get_default_copy()`` when None.
    :param header_name: a header to send with every request (with ``header_value``).
    :param cookie: a ``Cookie`` header to send with every request.
    :param pool_threads: threads of the pool used by ``async_req=True``.
    """

    PRIMITIVE_TYPES = _PRIMITIVES
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

    def __init__(
        self,
        configuration: Configuration | None = None,
        header_name: str | None = None,
        header_value: str | None = None,
        cookie: str | None = None,
        pool_threads: int = 1,
    ) -> None:
        if configuration is None:
            configuration = Configuration.get_default_copy()
        self.configuration = configuration
        self.pool_threads = pool_threads
        self.rest_client = RESTClientObject(configuration)
        self.default_headers: dict[str, str] = {}
        if header_name is not None:
            self.default_headers[header_name] = header_value  # type: ignore[assignment]
        self.cookie = cookie
        from smtp import __version__

        self.user_agent = "smtp-python/{} (Python {})".format(__version__, ".".join(map(str, sys.version_info[:3])))
        self.client_side_validation = configuration.client_side_validation
        self._pool: Any = None
        self._pool_lock = threading.Lock()
        _CLIENTS.add(self)

    # -- lifecycle ----------------------------------------------------------------------
    def __enter__(self) -> ApiClient:
        return self

    def __exit__(self, exc_type: Any, exc_value: Any, traceback: Any) -> None:
        self.close()

    def close(self) -> None:
        """Stop the ``async_req`` pool and close pooled connections."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
            pool.join()
        self.rest_client.close()

    def _reset_after_fork(self) -> None:
        self._pool = None
        self._pool_lock = threading.Lock()
        self.rest_client.reset_after_fork()

    @property
    def pool(self) -> Any:
        """The thread pool of ``async_req=True`` calls, created on first use."""
        if self._pool is None:
            with self._pool_lock:
                if self._pool is None:
                    from multiprocessing.pool import ThreadPool

                    self._pool = ThreadPool(self.pool_threads)
        return self._pool

    def __repr__(self) -> str:
        return f"ApiClient({self.configuration!r})"

    # -- headers ------------------------------------------------------------------------
    @property
    def user_agent(self) -> str:
        """The ``User-Agent`` header: this SDK, its version and the Python version."""
        return self.default_headers["User-Agent"]

    @user_agent.setter
    def user_agent(self, value: str) -> None:
        self.default_headers["User-Agent"] = value

    def set_default_header(self, header_name: str, header_value: str) -> None:
        """Send this header with every request of this client."""
        from smtp.rest import check_headers

        check_headers({header_name: header_value})
        self.default_headers[header_name] = header_value

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

    def update_params_for_auth(
        self,
        headers: dict[str, str],
        querys: list[tuple[str, Any]],
        auth_settings: Sequence[str],
        request_auth: Mapping[str, Any] | None = None,
    ) -> None:
        """Add the credentials of every configured scheme in ``auth_settings`` (or only
        ``request_auth``, when given) to ``headers`` and ``querys``."""
        if request_auth:
            self._apply_auth(headers, querys, request_auth)
            return
        if not auth_settings:
            return
        settings = self.configuration.auth_settings()
        for name in auth_settings:
            setting = settings.get(name)
            if setting and setting.get("value") is not None:
                self._apply_auth(headers, querys, setting)

    @staticmethod
    def _apply_auth(headers: dict[str, str], querys: list[tuple[str, Any]], setting: Mapping[str, Any]) -> None:
        where = setting.get("in")
        if where == "header":
            headers[setting["key"]] = setting["value"]
        elif where == "query":
            querys.append((setting["key"], setting["value"]))
        elif where == "cookie":
            headers["Cookie"] = setting["value"]
        else:
            raise ApiValueError("Authentication token must be in `query`, `header` or `cookie`")

    # -- model <-> JSON -----------------------------------------------------------------
    def sanitize_for_serialization(self, obj: Any) -> Any:
        """``obj`` as plain JSON values: models become dicts keyed by JSON names with
        ``None`` fields left out; dates become ISO 8601 strings."""
        return _to_json(obj)

    def deserialize(self, response: Any, response_type: str | type | None) -> Any:
        """The model (or value) of type ``response_type`` read from a reply's JSON body.

        A body that is not JSON, or JSON of the wrong shape, raises ``UnexpectedResponseError``.
        """
        if response_type is None:
            return None
        if response_type == "file":
            return response.data
        # A large reply is parsed and decoded with the cyclic garbage collector paused: every
        # object made on the way is kept (the JSON tree until the models are built, the models
        # after), so a collection finds nothing to free, yet CPython would run dozens of them,
        # each walking every live object, for a 1000-item page. Then one young collection runs.
        paused = len(response.data or b"") >= _PAUSE_GC_BYTES and gc.isenabled()
        if paused:
            gc.disable()
        try:
            data = _load_json(response)
            model = _RESPONSE_MODELS[response_type] if isinstance(response_type, str) else None
            if model is not None:  # the usual case: a model named by the operation
                if type(data) is dict and data.keys().isdisjoint(model.attribute_map.values()):
                    _check_envelope(data, model, response)
                return decode_or_raise(model, data, response)
            _check_envelope(data, response_type, response)
            return self._deserialize(data, response_type, response)
        finally:
            if paused:
                gc.enable()
                gc.collect(0)  # the collection the pause deferred, here rather than in the caller's next allocation

    def _deserialize(self, data: Any, klass: str | type, response: Any) -> Any:
        if isinstance(klass, str):
            model = getattr(_models, klass, None)
            if model is not None:
                return decode_or_raise(model, data, response)
            if data is None:
                return None
            if klass.startswith("list["):
                inner = klass[5:-1]
                _expect(data, list, klass, response)
                return [self._deserialize(item, inner, response) for item in data]
            if klass.startswith("dict("):
                inner = klass[5:-1].split(",", 1)[1].strip()
                _expect(data, dict, klass, response)
                return {k: self._deserialize(v, inner, response) for k, v in data.items()}
            if klass == "object":
                return data
            if klass in ("date", "datetime"):
                return _parse_time(data, klass, response)
            native = _NATIVE.get(klass)
            if native is None:
                raise ApiTypeError(f"Unknown response type {klass!r}")
            try:
                return native(data)
            except (TypeError, ValueError, OverflowError):
                raise UnexpectedResponseError(response, f"expected {klass}, got {data!r}") from None
        if isinstance(klass, type) and issubclass(klass, Model):
            return decode_or_raise(klass, data, response)
        return data

    # -- the request path ---------------------------------------------------------------
    def call_operation(self, op: Operation, args: Sequence[Any], kwargs: dict[str, Any]) -> Any:
        """Carry out ``op`` with the caller's positional ``args`` and keyword ``kwargs``
        (parameters and the generated SDK's ``async_req``/``_...`` options)."""
        values: dict[str, Any] = {}
        params = op.params
        if len(args) > len(params):
            raise ApiTypeError(f"{op.name}() takes at most {len(params)} positional arguments ({len(args)} given)")
        for param, value in zip(params, args, strict=False):
            values[param.name] = value
        options: dict[str, Any] = {}
        known = op.names
        for key, value in kwargs.items():
            if key in known:
                if key in values:
                    raise ApiTypeError(f"{op.name}() got multiple values for argument '{key}'")
                values[key] = value
            elif key in _OPTIONS:
                options[key] = value
            else:
                raise ApiTypeError(f"Got an unexpected keyword argument '{key}' to method {op.name}")
        if options.get("async_req"):
            return self.pool.apply_async(self._run_operation, (op, values, options))
        return self._run_operation(op, values, options)

    def _run_operation(self, op: Operation, values: dict[str, Any], options: dict[str, Any]) -> Any:
        validate = self.client_side_validation
        query: list[tuple[str, Any]] = []
        body: Any = None
        for param in op.params:
            value = values.get(param.name)
            if value is None:
                if param.required and (validate or param.kind == "body"):
                    raise ApiValueError(
                        f"Missing the required parameter `{param.name}` when calling `{op.name}`",
                        errors={param.name: "is required"},
                    )
                if param.kind != "body":
                    continue
            if param.kind == "body":
                body = self._encode_body(op, param, value, validate)
            else:
                _encode_query(param, value, validate, query)
        headers = dict(self.default_headers)
        headers["Accept"] = "application/json"
        if op.body is not None:
            headers["Content-Type"] = "application/json"
        if self.cookie:
            headers["Cookie"] = self.cookie
        self.update_params_for_auth(headers, query, op.auth, options.get("_request_auth"))
        reply = self.rest_client.request(
            op.method,
            self._host(options.get("_host_index")) + op.path,
            query_params=query,
            headers=headers,
            body=body,
            _preload_content=options.get("_preload_content", True),
            _request_timeout=options.get("_request_timeout"),
        )
        if not isinstance(reply, RESTResponse):  # _preload_content=False: the raw reply
            return reply
        data = self.deserialize(reply, op.response_type)
        if options.get("_return_http_data_only"):
            return data
        return data, reply.status, reply.getheaders()

    def _host(self, index: int | None) -> str:
        """The base URL: ``configuration.host``, or server ``index`` of the API document's list."""
        if index is None:
            return self.configuration.host
        return self.configuration.get_host_from_settings(index)

    def _encode_body(self, op: Operation, param: Param, value: Any, validate: bool) -> bytes:
        try:
            return self._encode_body_text(op, param, value, validate)
        except UnicodeEncodeError:  # a lone surrogate ("\ud800"): text that UTF-8 cannot carry
            where = _unencodable_path(_to_json(value)) or param.name
            raise ApiValueError(
                f"{where}: the text holds a lone surrogate character that UTF-8 cannot encode",
                errors={where: "holds a lone surrogate character that UTF-8 cannot encode"},
            ) from None

    def _encode_body_text(self, op: Operation, param: Param, value: Any, validate: bool) -> bytes:
        model_cls: type[Model] | None = getattr(_models, str(param.model), None)
        if value is None:
            value = model_cls() if model_cls is not None else {}
        if validate and model_cls is not None:
            if isinstance(value, dict):
                raise ApiTypeError(
                    f"{param.name}: expected a {param.model}, got a dict; build it with smtp.{param.model}(...)",
                    valid_classes=(model_cls,),
                )
            if not isinstance(value, model_cls):
                raise ApiTypeError(
                    f"{param.name}: expected a {param.model}, got {type(value).__name__}", valid_classes=(model_cls,)
                )
            body = json_body(value)  # checked and written in one pass
            if body is None:  # not certainly valid: ask validate() what is wrong, if anything
                errors = value.validate()
                if errors:
                    raise ApiValueError.from_errors(errors, context=f"{param.name} for {op.name}")
                body = json_body(value, check=False)
        elif isinstance(value, Model):
            body = json_body(value, check=False)
        else:
            body = json_text(_to_json(value)).encode("utf-8")
        assert body is not None
        if validate and len(body) > MAX_MESSAGE_BYTES:
            raise ApiValueError(
                f"{param.name}: the request body is {len(body)} bytes; the service accepts at most "
                f"{MAX_MESSAGE_BYTES:d} (10 MB)",
                errors={param.name: "larger than 10 MB"},
            )
        return body

    def call_api(
        self,
        resource_path: str,
        method: str,
        path_params: dict[str, Any] | None = None,
        query_params: list[tuple[str, Any]] | None = None,
        header_params: dict[str, str] | None = None,
        body: Any = None,
        post_params: Any = None,
        files: Any = None,
        response_type: str | None = None,
        auth_settings: Sequence[str] | None = None,
        async_req: bool | None = None,
        _return_http_data_only: bool | None = None,
        collection_formats: dict[str, str] | None = None,
        _preload_content: bool = True,
        _request_timeout: Any = None,
        _host: str | None = None,
        _request_auth: Mapping[str, Any] | None = None,
    ) -> Any:
        """The generated SDK's low-level call: send a request to ``resource_path`` and
        deserialize the reply into ``response_type``. ``MessagesApi`` does not need it."""
        if async_req:
            return self.pool.apply_async(
                self.call_api,
                (
                    resource_path,
                    method,
                    path_params,
                    query_params,
                    header_params,
                    body,
                    post_params,
                    files,
                    response_type,
                    auth_settings,
                    False,
                    _return_http_data_only,
                    collection_formats,
                    _preload_content,
                    _request_timeout,
                    _host,
                    _request_auth,
                ),
            )
        if files:
            raise ApiValueError("files: this API takes no file uploads; attach files in the JSON body")
        for name, value in (path_params or {}).items():
            from urllib.parse import quote

            resource_path = resource_path.replace(
                f"{{{name}}}", quote(str(value), safe=self.configuration.safe_chars_for_path_param)
            )
        headers = dict(self.default_headers)
        if self.cookie:
            headers["Cookie"] = self.cookie
        headers.update(header_params or {})
        query = self.parameters_to_tuples(query_params or [], collection_formats)
        self.update_params_for_auth(headers, query, auth_settings or (), _request_auth)
        reply = self.rest_client.request(
            method,
            (_host or self.configuration.host) + resource_path,
            query_params=query,
            headers=headers,
            body=_to_json(body) if body is not None else None,
            post_params=post_params,
            _preload_content=_preload_content,
            _request_timeout=_request_timeout,
        )
        if not isinstance(reply, RESTResponse):
            return reply
        data = self.deserialize(reply, response_type)
        if _return_http_data_only:
            return data
        return data, reply.status, reply.getheaders()

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

    def parameters_to_tuples(
        self, params: Mapping[str, Any] | Sequence[tuple[str, Any]], collection_formats: Mapping[str, str] | None
    ) -> list[tuple[str, Any]]:
        """Parameters as ``(name, value)`` pairs, lists expanded by their collection format
        (``multi`` repeats the name; ``csv``, ``ssv``, ``tsv``, ``pipes`` join the values)."""
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


# --------------------------------------------------------------------------------------
# encoding helpers
# --------------------------------------------------------------------------------------
#: models, lists, dicts and dates as JSON values (None fields of models left out)
_to_json = to_json


def _encode_query(param: Param, value: Any, validate: bool, query: list[tuple[str, Any]]) -> None:
    name = param.wire_name
    kind = param.kind
    if kind == "time":
        query.append((name, encode_time(param.name, value, validate)))
    elif kind == "enum":
        items = [value] if isinstance(value, str) else value
        if validate:
            if not isinstance(items, (list, tuple)) or not items:
                raise ApiTypeError(
                    f"{param.name} must be a string or a non-empty list of strings, got {type(value).__name__}"
                )
            for item in items:
                if item not in param.enum:
                    raise ApiValueError(
                        "Invalid value for `{}` ({!r}), must be one of {}".format(
                            param.name, item, ", ".join(param.enum)
                        ),
                        errors={param.name: "must be one of {}".format(", ".join(param.enum))},
                    )
        query.extend((name, item) for item in items)
    elif kind == "int":
        if validate:
            if isinstance(value, bool) or not isinstance(value, int):
                raise ApiTypeError(
                    f"{param.name} must be an int, got {type(value).__name__} {value!r}", valid_classes=(int,)
                )
            if (
                param.minimum is not None
                and value < param.minimum
                or param.maximum is not None
                and value > param.maximum
            ):
                bounds = (
                    f"between {param.minimum} and {param.maximum}"
                    if param.maximum is not None
                    else f">= {param.minimum}"
                )
                raise ApiValueError(
                    f"Invalid value for parameter `{param.name}` ({value:d}), must be {bounds}",
                    errors={param.name: f"must be {bounds}"},
                )
        query.append((name, value))
    else:
        if validate:
            if not isinstance(value, str):
                raise ApiTypeError(f"{param.name} must be a string, got {type(value).__name__}", valid_classes=(str,))
            if param.required and not value.strip():
                raise ApiValueError(f"{param.name} must not be empty", errors={param.name: "must not be empty"})
        query.append((name, value))


def encode_time(name: str, value: Any, validate: bool = True) -> str:
    """A time parameter as the service takes it: an RFC 2822 string or epoch seconds.

    Accepts such a string, an ``int``/``float`` epoch or a timezone-aware ``datetime``
    (``smtp._time`` is the one parser); a naive ``datetime`` is refused, since its moment is
    ambiguous. Without ``validate`` a string is sent as written.
    """
    text, problem = wire_time(value)
    if text is not None:
        return text
    if not validate and isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int, float, datetime.datetime)):
        if not validate:
            return str(value)
        raise ApiTypeError(f"{name} {problem}")
    raise ApiValueError(f"{name}: {problem}", errors={name: problem or "not a time"})


def _load_json(response: Any) -> Any:
    content_type = response.getheader("Content-Type") or ""
    if content_type and "json" not in content_type.lower():
        raise UnexpectedResponseError(response, f"Content-Type is {content_type[:80]!r}, not JSON")
    raw = response.data
    if not raw:
        raise UnexpectedResponseError(response, "the body is empty")
    try:
        if raw[:1] == b"{" and raw[1:2] != b"\x00":  # a UTF-8 object: what json.loads does, less its detours
            text = raw.decode("utf-8", "surrogatepass")
            try:
                data, end = _scan_json(text)
            except ValueError:
                data, end = None, -1  # let json.loads say what is wrong
            if end == len(text) or (end > 0 and not text[end:].strip(" \t\n\r")):
                return data
        return json.loads(raw)
    except ValueError as error:
        raise UnexpectedResponseError(response, f"invalid JSON ({error})") from None
    except RecursionError:
        raise UnexpectedResponseError(response, "JSON nested too deeply") from None


#: replies at least this long are read with the garbage collector paused (see ``deserialize``)
_PAUSE_GC_BYTES = 1 << 16

#: ``json.loads(text)`` without the leading-whitespace and trailing-data checks: ``(value, end)``
_scan_json = json.JSONDecoder().raw_decode


class _ResponseModels(dict):  # type: ignore[type-arg]
    """Model classes by name, for ``deserialize`` (None for a name that is not a model)."""

    def __missing__(self, name: str) -> Any:
        model = getattr(_models, name, None)
        self[name] = model = model if isinstance(model, type) and issubclass(model, Model) else None
        return model


_RESPONSE_MODELS = _ResponseModels()


def _check_envelope(data: Any, response_type: Any, response: Any) -> None:
    """Refuse a reply object that has none of its model's keys: a proxy's or a wrong server's
    JSON would otherwise decode into an empty model."""
    model = getattr(_models, response_type, None) if isinstance(response_type, str) else response_type
    if (
        isinstance(data, dict)
        and isinstance(model, type)
        and issubclass(model, Model)
        and data.keys().isdisjoint(model.attribute_map.values())
    ):
        raise UnexpectedResponseError(
            response,
            "a JSON object with none of the fields of {} ({})".format(
                model.__name__, ", ".join(model.attribute_map.values())
            ),
        )


def _expect(data: Any, kind: type, klass: str, response: Any) -> None:
    if not isinstance(data, kind):
        raise UnexpectedResponseError(response, f"expected {klass}, got {type(data).__name__}")


def _parse_time(data: Any, klass: str, response: Any) -> Any:
    from dateutil.parser import parse

    try:
        parsed = parse(data)
    except (TypeError, ValueError, OverflowError):
        raise UnexpectedResponseError(response, f"{data!r} is not a {klass}") from None
    return parsed.date() if klass == "date" else parsed


def _unencodable_path(value: Any, path: tuple[Any, ...] = ()) -> str | None:
    """The path (``recipients.to[0].name``) of the first text in a JSON value that UTF-8
    cannot encode, or None."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return render_path(path)
        return None
    items: Any = (
        value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, (list, tuple)) else ()
    )
    for key, item in items:
        if isinstance(key, str) and _unencodable_path(key) is not None:
            return render_path(path + (key,))
        found = _unencodable_path(item, path + (key,))
        if found is not None:
            return found
    return None

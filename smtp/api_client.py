"""The client core: turns a declared operation and its arguments into a request, and the reply
into a model.

It owns authentication, default headers, parameter checks and encoding (path, query, body),
the ``async_req`` thread pool and the process-fork hooks. Replies are decoded by
``smtp._decode``; requests go out through ``smtp.rest.RESTClientObject``, on one private send
path (``ApiClient._send``) that both ``call_operation`` and the generated ``call_api`` use. What
the generated client had that nothing here uses lives in ``smtp._compat``.
"""

from __future__ import annotations

import datetime
import logging
import os
import sys
import threading
import weakref
from collections.abc import Mapping, Sequence
from typing import Any
from urllib.parse import quote

from smtp._compat import GeneratedClientMixin, expand_collections
from smtp._decode import decode_reply, model_named
from smtp._time import wire_time
from smtp._version import __version__
from smtp.configuration import Configuration
from smtp.exceptions import ApiTypeError, ApiValueError, render_path
from smtp.models._base import Model, json_body, json_text, to_json
from smtp.operations import Operation, Param
from smtp.rest import RESTClientObject, RESTResponse
from smtp.validation import MAX_MESSAGE_BYTES

__all__ = ["ApiClient", "Operation", "Param", "encode_time"]

logger = logging.getLogger("smtp")

_OPTIONS = (
    "async_req",
    "_return_http_data_only",
    "_preload_content",
    "_request_timeout",
    "_request_auth",
    "_host_index",
)


# --------------------------------------------------------------------------------------
# live clients, for the fork hook (a child process must not share its parent's sockets)
# --------------------------------------------------------------------------------------
_CLIENTS: weakref.WeakSet[ApiClient] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for client in list(_CLIENTS):
        client._reset_after_fork()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork_in_child)


class ApiClient(GeneratedClientMixin):
    """Sends the operations of ``MessagesApi``; one per ``Configuration``, safe to share
    between threads, usable as a context manager (``close()`` on exit).

    :param configuration: the settings; ``Configuration.get_default_copy()`` when None.
    :param header_name: a header to send with every request (with ``header_value``).
    :param cookie: a ``Cookie`` header to send with every request.
    :param pool_threads: threads of the pool used by ``async_req=True``.
    """

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
        return to_json(obj)

    def deserialize(self, response: Any, response_type: str | type | None) -> Any:
        """The model (or value) of type ``response_type`` read from a reply's JSON body.

        A body that is not JSON, or JSON of the wrong shape, raises ``UnexpectedResponseError``.
        """
        return decode_reply(response, response_type)

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
        path = op.path
        query: list[tuple[str, Any]] = []
        body: Any = None
        for param in op.params:
            value = values.get(param.name)
            location = param.location
            if value is None:
                if param.required and (validate or location != "query"):
                    raise ApiValueError(
                        f"Missing the required parameter `{param.name}` when calling `{op.name}`",
                        errors={param.name: "is required"},
                    )
                if location != "body":
                    continue
            if location == "body":
                body = self._encode_body(op, param, value, validate)
                continue
            if validate:
                _check_param(param, value)
            if location == "path":
                path = path.replace(f"{{{param.wire_name}}}", quote(_path_text(value), safe=""))
            else:
                _encode_query(param, value, validate, query)
        headers = {"Accept": "application/json"}
        if op.body is not None:
            headers["Content-Type"] = "application/json"
        return self._send(
            op.method,
            self._host(options.get("_host_index")) + path,
            query,
            headers,
            body,
            op.auth,
            op.response_type,
            options,
        )

    def _send(
        self,
        method: str,
        url: str,
        query: list[tuple[str, Any]],
        extra_headers: Mapping[str, str] | None,
        body: Any,
        auth_settings: Sequence[str],
        response_type: str | None,
        options: Mapping[str, Any],
        post_params: Any = None,
    ) -> Any:
        """The one way out: default headers, cookie, the call's own headers and credentials
        added to the request, the request sent, the reply decoded into ``response_type``.
        Returns the data, or ``(data, status, headers)``, or the raw reply when
        ``_preload_content`` is False (``options`` holds the generated SDK's options)."""
        headers = dict(self.default_headers)
        if self.cookie:
            headers["Cookie"] = self.cookie
        if extra_headers:
            headers.update(extra_headers)
        self.update_params_for_auth(headers, query, auth_settings, options.get("_request_auth"))
        reply = self.rest_client.request(
            method,
            url,
            query_params=query,
            headers=headers,
            body=body,
            post_params=post_params,
            _preload_content=options.get("_preload_content", True),
            _request_timeout=options.get("_request_timeout"),
        )
        if not isinstance(reply, RESTResponse):  # _preload_content=False: the raw reply
            return reply
        data = decode_reply(reply, response_type)
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
            where = _unencodable_path(to_json(value)) or param.name
            raise ApiValueError(
                f"{where}: the text holds a lone surrogate character that UTF-8 cannot encode",
                errors={where: "holds a lone surrogate character that UTF-8 cannot encode"},
            ) from None

    def _encode_body_text(self, op: Operation, param: Param, value: Any, validate: bool) -> bytes:
        model_cls: type[Model] | None = model_named(str(param.model))
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
            body = json_text(to_json(value)).encode("utf-8")
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
        deserialize the reply into ``response_type``. The API classes do not need it."""
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
            resource_path = resource_path.replace(
                f"{{{name}}}", quote(str(value), safe=self.configuration.safe_chars_for_path_param)
            )
        options = {
            "_return_http_data_only": _return_http_data_only,
            "_preload_content": _preload_content,
            "_request_timeout": _request_timeout,
            "_request_auth": _request_auth,
        }
        return self._send(
            method,
            (_host or self.configuration.host) + resource_path,
            expand_collections(query_params or [], collection_formats),
            header_params,
            to_json(body) if body is not None else None,
            auth_settings or (),
            response_type,
            options,
            post_params=post_params,
        )


# --------------------------------------------------------------------------------------
# parameters: the check (``Param.problem``, shared with the sandbox) and the encoding
# --------------------------------------------------------------------------------------
def _check_param(param: Param, value: Any) -> None:
    """Raise what ``param.problem`` finds wrong with ``value``, naming the parameter:
    ``ApiTypeError`` for a wrong type, ``ApiValueError`` for a wrong value."""
    problem = param.problem(value)
    if problem is None:
        return
    shown = repr(value)
    if len(shown) > 80:
        shown = shown[:77] + "..."
    if param.type_problem(value) is not None:
        raise ApiTypeError(f"Invalid type for parameter `{param.name}` ({type(value).__name__} {shown}), {problem}")
    text = f"Invalid value for parameter `{param.name}` ({shown}), {problem}"
    raise ApiValueError(text, errors={param.name: problem})


def _path_text(value: Any) -> str:
    """A path parameter's value as text, before escaping."""
    if isinstance(value, datetime.datetime):
        return encode_time("", value, False)
    return str(value)


def _encode_query(param: Param, value: Any, validate: bool, query: list[tuple[str, Any]]) -> None:
    """Append ``value`` to ``query`` under the parameter's wire name: a time as the service
    takes it, a list of a ``many`` parameter as repeated pairs, a bool as Python spells it."""
    name = param.wire_name
    kind = param.kind
    if kind == "time":
        query.append((name, encode_time(param.name, value, validate)))
    elif param.many and isinstance(value, (list, tuple)):
        query.extend((name, item) for item in value)
    elif kind == "bool":
        query.append((name, str(value)))  # "True" / "False", as the generated package sends them
    else:
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

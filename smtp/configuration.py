"""Settings of an ``ApiClient``: where the API is, how to authenticate, TLS, proxy, timeouts, retries.

Same constructor and attributes as the generated SDK's ``Configuration``, so existing code runs
unchanged; it adds ``timeout`` (finite by default) and accepts a ``RetryPolicy`` in ``retries``.
Credentials never appear in ``repr()`` or in ``to_debug_report()``.
"""

from __future__ import annotations

import logging
import os
import sys
from typing import Any, ClassVar

import urllib3

from smtp._redact import REDACTED, install_log_filter, redact_url
from smtp.exceptions import ApiTypeError, ApiValueError

__all__ = ["Configuration", "DEFAULT_HOST", "DEFAULT_MAX_RESPONSE_BYTES", "DEFAULT_TIMEOUT"]

#: The service's base URL: the host of every configuration that names none.
DEFAULT_HOST = "https://api.smtp.com"

#: Connect and read timeouts in seconds used when nothing else is set: finite, so a dead
#: network never hangs a program.
DEFAULT_TIMEOUT: tuple[float, float] = (10.0, 60.0)
#: The longest timeout accepted, in seconds (about 11 days): longer ones overflow the
#: operating system's waits.
MAX_TIMEOUT = 1e6
#: The default of ``Configuration.max_response_bytes``: 64 MiB, far above any reply of the API.
DEFAULT_MAX_RESPONSE_BYTES = 64 << 20

TimeoutSetting = None | float | int | tuple[float, float] | urllib3.Timeout

# the loggers (and those below them) that write request lines; a filter on each keeps
# credentials out of them
_LOGGERS = ("smtp", "urllib3")


class Configuration:
    """Settings for one ``ApiClient``.

    :param host: base URL of the API, ``https://api.smtp.com`` by default.
    :param api_key: credentials by scheme: ``{'apiKey': KEY}`` sends header ``X-SMTPCOM-API``,
        ``{'apiID': KEY}`` sends query parameter ``api_key``. Every configured scheme is sent.
    :param api_key_prefix: an optional prefix per scheme (for example ``'Bearer'``).
    :param username: HTTP basic user name (scheme ``basicAuth``).
    :param password: HTTP basic password.
    :param timeout: connect and read timeout: a number of seconds for both, a
        ``(connect, read)`` tuple or a ``urllib3.Timeout``. Defaults to ``DEFAULT_TIMEOUT``.
    """

    _default: ClassVar[Configuration | None] = None

    def __init__(
        self,
        host: str | None = None,
        api_key: dict[str, str] | None = None,
        api_key_prefix: dict[str, str] | None = None,
        username: str | None = None,
        password: str | None = None,
        discard_unknown_keys: bool = False,
        timeout: TimeoutSetting = None,
    ) -> None:
        self.host: str = DEFAULT_HOST if host is None else host
        self.temp_folder_path: str | None = None
        self.api_key: dict[str, str] = dict(api_key) if api_key else {}
        self.api_key_prefix: dict[str, str] = dict(api_key_prefix) if api_key_prefix else {}
        self.refresh_api_key_hook: Any = None
        self.username: str | None = username
        self.password: str | None = password
        self.discard_unknown_keys = discard_unknown_keys
        self.logger: dict[str, logging.Logger] = {
            "package_logger": logging.getLogger("smtp"),
            "urllib3_logger": logging.getLogger("urllib3"),
        }
        self.logger_format: str = "%(asctime)s %(levelname)s %(message)s"
        self.logger_stream_handler: logging.Handler | None = None
        self.logger_file_handler: logging.Handler | None = None
        self._logger_file: str | None = None
        self._debug = False
        #: verify the server's TLS certificate (keep this on)
        self.verify_ssl: bool = True
        #: a CA bundle file; certifi's bundle when None
        self.ssl_ca_cert: str | None = None
        #: client certificate and key files, for mutual TLS
        self.cert_file: str | None = None
        self.key_file: str | None = None
        self.assert_hostname: str | bool | None = None
        #: connections kept per host; 5 per CPU, as the generated SDK had
        self.connection_pool_maxsize: int = (os.cpu_count() or 1) * 5
        #: proxy URL and headers, e.g. ``http://proxy:3128``
        self.proxy: str | None = None
        self.proxy_headers: dict[str, str] | None = None
        self.safe_chars_for_path_param: str = ""
        #: None (default policy), an int, False, a ``urllib3.Retry`` or a ``smtp.RetryPolicy``
        self.retries: Any = None
        #: check arguments and bodies before sending; False lets the server's checks be reached
        self.client_side_validation: bool = True
        self.timeout = timeout
        #: the most bytes a reply body may have once decoded; a larger one raises
        #: ``UnexpectedResponseError`` (read with ``_preload_content=False`` to stream more)
        self.max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES
        install_log_filter(*_LOGGERS)

    # -- defaults -----------------------------------------------------------------------
    @classmethod
    def set_default(cls, default: Configuration | None) -> None:
        """Make a copy of ``default`` the configuration that ``Configuration.get_default_copy()``
        and an ``ApiClient()`` without arguments start from."""
        import copy  # here, not at import: ``import smtp`` stays lean

        cls._default = copy.deepcopy(default)

    @classmethod
    def get_default_copy(cls) -> Configuration:
        """A copy of the default configuration (a new ``Configuration()`` when none was set)."""
        if cls._default is not None:
            import copy

            return copy.deepcopy(cls._default)
        return Configuration()

    def __deepcopy__(self, memo: dict[int, Any]) -> Configuration:
        import copy

        result = self.__class__.__new__(self.__class__)
        memo[id(self)] = result
        for key, value in self.__dict__.items():
            if key in ("logger", "logger_stream_handler", "logger_file_handler"):
                setattr(result, key, copy.copy(value))  # loggers and handlers are shared
            else:
                setattr(result, key, copy.deepcopy(value, memo))
        return result

    # -- logging ------------------------------------------------------------------------
    @property
    def logger_file(self) -> str | None:
        """A file that the SDK's and urllib3's log records are also written to."""
        return self._logger_file

    @logger_file.setter
    def logger_file(self, value: str | None) -> None:
        self._logger_file = value
        if value:
            self.logger_file_handler = logging.FileHandler(value)
            self.logger_file_handler.setFormatter(logging.Formatter(self.logger_format))
            for logger in self.logger.values():
                logger.addHandler(self.logger_file_handler)

    @property
    def debug(self) -> bool:
        """Log each request and reply line at DEBUG level (credentials redacted).

        Unlike the generated SDK this does not switch on ``http.client``'s wire dump, which
        prints request headers (and so the API key) to standard output.
        """
        return self._debug

    @debug.setter
    def debug(self, value: bool) -> None:
        self._debug = bool(value)
        level = logging.DEBUG if value else logging.WARNING
        for logger in self.logger.values():
            logger.setLevel(level)
        if value and not self.logger_stream_handler and not any(lg.handlers for lg in self.logger.values()):
            self.logger_stream_handler = logging.StreamHandler()
            self.logger_stream_handler.setFormatter(logging.Formatter(self.logger_format))
            for logger in self.logger.values():
                logger.addHandler(self.logger_stream_handler)

    # -- authentication -----------------------------------------------------------------
    def get_api_key_with_prefix(self, identifier: str, alias: str | None = None) -> str | None:
        """The API key of scheme ``identifier`` with its prefix, or None when not configured."""
        if self.refresh_api_key_hook is not None:
            self.refresh_api_key_hook(self)
        key = self.api_key.get(identifier, self.api_key.get(alias) if alias is not None else None)
        if key is None:
            return None
        prefix = self.api_key_prefix.get(identifier)
        return f"{prefix} {key}" if prefix else key

    def get_basic_auth_token(self) -> str | None:
        """The ``Authorization`` header value for HTTP basic auth."""
        username = self.username or ""
        password = self.password or ""
        for name, value in (("username", username), ("password", password)):
            if not isinstance(value, str):
                raise ApiTypeError(f"Configuration.{name} must be a string, got {type(value).__name__}")
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:  # the value itself is never shown: it is a credential
                raise ApiValueError(
                    f"Configuration.{name} holds a lone surrogate character that cannot be sent",
                    errors={name: "holds a lone surrogate character"},
                ) from None
        pair = username + ":" + password
        try:  # Latin-1, as the generated SDK (and urllib3) sent it
            raw = pair.encode("latin-1")
        except UnicodeEncodeError:  # other text as UTF-8 (RFC 7617)
            raw = pair.encode("utf-8")
        from base64 import b64encode

        return "Basic " + b64encode(raw).decode("ascii")

    def auth_settings(self) -> dict[str, dict[str, Any]]:
        """Every configured authentication scheme, as ``{name: {type, in, key, value}}``."""
        auth: dict[str, dict[str, Any]] = {}
        if "apiID" in self.api_key:
            auth["apiID"] = {
                "type": "api_key",
                "in": "query",
                "key": "api_key",
                "value": self.get_api_key_with_prefix("apiID"),
            }
        if "apiKey" in self.api_key:
            auth["apiKey"] = {
                "type": "api_key",
                "in": "header",
                "key": "X-SMTPCOM-API",
                "value": self.get_api_key_with_prefix("apiKey"),
            }
        if self.username is not None or self.password is not None:
            auth["basicAuth"] = {
                "type": "basic",
                "in": "header",
                "key": "Authorization",
                "value": self.get_basic_auth_token(),
            }
        return auth

    # -- hosts --------------------------------------------------------------------------
    def get_host_settings(self) -> list[dict[str, Any]]:
        """The servers the API document names."""
        return [{"url": DEFAULT_HOST, "description": "Production Server"}]

    def get_host_from_settings(self, index: int, variables: dict[str, str] | None = None) -> str:
        """The URL of server number ``index`` of ``get_host_settings()``."""
        servers = self.get_host_settings()
        if not 0 <= index < len(servers):
            raise ApiValueError(
                f"Invalid index {int(index)} when selecting the host settings. Must be less than {len(servers)}"
            )
        return str(servers[index]["url"])

    # -- timeouts -----------------------------------------------------------------------
    @property
    def timeout(self) -> TimeoutSetting:
        """Connect and read timeout of each try: seconds, ``(connect, read)`` or a
        ``urllib3.Timeout``; None means ``DEFAULT_TIMEOUT``. Checked when set."""
        return self._timeout

    @timeout.setter
    def timeout(self, value: TimeoutSetting) -> None:
        to_timeout(value, "Configuration.timeout")
        self._timeout = value

    def get_timeout(self, override: TimeoutSetting = None) -> urllib3.Timeout:
        """The ``urllib3.Timeout`` for one request: ``override`` (a call's ``_request_timeout``)
        when given, else ``timeout``, else ``DEFAULT_TIMEOUT``."""
        if override is not None:
            return to_timeout(override, "_request_timeout")
        return to_timeout(self._timeout, "Configuration.timeout")

    # -- reports ------------------------------------------------------------------------
    def to_debug_report(self) -> str:
        """Versions of the SDK, Python and urllib3, for a bug report (no credentials)."""
        from smtp._version import __version__

        return (
            "Python SDK Debug Report:\n"
            f"OS: {sys.platform}\nPython Version: {sys.version.split()[0]}\nurllib3 Version: {urllib3.__version__}\n"
            f"Version of the API: 4.0.0\nSDK Package Version: {__version__}"
        )

    def __repr__(self) -> str:
        schemes = sorted(self.auth_settings())
        # the user name is hidden too: some people put the API key there
        return "Configuration(host={!r}, auth={}, username={}, password={})".format(
            redact_url(self.host) if isinstance(self.host, str) else self.host,
            "{{{}}}".format(", ".join(f"{name!r}: {REDACTED!r}" for name in schemes)),
            repr(REDACTED) if self.username is not None else None,
            repr(REDACTED) if self.password is not None else None,
        )


# built once: urllib3 clones the Timeout it is given for every request, and never changes it
_DEFAULT_TIMEOUT = urllib3.Timeout(connect=DEFAULT_TIMEOUT[0], read=DEFAULT_TIMEOUT[1])


def to_timeout(value: TimeoutSetting, name: str = "_request_timeout") -> urllib3.Timeout:
    """A ``urllib3.Timeout`` from a number, a ``(connect, read)`` tuple, a Timeout or None.

    Every part must be a finite number of seconds above 0 and at most ``MAX_TIMEOUT``. A part
    that is None (wait forever) is refused: each try has a finite deadline. A part left at
    urllib3's default is replaced by the matching part of ``DEFAULT_TIMEOUT``. ``name`` is
    the setting named by the error (``_request_timeout``, ``Configuration.timeout``).
    """
    if value is None:
        return _DEFAULT_TIMEOUT
    if isinstance(value, urllib3.Timeout):
        total = value.total
        connect, read = getattr(value, "_connect", None), getattr(value, "_read", None)
        if total is not None:
            if not _is_seconds(total):
                raise ApiValueError(f"{name}: the total of a urllib3.Timeout {_SECONDS}, got {total!r}")
            parts = [p for p in (connect, read) if p is not None and p is not urllib3.Timeout.DEFAULT_TIMEOUT]
        else:
            parts = [connect, read]
        for part in parts:
            if part is urllib3.Timeout.DEFAULT_TIMEOUT:
                continue
            if part is None:
                raise ApiValueError(
                    f"{name}: a urllib3.Timeout part of None would wait forever; give both connect and read "
                    "(or total) as numbers of seconds",
                    errors={name: "a part is None"},
                )
            if not _is_seconds(part):
                raise ApiValueError(f"{name}: each part of a urllib3.Timeout {_SECONDS}, got {part!r}")
        if total is None and (connect is urllib3.Timeout.DEFAULT_TIMEOUT or read is urllib3.Timeout.DEFAULT_TIMEOUT):
            return urllib3.Timeout(  # a part left at urllib3's default would wait forever: use ours
                connect=DEFAULT_TIMEOUT[0] if connect is urllib3.Timeout.DEFAULT_TIMEOUT else connect,
                read=DEFAULT_TIMEOUT[1] if read is urllib3.Timeout.DEFAULT_TIMEOUT else read,
            )
        return value
    if _is_seconds(value):
        return urllib3.Timeout(total=value)  # type: ignore[arg-type]
    if isinstance(value, (tuple, list)) and len(value) == 2:
        connect, read = value
        if not (_is_seconds(connect) and _is_seconds(read)):
            raise ApiValueError(
                f"{name} must be (connect, read) with two finite numbers of seconds > 0 and <= {MAX_TIMEOUT:g}, "
                f"got {value!r}",
                errors={name: "must be two numbers of seconds"},
            )
        return urllib3.Timeout(connect=connect, read=read)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ApiValueError(f"{name} {_SECONDS}, got {value!r}", errors={name: _SECONDS})
    raise ApiValueError(
        f"{name} must be a number of seconds, a (connect, read) pair or a urllib3.Timeout, got {value!r}",
        errors={name: "must be a number of seconds, a (connect, read) pair or a urllib3.Timeout"},
    )


_SECONDS = f"must be a finite number of seconds > 0 and <= {MAX_TIMEOUT:g}"


def _is_seconds(value: Any) -> bool:
    """Whether ``value`` is a usable timeout: a finite number of seconds above 0, not absurdly large."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0 < value <= MAX_TIMEOUT

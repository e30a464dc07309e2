"""``smtp``: the Python SDK for the SMTP.com v4 Messages API.

A drop-in replacement for SMTP.com's generated ``smtp`` package (``Configuration``,
``ApiClient``, ``MessagesApi``, the models, ``smtp.rest.ApiException``), built to be small,
typed, fast and safe: finite timeouts, retries that never send an email twice, errors that say
what went wrong, and credentials that never reach a log.
"""

__version__ = "1.0.0"

from typing import TYPE_CHECKING

from smtp.api.messages_api import MessagesApi
from smtp.api_client import ApiClient
from smtp.configuration import Configuration
from smtp.exceptions import (
    ApiAttributeError,
    ApiConnectionError,
    ApiException,
    ApiKeyError,
    ApiTimeoutError,
    ApiTypeError,
    ApiValueError,
    BadRequestException,
    ForbiddenException,
    NotFoundException,
    OpenApiException,
    ServiceException,
    TooManyRequestsException,
    UnauthorizedException,
    UnexpectedResponseError,
)
from smtp.models import *  # noqa: F401,F403 - the models are part of the top-level API
from smtp.models import __all__ as _model_names
from smtp.retry import RetryPolicy

if TYPE_CHECKING:  # pragma: no cover - for type checkers; at run time __getattr__ loads it
    from smtp.api.account_api import AccountApi
    from smtp.api.alerts_api import AlertsApi
    from smtp.api.api_keys_api import APIKeysApi
    from smtp.api.callbacks_api import CallbacksApi
    from smtp.api.channels_api import ChannelsApi
    from smtp.api.dki_ms_api import DKIMsApi
    from smtp.api.reports_api import ReportsApi
    from smtp.api.statistics_api import StatisticsApi
    from smtp.client import Client

#: the API classes loaded on first use (issue 10), and their modules
_LAZY_APIS = {
    "APIKeysApi": "smtp.api.api_keys_api",
    "AccountApi": "smtp.api.account_api",
    "AlertsApi": "smtp.api.alerts_api",
    "CallbacksApi": "smtp.api.callbacks_api",
    "ChannelsApi": "smtp.api.channels_api",
    "DKIMsApi": "smtp.api.dki_ms_api",
    "ReportsApi": "smtp.api.reports_api",
    "StatisticsApi": "smtp.api.statistics_api",
}

__all__ = [
    "__version__",
    "MessagesApi",
    "APIKeysApi",
    "AccountApi",
    "AlertsApi",
    "CallbacksApi",
    "ChannelsApi",
    "DKIMsApi",
    "ReportsApi",
    "StatisticsApi",
    "ApiClient",
    "Configuration",
    "RetryPolicy",
    "OpenApiException",
    "ApiException",
    "ApiTypeError",
    "ApiValueError",
    "ApiKeyError",
    "ApiAttributeError",
    "ApiConnectionError",
    "ApiTimeoutError",
    "UnexpectedResponseError",
    "BadRequestException",
    "UnauthorizedException",
    "ForbiddenException",
    "NotFoundException",
    "TooManyRequestsException",
    "ServiceException",
    "Client",
] + list(_model_names)


def __getattr__(name: str) -> object:
    """Load ``smtp.Client`` and the API classes on first use, so that ``import smtp`` stays fast."""
    if name in _LAZY_APIS:
        import importlib

        value = getattr(importlib.import_module(_LAZY_APIS[name]), name)
        globals()[name] = value
        return value
    if name == "Client":
        from smtp.client import Client

        return Client
    raise AttributeError(f"module 'smtp' has no attribute {name!r}")

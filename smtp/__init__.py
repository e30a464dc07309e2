"""``smtp``: the Python SDK for the SMTP.com v4 API.

A drop-in replacement for SMTP.com's generated ``smtp`` package (``Configuration``,
``ApiClient``, ``MessagesApi``, the models, ``smtp.rest.ApiException``), built to be small,
typed, fast and safe: finite timeouts, retries that never send an email twice, errors that say
what went wrong, and credentials that never reach a log.

Only the version and the exceptions are loaded by ``import smtp``; everything else on first
use: the client (``_CLIENT_NAMES``), the API classes (``smtp.api.API_MODULES``), the models
(``smtp.models.MODEL_MODULES``) and the public submodules (``smtp.rest`` and the others). So
``import smtp`` stays fast, and code that imports only the sandbox or the exceptions loads no
HTTP client. Every public name is also imported below for type checkers, and listed in
``__all__``.
"""

from typing import TYPE_CHECKING

from smtp._version import __version__ as __version__
from smtp.exceptions import (
    ApiAttributeError as ApiAttributeError,
    ApiConnectionError as ApiConnectionError,
    ApiException as ApiException,
    ApiKeyError as ApiKeyError,
    ApiTimeoutError as ApiTimeoutError,
    ApiTypeError as ApiTypeError,
    ApiValueError as ApiValueError,
    BadRequestException as BadRequestException,
    ForbiddenException as ForbiddenException,
    NotFoundException as NotFoundException,
    OpenApiException as OpenApiException,
    ServiceException as ServiceException,
    TooManyRequestsException as TooManyRequestsException,
    UnauthorizedException as UnauthorizedException,
    UnexpectedResponseError as UnexpectedResponseError,
)

if TYPE_CHECKING:  # pragma: no cover - what type checkers see; at run time __getattr__ loads these
    from smtp.api import MessagesApi as MessagesApi
    from smtp.api_client import ApiClient as ApiClient
    from smtp.client import Client as Client
    from smtp.configuration import Configuration as Configuration
    from smtp.models import (
        BadRequestSchema as BadRequestSchema,
        BadRequestSchemaData as BadRequestSchemaData,
        InlineObject as InlineObject,
        InlineObject1 as InlineObject1,
        InvalidKey as InvalidKey,
        InvalidKeyData as InvalidKeyData,
        InvalidKeyDataErrors as InvalidKeyDataErrors,
        MessagesResponse as MessagesResponse,
        MessagesResponseData as MessagesResponseData,
        MessagesResponseDataAbuse as MessagesResponseDataAbuse,
        MessagesResponseDataAbuseComplaints as MessagesResponseDataAbuseComplaints,
        MessagesResponseDataClicks as MessagesResponseDataClicks,
        MessagesResponseDataClicksItems as MessagesResponseDataClicksItems,
        MessagesResponseDataDetails as MessagesResponseDataDetails,
        MessagesResponseDataDetailsDelivery as MessagesResponseDataDetailsDelivery,
        MessagesResponseDataItems as MessagesResponseDataItems,
        MessagesResponseDataMsgData as MessagesResponseDataMsgData,
        MessagesResponseDataOpens as MessagesResponseDataOpens,
        MessagesResponseDataOpensItems as MessagesResponseDataOpensItems,
        MessagesResponseDataUnsubs as MessagesResponseDataUnsubs,
        MessagesResponseDataUnsubsItems as MessagesResponseDataUnsubsItems,
        MimeResponse as MimeResponse,
        PostMessageResponse as PostMessageResponse,
        PostMessageResponseData as PostMessageResponseData,
        V4MessagesBody as V4MessagesBody,
        V4MessagesBodyAttachments as V4MessagesBodyAttachments,
        V4MessagesBodyParts as V4MessagesBodyParts,
        V4MessagesMimeRecipients as V4MessagesMimeRecipients,
        V4MessagesOriginator as V4MessagesOriginator,
        V4MessagesRecipients as V4MessagesRecipients,
        V4MessagesRecipientsTo as V4MessagesRecipientsTo,
    )
    from smtp.retry import RetryPolicy as RetryPolicy

__all__ = [
    "__version__",
    "MessagesApi",
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
    "InlineObject",
    "InlineObject1",
    "V4MessagesBody",
    "V4MessagesBodyParts",
    "V4MessagesBodyAttachments",
    "V4MessagesRecipients",
    "V4MessagesMimeRecipients",
    "V4MessagesRecipientsTo",
    "V4MessagesOriginator",
    "MessagesResponse",
    "MessagesResponseData",
    "MessagesResponseDataItems",
    "MessagesResponseDataMsgData",
    "MessagesResponseDataDetails",
    "MessagesResponseDataDetailsDelivery",
    "MessagesResponseDataOpens",
    "MessagesResponseDataOpensItems",
    "MessagesResponseDataClicks",
    "MessagesResponseDataClicksItems",
    "MessagesResponseDataAbuse",
    "MessagesResponseDataAbuseComplaints",
    "MessagesResponseDataUnsubs",
    "MessagesResponseDataUnsubsItems",
    "MimeResponse",
    "PostMessageResponse",
    "PostMessageResponseData",
    "BadRequestSchema",
    "BadRequestSchemaData",
    "InvalidKey",
    "InvalidKeyData",
    "InvalidKeyDataErrors",
]


#: the client's names, and the module of each (loaded on first use)
_CLIENT_NAMES = {
    "ApiClient": "smtp.api_client",
    "Configuration": "smtp.configuration",
    "RetryPolicy": "smtp.retry",
    "Client": "smtp.client",
}

#: the submodules ``smtp.<name>`` reaches after a bare ``import smtp``, as the generated package's did
_SUBMODULES = frozenset(
    ("api", "api_client", "client", "configuration", "exceptions", "mail", "models", "operations", "paging", "rest")
    + ("retry", "validation")
)


def __getattr__(name: str) -> object:
    """Load a client class, an API class, a model or a public submodule on first use, so that
    ``import smtp`` stays fast; the value is kept in this module after that."""
    from importlib import import_module

    if name in _CLIENT_NAMES:
        value = getattr(import_module(_CLIENT_NAMES[name]), name)
    elif name in _SUBMODULES:
        value = import_module(f"smtp.{name}")
    else:
        api = import_module("smtp.api")
        models = import_module("smtp.models")
        if name in api.API_MODULES:
            value = getattr(api, name)
        elif name in models.MODEL_MODULES:
            value = getattr(models, name)
        else:
            raise AttributeError(f"module 'smtp' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

"""Every model of the API, importable from ``smtp.models`` (and from ``smtp``).

Models are declared as data on one base (``smtp.models._base.Model``), grouped by use:
``send`` (requests), ``messages`` (the reply of ``v4_messages_get``), ``responses``
(send replies and error replies), ``status_response`` (the status-only reply), and one module per
other API: ``account``, ``alerts``, ``api_keys``, ``callbacks``, ``channels``, ``domains``,
``reports``, ``stats``. Those are loaded on first use (``smtp.models.Channel`` or
``from smtp.models import Channel`` loads ``smtp.models.channels``). Each model also has the
module path the generated SDK gave it, such as ``smtp.models.inline_object``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from smtp.models.messages import (
    MessagesResponse,
    MessagesResponseData,
    MessagesResponseDataAbuse,
    MessagesResponseDataAbuseComplaints,
    MessagesResponseDataClicks,
    MessagesResponseDataClicksItems,
    MessagesResponseDataDetails,
    MessagesResponseDataDetailsDelivery,
    MessagesResponseDataItems,
    MessagesResponseDataMsgData,
    MessagesResponseDataOpens,
    MessagesResponseDataOpensItems,
    MessagesResponseDataUnsubs,
    MessagesResponseDataUnsubsItems,
)
from smtp.models.responses import (
    BadRequestSchema,
    BadRequestSchemaData,
    InvalidKey,
    InvalidKeyData,
    InvalidKeyDataErrors,
    MimeResponse,
    PostMessageResponse,
    PostMessageResponseData,
)
from smtp.models.send import (
    InlineObject,
    InlineObject1,
    V4MessagesBody,
    V4MessagesBodyAttachments,
    V4MessagesBodyParts,
    V4MessagesMimeRecipients,
    V4MessagesOriginator,
    V4MessagesRecipients,
    V4MessagesRecipientsTo,
)

if TYPE_CHECKING:  # pragma: no cover - for type checkers; at run time __getattr__ loads them
    from smtp.models.account import (
        Account,
        AccountData,
        AccountDataAddress,
        UpdateAccountResponse,
        UpdateAccountResponseData,
    )
    from smtp.models.alerts import (
        GetAlertDetails,
        GetAlertDetailsData,
        GetAlertResponse,
        GetAlertResponseData,
        GetAlertResponseDataItems,
    )
    from smtp.models.api_keys import (
        APIKey,
        GetApiKeys,
        GetApiKeysData,
        GetApiKeysDataItems,
    )
    from smtp.models.callbacks import (
        CreateCallbackResponse,
        GetCallbackDetails,
        GetCallbackDetailsData,
        GetCallbackLogs,
        GetCallbackLogsData,
        GetCallbackLogsDataItems,
        GetCallbackResponse,
        GetCallbackResponseData,
        GetCallbackResponseDataItems,
    )
    from smtp.models.channels import (
        Channel,
        ChannelData,
        Channels,
        ChannelsData,
        ChannelsDataItems,
    )
    from smtp.models.domains import (
        CreateDkimKey,
        CreateDkimKeyData,
        CreateDomainResponse,
        CreateDomainResponseData,
        GetDomainDetails,
        GetDomainDetailsData,
        GetDomainDetailsResponse,
        GetDomainDetailsResponseData,
        GetDomainsResponse,
        GetDomainsResponseData,
        GetDomainsResponseDataItems,
    )
    from smtp.models.reports import (
        Report,
        Reports,
        ReportsData,
        ReportsDataOndemand,
        ReportsDataPeriodic,
    )
    from smtp.models.stats import (
        DurationValue,
        SliceValue,
        StatsResponse,
        StatsResponseData,
        StatsResponseDataItems,
    )
    from smtp.models.status_response import (
        StatusResponse,
    )

#: the models loaded on first use (the other APIs' replies), and the module that defines each
_LAZY = {
    "APIKey": "api_keys",
    "Account": "account",
    "AccountData": "account",
    "AccountDataAddress": "account",
    "Channel": "channels",
    "ChannelData": "channels",
    "Channels": "channels",
    "ChannelsData": "channels",
    "ChannelsDataItems": "channels",
    "CreateCallbackResponse": "callbacks",
    "CreateDkimKey": "domains",
    "CreateDkimKeyData": "domains",
    "CreateDomainResponse": "domains",
    "CreateDomainResponseData": "domains",
    "DurationValue": "stats",
    "GetAlertDetails": "alerts",
    "GetAlertDetailsData": "alerts",
    "GetAlertResponse": "alerts",
    "GetAlertResponseData": "alerts",
    "GetAlertResponseDataItems": "alerts",
    "GetApiKeys": "api_keys",
    "GetApiKeysData": "api_keys",
    "GetApiKeysDataItems": "api_keys",
    "GetCallbackDetails": "callbacks",
    "GetCallbackDetailsData": "callbacks",
    "GetCallbackLogs": "callbacks",
    "GetCallbackLogsData": "callbacks",
    "GetCallbackLogsDataItems": "callbacks",
    "GetCallbackResponse": "callbacks",
    "GetCallbackResponseData": "callbacks",
    "GetCallbackResponseDataItems": "callbacks",
    "GetDomainDetails": "domains",
    "GetDomainDetailsData": "domains",
    "GetDomainDetailsResponse": "domains",
    "GetDomainDetailsResponseData": "domains",
    "GetDomainsResponse": "domains",
    "GetDomainsResponseData": "domains",
    "GetDomainsResponseDataItems": "domains",
    "Report": "reports",
    "Reports": "reports",
    "ReportsData": "reports",
    "ReportsDataOndemand": "reports",
    "ReportsDataPeriodic": "reports",
    "SliceValue": "stats",
    "StatsResponse": "stats",
    "StatsResponseData": "stats",
    "StatsResponseDataItems": "stats",
    "StatusResponse": "status_response",
    "UpdateAccountResponse": "account",
    "UpdateAccountResponseData": "account",
}

__all__ = [
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
    "AccountDataAddress",
    "AccountData",
    "Account",
    "UpdateAccountResponseData",
    "UpdateAccountResponse",
    "GetAlertDetailsData",
    "GetAlertDetails",
    "GetAlertResponseDataItems",
    "GetAlertResponseData",
    "GetAlertResponse",
    "APIKey",
    "GetApiKeysDataItems",
    "GetApiKeysData",
    "GetApiKeys",
    "CreateCallbackResponse",
    "GetCallbackDetailsData",
    "GetCallbackDetails",
    "GetCallbackLogsDataItems",
    "GetCallbackLogsData",
    "GetCallbackLogs",
    "GetCallbackResponseDataItems",
    "GetCallbackResponseData",
    "GetCallbackResponse",
    "ChannelData",
    "Channel",
    "ChannelsDataItems",
    "ChannelsData",
    "Channels",
    "CreateDkimKeyData",
    "CreateDkimKey",
    "CreateDomainResponseData",
    "CreateDomainResponse",
    "GetDomainDetailsData",
    "GetDomainDetails",
    "GetDomainDetailsResponseData",
    "GetDomainDetailsResponse",
    "GetDomainsResponseDataItems",
    "GetDomainsResponseData",
    "GetDomainsResponse",
    "Report",
    "ReportsDataPeriodic",
    "ReportsDataOndemand",
    "ReportsData",
    "Reports",
    "StatsResponseDataItems",
    "StatsResponseData",
    "StatsResponse",
    "DurationValue",
    "SliceValue",
    "StatusResponse",
]


def __getattr__(name: str) -> object:
    """Load a model of the other APIs on first use, so that the Messages models stay cheap to import."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'smtp.models' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"smtp.models.{module}"), name)
    globals()[name] = value
    return value

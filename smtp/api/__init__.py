"""The endpoints layer: one class per API tag, each in the generated SDK's module.

Only ``MessagesApi`` is loaded with the package; the others are loaded on first use
(``smtp.api.ChannelsApi``, or their own modules such as ``smtp.api.channels_api``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from smtp.api.messages_api import MessagesApi

if TYPE_CHECKING:  # pragma: no cover - for type checkers; at run time __getattr__ loads them
    from smtp.api.account_api import AccountApi
    from smtp.api.alerts_api import AlertsApi
    from smtp.api.api_keys_api import APIKeysApi
    from smtp.api.callbacks_api import CallbacksApi
    from smtp.api.channels_api import ChannelsApi
    from smtp.api.dki_ms_api import DKIMsApi
    from smtp.api.reports_api import ReportsApi
    from smtp.api.statistics_api import StatisticsApi

#: every API class and the module that holds it, in the generated SDK's order
API_CLASSES = {
    "APIKeysApi": "smtp.api.api_keys_api",
    "AccountApi": "smtp.api.account_api",
    "AlertsApi": "smtp.api.alerts_api",
    "CallbacksApi": "smtp.api.callbacks_api",
    "ChannelsApi": "smtp.api.channels_api",
    "DKIMsApi": "smtp.api.dki_ms_api",
    "MessagesApi": "smtp.api.messages_api",
    "ReportsApi": "smtp.api.reports_api",
    "StatisticsApi": "smtp.api.statistics_api",
}

__all__ = [
    "APIKeysApi",
    "AccountApi",
    "AlertsApi",
    "CallbacksApi",
    "ChannelsApi",
    "DKIMsApi",
    "MessagesApi",
    "ReportsApi",
    "StatisticsApi",
]


def __getattr__(name: str) -> object:
    """Load an API class on first use, so that importing one API does not load the others."""
    module = API_CLASSES.get(name)
    if module is None:
        raise AttributeError(f"module 'smtp.api' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value

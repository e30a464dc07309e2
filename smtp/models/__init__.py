"""Every model of the API, importable from ``smtp.models`` (and from ``smtp``).

Models are declared as data on one base (``smtp.models._base.Model``), grouped by use:
``send`` (requests), ``messages`` (the reply of ``v4_messages_get``), ``responses``
(send replies and error replies). Each model also has the module path the generated SDK
gave it, such as ``smtp.models.inline_object``.

A model's module is imported when the model is first used (``MODEL_MODULES`` says where each
one is), so that ``import smtp`` stays fast however many models the API has. To add a model:
declare it in a module of this package, add its name to ``MODEL_MODULES``, to ``__all__`` and to
the ``TYPE_CHECKING`` imports below (and to those of ``smtp/__init__.py``);
``test/unit/test_public_names.py`` checks that the lists agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - what type checkers see; at run time __getattr__ loads each model
    from smtp.models.messages import (
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
    )
    from smtp.models.responses import (
        BadRequestSchema as BadRequestSchema,
        BadRequestSchemaData as BadRequestSchemaData,
        InvalidKey as InvalidKey,
        InvalidKeyData as InvalidKeyData,
        InvalidKeyDataErrors as InvalidKeyDataErrors,
        MimeResponse as MimeResponse,
        PostMessageResponse as PostMessageResponse,
        PostMessageResponseData as PostMessageResponseData,
    )
    from smtp.models.send import (
        InlineObject as InlineObject,
        InlineObject1 as InlineObject1,
        V4MessagesBody as V4MessagesBody,
        V4MessagesBodyAttachments as V4MessagesBodyAttachments,
        V4MessagesBodyParts as V4MessagesBodyParts,
        V4MessagesMimeRecipients as V4MessagesMimeRecipients,
        V4MessagesOriginator as V4MessagesOriginator,
        V4MessagesRecipients as V4MessagesRecipients,
        V4MessagesRecipientsTo as V4MessagesRecipientsTo,
    )

#: every model: its name -> the module of this package that declares it
MODEL_MODULES: dict[str, str] = {
    "InlineObject": "send",
    "InlineObject1": "send",
    "V4MessagesBody": "send",
    "V4MessagesBodyParts": "send",
    "V4MessagesBodyAttachments": "send",
    "V4MessagesRecipients": "send",
    "V4MessagesMimeRecipients": "send",
    "V4MessagesRecipientsTo": "send",
    "V4MessagesOriginator": "send",
    "MessagesResponse": "messages",
    "MessagesResponseData": "messages",
    "MessagesResponseDataItems": "messages",
    "MessagesResponseDataMsgData": "messages",
    "MessagesResponseDataDetails": "messages",
    "MessagesResponseDataDetailsDelivery": "messages",
    "MessagesResponseDataOpens": "messages",
    "MessagesResponseDataOpensItems": "messages",
    "MessagesResponseDataClicks": "messages",
    "MessagesResponseDataClicksItems": "messages",
    "MessagesResponseDataAbuse": "messages",
    "MessagesResponseDataAbuseComplaints": "messages",
    "MessagesResponseDataUnsubs": "messages",
    "MessagesResponseDataUnsubsItems": "messages",
    "MimeResponse": "responses",
    "PostMessageResponse": "responses",
    "PostMessageResponseData": "responses",
    "BadRequestSchema": "responses",
    "BadRequestSchemaData": "responses",
    "InvalidKey": "responses",
    "InvalidKeyData": "responses",
    "InvalidKeyDataErrors": "responses",
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
]


def __getattr__(name: str) -> object:
    """Load a model on first use (its module imported, the class kept here)."""
    module = MODEL_MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'smtp.models' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"smtp.models.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

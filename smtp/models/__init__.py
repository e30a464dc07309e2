"""Every model of the API, importable from ``smtp.models`` (and from ``smtp``).

Models are declared as data on one base (``smtp.models._base.Model``), grouped by use:
``send`` (requests), ``messages`` (the reply of ``v4_messages_get``), ``responses``
(send replies and error replies). Each model also has the module path the generated SDK
gave it, such as ``smtp.models.inline_object``.
"""

from smtp.models.send import (
    InlineObject,
    InlineObject1,
    V4MessagesBody,
    V4MessagesBodyParts,
    V4MessagesBodyAttachments,
    V4MessagesRecipients,
    V4MessagesMimeRecipients,
    V4MessagesRecipientsTo,
    V4MessagesOriginator,
)
from smtp.models.messages import (
    MessagesResponse,
    MessagesResponseData,
    MessagesResponseDataItems,
    MessagesResponseDataMsgData,
    MessagesResponseDataDetails,
    MessagesResponseDataDetailsDelivery,
    MessagesResponseDataOpens,
    MessagesResponseDataOpensItems,
    MessagesResponseDataClicks,
    MessagesResponseDataClicksItems,
    MessagesResponseDataAbuse,
    MessagesResponseDataAbuseComplaints,
    MessagesResponseDataUnsubs,
    MessagesResponseDataUnsubsItems,
)
from smtp.models.responses import (
    MimeResponse,
    PostMessageResponse,
    PostMessageResponseData,
    BadRequestSchema,
    BadRequestSchemaData,
    InvalidKey,
    InvalidKeyData,
    InvalidKeyDataErrors,
)

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

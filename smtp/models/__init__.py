"""Every model of the API, importable from ``smtp.models`` (and from ``smtp``).

Models are declared as data on one base (``smtp.models._base.Model``), grouped by use:
``send`` (requests), ``messages`` (the reply of ``v4_messages_get``), ``responses``
(send replies and error replies). Each model also has the module path the generated SDK
gave it, such as ``smtp.models.inline_object``.
"""

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

"""Payloads shared by the tests: valid request models to start from, and one sample JSON
object per model."""

from __future__ import annotations

from typing import Any

import smtp
import smtp.models
from smtp.models._base import MODEL, MODEL_LIST, OBJECT, SCALAR_LIST

DESIGN_MODELS = """InlineObject InlineObject1 MessagesResponse MessagesResponseData MessagesResponseDataItems
MessagesResponseDataMsgData MessagesResponseDataDetails MessagesResponseDataDetailsDelivery MessagesResponseDataOpens
MessagesResponseDataOpensItems MessagesResponseDataClicks MessagesResponseDataClicksItems MessagesResponseDataAbuse
MessagesResponseDataAbuseComplaints MessagesResponseDataUnsubs MessagesResponseDataUnsubsItems MimeResponse
PostMessageResponse PostMessageResponseData V4MessagesBody V4MessagesBodyParts V4MessagesBodyAttachments
V4MessagesRecipients V4MessagesMimeRecipients V4MessagesRecipientsTo V4MessagesOriginator BadRequestSchema
BadRequestSchemaData InvalidKey InvalidKeyData InvalidKeyDataErrors""".split()

MODELS = [getattr(smtp.models, name) for name in DESIGN_MODELS]


def sample_json(cls: Any, depth: int = 0) -> dict[str, Any]:
    """A JSON object filling every field of ``cls`` with a distinct value."""
    out: dict[str, Any] = {}
    for f in cls._fields:
        if f.kind == MODEL:
            out[f.key] = sample_json(f.model, depth + 1)
        elif f.kind == MODEL_LIST:
            out[f.key] = [sample_json(f.model, depth + 1), sample_json(f.model, depth + 1)]
        elif f.kind == SCALAR_LIST:
            out[f.key] = ["a", "b"]
        elif f.kind == OBJECT:
            out[f.key] = {f"k{depth:d}": ["v", 1]}
        elif f.type_name == "int":
            out[f.key] = 7 + depth
        else:
            out[f.key] = f"{f.name}-{depth:d}"
    return out


def make_message(**overrides: Any) -> smtp.InlineObject:
    """A valid ``InlineObject`` with one text part; keyword arguments replace fields."""
    values: dict[str, Any] = dict(
        channel="main",
        recipients=smtp.V4MessagesRecipients(to=[smtp.V4MessagesRecipientsTo(name="Jane", address="jane@example.com")]),
        originator=smtp.V4MessagesOriginator(
            _from=smtp.V4MessagesRecipientsTo(name="Shop", address="shop@example.com")
        ),
        subject="Hello",
        body=smtp.V4MessagesBody(parts=[smtp.V4MessagesBodyParts(type="text/plain", content="Hi Jane")]),
    )
    values.update(overrides)
    return smtp.InlineObject(**values)


def make_mime(**overrides: Any) -> smtp.InlineObject1:
    """A valid ``InlineObject1``; keyword arguments replace fields."""
    values: dict[str, Any] = dict(
        mime="From: shop@example.com\r\nTo: jane@example.com\r\nSubject: Hi\r\n\r\nHello\r\n",
        channel="main",
        recipients=smtp.V4MessagesMimeRecipients(to=[smtp.V4MessagesRecipientsTo(address="jane@example.com")]),
        originator=smtp.V4MessagesOriginator(_from=smtp.V4MessagesRecipientsTo(address="shop@example.com")),
    )
    values.update(overrides)
    return smtp.InlineObject1(**values)

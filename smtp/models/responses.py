"""Reply models of the two send operations, and the error replies (400 and 401)."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from typing import Any, Dict, List, Optional

from smtp.models._base import Model, field

__all__ = [
    "PostMessageResponseData",
    "PostMessageResponse",
    "MimeResponse",
    "BadRequestSchemaData",
    "BadRequestSchema",
    "InvalidKeyDataErrors",
    "InvalidKeyData",
    "InvalidKey",
]


class PostMessageResponseData(Model):
    """What a send returns: the ID of the accepted message."""

    msg_id: Optional[str] = field("Unique Message ID of the accepted message")


class _SendReply(Model):
    """The reply shape shared by both send operations."""

    status: Optional[str] = field("Request status")
    data: Optional[PostMessageResponseData] = field("The accepted message")


class PostMessageResponse(_SendReply):
    """The reply of ``v4_messages_post``."""


class MimeResponse(_SendReply):
    """The reply of ``v4_messages_mime_post``."""


class BadRequestSchemaData(Model):
    """The field errors of a 400 reply."""

    errors: Optional[Dict[str, Any]] = field("Each bad field mapped to what is wrong with it")


class BadRequestSchema(Model):
    """A 400 reply: the request was refused."""

    status: Optional[str] = field("Request status")
    data: Optional[BadRequestSchemaData] = field("The field errors")


class InvalidKeyDataErrors(Model):
    """One error of a 401 reply."""

    error_field: Optional[str] = field("Error message")


class InvalidKeyData(Model):
    """The errors of a 401 reply."""

    errors: Optional[List[InvalidKeyDataErrors]] = field("The errors")


class InvalidKey(Model):
    """A 401 reply: the credentials were refused."""

    status: Optional[str] = field("Request status")
    data: Optional[InvalidKeyData] = field("The errors")

"""Reply models of the two send operations, and the error replies (400 and 401)."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from typing import Any

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

    msg_id: str | None = field("Unique Message ID of the accepted message")


class _SendReply(Model):
    """The reply shape shared by both send operations."""

    status: str | None = field("Request status")
    data: PostMessageResponseData | None = field("The accepted message")


class PostMessageResponse(_SendReply):
    """The reply of ``v4_messages_post``."""


class MimeResponse(_SendReply):
    """The reply of ``v4_messages_mime_post``."""


class BadRequestSchemaData(Model):
    """The field errors of a 400 reply."""

    errors: dict[str, Any] | None = field("Each bad field mapped to what is wrong with it")


class BadRequestSchema(Model):
    """A 400 reply: the request was refused."""

    status: str | None = field("Request status")
    data: BadRequestSchemaData | None = field("The field errors")


class InvalidKeyDataErrors(Model):
    """One error of a 401 reply."""

    error_field: str | None = field("Error message")


class InvalidKeyData(Model):
    """The errors of a 401 reply."""

    errors: list[InvalidKeyDataErrors] | None = field("The errors")


class InvalidKey(Model):
    """A 401 reply: the credentials were refused."""

    status: str | None = field("Request status")
    data: InvalidKeyData | None = field("The errors")

"""Models of the API keys API."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from smtp.models._base import Model, field
from smtp.models._tolerant import accept, alias, chain, lift

__all__ = ["APIKey", "GetApiKeysDataItems", "GetApiKeysData", "GetApiKeys"]


class APIKey(Model):
    """An API key: the reply of ``get_api_key``, ``v4_api_keys_post`` and ``v4_api_keys_api_key_patch``.

    The schema is flat; the service's example wraps the key as ``{"status": ..., "data": {...}}``.
    Both are read (the key's own fields win over the wrapper's ``status``).
    """

    status: str | None = field("The key's status")
    descrption: str | None = field(
        "The key's description. The attribute and its schema key are spelled `descrption`, as in the "
        "generated SDK; the service's example sends `description`, which is read too"
    )
    key: str | None = field("The key's value")
    date_created: str | None = field("When the key was created")


#: the service's example wraps the key in ``{"status": ..., "data": {...}}`` and spells ``description``
accept(APIKey, chain(lift("data", "key"), alias("descrption", "description")))


class GetApiKeysDataItems(Model):
    """One API key in a list."""

    status: str | None = field("The key's status")
    description: str | None = field("The key's description")
    key: str | None = field("The key's value")
    date_created: str | None = field("When the key was created")


class GetApiKeysData(Model):
    """The API keys."""

    items: list[GetApiKeysDataItems] | None = field("Every API key")


class GetApiKeys(Model):
    """The reply of ``v4_api_keys_get``."""

    status: str | None = field("Request status")
    data: GetApiKeysData | None = field("The API keys")

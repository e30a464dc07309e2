"""Models of the Channels API: the account's channels (senders)."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from smtp.models._base import Model, field
from smtp.models._tolerant import accept, first_item, fix_field

__all__ = ["ChannelData", "Channel", "ChannelsDataItems", "ChannelsData", "Channels"]


class ChannelData(Model):
    """One channel (sender)."""

    status: str | None = field("The channel's status, e.g. `active` or `canceled`")
    quota: int | None = field("The channel's monthly quota")
    label: str | None = field("The channel's label")
    usage: int | None = field("Messages sent on the channel this month")
    date_created: int | None = field("When the channel was created (UNIX epoch)")
    smtp_username: str | None = field("The channel's SMTP username")


class Channel(Model):
    """The reply of ``get_sender``, ``v4_channels_post``, ``v4_channels_name_patch`` and
    ``v4_channels_name_delete``.

    The schema's ``data`` is the channel; the service's example sends ``{"items": [channel]}``.
    Both are read.
    """

    status: str | None = field("Request status")
    data: ChannelData | None = field("The channel")


accept(ChannelData, first_item("items"))
accept(Channel, fix_field("data", first_item("items")))


class ChannelsDataItems(Model):
    """One channel in a list."""

    status: str | None = field("The channel's status, e.g. `active`")
    quota: int | None = field("The channel's monthly quota")
    name: str | None = field("Name of the channel (sender)")
    usage: int | None = field("Messages sent on the channel this month")
    date_created: int | None = field("When the channel was created (UNIX epoch)")
    smtp_username: str | None = field("The channel's SMTP username")


class ChannelsData(Model):
    """The channels."""

    items: list[ChannelsDataItems] | None = field("Every channel but the archived ones")


class Channels(Model):
    """The reply of ``v4_channels_get``."""

    status: str | None = field("Request status")
    data: ChannelsData | None = field("The channels")

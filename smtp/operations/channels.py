"""The Channels API's operations, declared as data: the account's channels (senders), each with
its SMTP credentials and monthly quota."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = [
    "GET_SENDER",
    "OPERATIONS",
    "V4_CHANNELS_GET",
    "V4_CHANNELS_NAME_DELETE",
    "V4_CHANNELS_NAME_PATCH",
    "V4_CHANNELS_POST",
]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))


def _name() -> Param:
    return Param("name", "str", "Name of the channel (sender)", required=True, location="path")


GET_SENDER = Operation(
    name="get_sender",
    method="GET",
    path="/v4/channels/{name}",
    summary="Get Channel Details",
    description=(
        "One channel: its status, quota, usage, SMTP username and creation time. Archived channels are not found."
    ),
    params=(_name(),),
    response_type="Channel",
    responses=((200, "Get Channel Details"),) + _ERRORS,
    api="ChannelsApi",
)

V4_CHANNELS_GET = Operation(
    name="v4_channels_get",
    method="GET",
    path="/v4/channels/",
    summary="Get All Channels",
    description="Every channel of the account, archived ones left out.",
    params=(),
    response_type="Channels",
    responses=((200, "Get All Channels"),) + _ERRORS,
    api="ChannelsApi",
)

V4_CHANNELS_NAME_DELETE = Operation(
    name="v4_channels_name_delete",
    method="DELETE",
    path="/v4/channels/{name}",
    summary="Delete a Channel",
    description="Cancel a channel. The service keeps it, with the status `canceled`.",
    params=(_name(),),
    response_type="Channel",
    responses=((200, "Delete a Channel"),) + _ERRORS,
    api="ChannelsApi",
)

V4_CHANNELS_NAME_PATCH = Operation(
    name="v4_channels_name_patch",
    method="PATCH",
    path="/v4/channels/{name}",
    summary="Update Channel Details",
    description="Change a channel's SMTP username, SMTP password or quota. Only the fields given are changed.",
    params=(
        _name(),
        Param("smtp_username", "str", "The channel's new SMTP username"),
        Param("smtp_password", "str", "The channel's new SMTP password"),
        Param("quota", "int", "The channel's new monthly quota (1 or more)", minimum=1),
    ),
    response_type="Channel",
    responses=((200, "Update Channel Details"),) + _ERRORS,
    api="ChannelsApi",
)

V4_CHANNELS_POST = Operation(
    name="v4_channels_post",
    method="POST",
    path="/v4/channels/",
    summary="Create a New Channel",
    description="Add a channel (sender) with its SMTP credentials and monthly quota.",
    params=(
        Param("name", "str", "Name of the new channel (sender)", required=True),
        Param("smtp_username", "str", "The channel's SMTP username", required=True),
        Param("smtp_password", "str", "The channel's SMTP password", required=True),
        Param("quota", "int", "The channel's monthly quota (1 or more)", required=True, minimum=1),
    ),
    response_type="Channel",
    responses=((200, "Create a New Channel"),) + _ERRORS,
    api="ChannelsApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (
    GET_SENDER,
    V4_CHANNELS_GET,
    V4_CHANNELS_NAME_DELETE,
    V4_CHANNELS_NAME_PATCH,
    V4_CHANNELS_POST,
)

"""The API keys API's operations, declared as data: create, list, read, rename and revoke the
account's API keys."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = [
    "GET_API_KEY",
    "OPERATIONS",
    "V4_API_KEYS_API_KEY_DELETE",
    "V4_API_KEYS_API_KEY_PATCH",
    "V4_API_KEYS_GET",
    "V4_API_KEYS_POST",
]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))


def _api_key() -> Param:
    return Param("api_key", "str", "The API key's value", required=True, location="path")


GET_API_KEY = Operation(
    name="get_api_key",
    method="GET",
    path="/v4/api_keys/{api_key}",
    summary="Get API Key Details",
    description="One API key: its status, description and creation time.",
    params=(_api_key(),),
    response_type="APIKey",
    responses=((200, "Get API Key Details"),) + _ERRORS,
    api="APIKeysApi",
)

V4_API_KEYS_API_KEY_DELETE = Operation(
    name="v4_api_keys_api_key_delete",
    method="DELETE",
    path="/v4/api_keys/{api_key}",
    summary="Delete an API Key",
    description="Revoke an API key: it no longer authenticates.",
    params=(_api_key(),),
    response_type="StatusResponse",
    responses=((200, "Delete an API Key"),) + _ERRORS,
    api="APIKeysApi",
)

V4_API_KEYS_API_KEY_PATCH = Operation(
    name="v4_api_keys_api_key_patch",
    method="PATCH",
    path="/v4/api_keys/{api_key}",
    summary="Update API Key",
    description="Change the name or the description of an API key.",
    params=(
        _api_key(),
        Param("name", "str", "The key's new name"),
        Param("description", "str", "The key's new description"),
    ),
    response_type="APIKey",
    responses=((200, "Update API Key"),) + _ERRORS,
    api="APIKeysApi",
)

V4_API_KEYS_GET = Operation(
    name="v4_api_keys_get",
    method="GET",
    path="/v4/api_keys/",
    summary="List All API Keys",
    description="Every API key of the account.",
    params=(),
    response_type="GetApiKeys",
    responses=((200, "List All API Keys"),) + _ERRORS,
    api="APIKeysApi",
)

V4_API_KEYS_POST = Operation(
    name="v4_api_keys_post",
    method="POST",
    path="/v4/api_keys/",
    summary="Create a New API Key",
    description="Make a new API key; the reply carries its value.",
    params=(
        Param("name", "str", "A name for the key", required=True),
        Param("description", "str", "A description of the key"),
    ),
    response_type="APIKey",
    responses=((200, "Create a New API Key"),) + _ERRORS,
    api="APIKeysApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (
    GET_API_KEY,
    V4_API_KEYS_API_KEY_DELETE,
    V4_API_KEYS_API_KEY_PATCH,
    V4_API_KEYS_GET,
    V4_API_KEYS_POST,
)

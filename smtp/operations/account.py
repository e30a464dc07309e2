"""The Account API's operations, declared as data: read the account's details and update its
owner's contact information."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = ["OPERATIONS", "V4_ACCOUNT_CONTACT_PATCH", "V4_ACCOUNT_GET"]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))

V4_ACCOUNT_CONTACT_PATCH = Operation(
    name="v4_account_contact_patch",
    method="PATCH",
    path="/v4/account/contact",
    summary="Update Account Details",
    description="Change the contact details of the account's owner. Only the fields given are changed.",
    params=(
        Param("first_name", "str", "The owner's first name"),
        Param("last_name", "str", "The owner's last name"),
        Param("email", "str", "The owner's email address"),
        Param("company_name", "str", "The owner's company"),
        Param("phone", "str", "The owner's phone number"),
        Param("website", "str", "The owner's website"),
        Param("address_street", "str", "Street of the owner's address", wire_name="address.street"),
        Param("address_city", "str", "City of the owner's address", wire_name="address.city"),
        Param("address_state", "str", "State of the owner's address", wire_name="address.state"),
        Param("address_country", "str", "Country of the owner's address", wire_name="address.country"),
    ),
    response_type="UpdateAccountResponse",
    responses=((200, "Update Account Details"),) + _ERRORS,
    api="AccountApi",
)

V4_ACCOUNT_GET = Operation(
    name="v4_account_get",
    method="GET",
    path="/v4/account/",
    summary="Get Account Details",
    description="The account's owner, contact details, status, monthly usage and creation time.",
    params=(),
    response_type="Account",
    responses=((200, "Get Account Details"),) + _ERRORS,
    api="AccountApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (V4_ACCOUNT_CONTACT_PATCH, V4_ACCOUNT_GET)

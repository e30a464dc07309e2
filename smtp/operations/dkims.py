"""The DKIMs API's operations, declared as data: the account's sending domains, and the DKIM
selector and private key of each."""

from __future__ import annotations

from smtp.operations._declare import Operation, Param

__all__ = [
    "OPERATIONS",
    "V4_DOMAINS_DOMAIN_NAME_DELETE",
    "V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_DELETE",
    "V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_GET",
    "V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_PATCH",
    "V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_POST",
    "V4_DOMAINS_DOMAIN_NAME_GET",
    "V4_DOMAINS_DOMAIN_NAME_PATCH",
    "V4_DOMAINS_GET",
    "V4_DOMAINS_POST",
]

_ERRORS = ((400, "Query or path params invalid"), (401, "Invalid API Key"))


def _domain() -> Param:
    return Param("domain_name", "str", "The registered domain", required=True, location="path")


def _key_params() -> tuple[Param, ...]:
    return (
        _domain(),
        Param("selector", "str", "The DKIM selector of the domain", required=True),
        Param("private_key", "str", "The DKIM private key, as PEM text", required=True),
    )


V4_DOMAINS_DOMAIN_NAME_DELETE = Operation(
    name="v4_domains_domain_name_delete",
    method="DELETE",
    path="/v4/domains/{domain_name}",
    summary="Delete Domain",
    description="Unregister a domain of the account.",
    params=(_domain(),),
    response_type="StatusResponse",
    responses=((200, "Delete Domain"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_DELETE = Operation(
    name="v4_domains_domain_name_dkim_keys_delete",
    method="DELETE",
    path="/v4/domains/{domain_name}/dkim_keys",
    summary="Delete DKIM for Domain",
    description="Remove the DKIM key of a domain.",
    params=(_domain(),),
    response_type="StatusResponse",
    responses=((200, "Delete DKIM for Domain"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_GET = Operation(
    name="v4_domains_domain_name_dkim_keys_get",
    method="GET",
    path="/v4/domains/{domain_name}/dkim_keys",
    summary="Get DKIM for Domain",
    description="The DKIM selector and key of a domain, and whether the key is valid.",
    params=(_domain(),),
    response_type="GetDomainDetails",
    responses=((200, "Get DKIM for Domain"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_PATCH = Operation(
    name="v4_domains_domain_name_dkim_keys_patch",
    method="PATCH",
    path="/v4/domains/{domain_name}/dkim_keys",
    summary="Update DKIM Key Details",
    description="Replace the DKIM selector and key of a domain.",
    params=_key_params(),
    response_type="StatusResponse",
    responses=((200, "Update DKIM Key Details"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_POST = Operation(
    name="v4_domains_domain_name_dkim_keys_post",
    method="POST",
    path="/v4/domains/{domain_name}/dkim_keys",
    summary="Add DKIM for Domain",
    description="Give a registered domain a DKIM selector and key.",
    params=_key_params(),
    response_type="CreateDkimKey",
    responses=((200, "Add DKIM for Domain"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_DOMAIN_NAME_GET = Operation(
    name="v4_domains_domain_name_get",
    method="GET",
    path="/v4/domains/{domain_name}",
    summary="Get Domain Details",
    description="One registered domain, and whether it is enabled.",
    params=(_domain(),),
    response_type="GetDomainDetailsResponse",
    responses=((200, "Get Domain Details"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_DOMAIN_NAME_PATCH = Operation(
    name="v4_domains_domain_name_patch",
    method="PATCH",
    path="/v4/domains/{domain_name}",
    summary="Update Domain Details",
    description="Enable or disable a registered domain.",
    params=(_domain(), Param("enabled", "bool", "Whether the domain is enabled", required=True)),
    response_type="StatusResponse",
    responses=((200, "Update Domain Details"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_GET = Operation(
    name="v4_domains_get",
    method="GET",
    path="/v4/domains/",
    summary="Get All Registered Domains",
    description="Every domain the account has registered.",
    params=(),
    response_type="GetDomainsResponse",
    responses=((200, "Get All Registered Domains"),) + _ERRORS,
    api="DKIMsApi",
)

V4_DOMAINS_POST = Operation(
    name="v4_domains_post",
    method="POST",
    path="/v4/domains/",
    summary="Register a Domain",
    description="Add a domain to the account's registered domains.",
    params=(Param("domain_name", "str", "The domain to register", required=True),),
    response_type="CreateDomainResponse",
    responses=((200, "Register a Domain"),) + _ERRORS,
    api="DKIMsApi",
)

#: every operation of this API, in documentation order
OPERATIONS = (
    V4_DOMAINS_DOMAIN_NAME_DELETE,
    V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_DELETE,
    V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_GET,
    V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_PATCH,
    V4_DOMAINS_DOMAIN_NAME_DKIM_KEYS_POST,
    V4_DOMAINS_DOMAIN_NAME_GET,
    V4_DOMAINS_DOMAIN_NAME_PATCH,
    V4_DOMAINS_GET,
    V4_DOMAINS_POST,
)

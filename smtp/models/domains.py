"""Models of the DKIMs API: registered domains and their DKIM keys."""

from __future__ import annotations  # no typing work at class creation: see _base._read_hint

from smtp.models._base import Model, field

__all__ = [
    "CreateDkimKeyData",
    "CreateDkimKey",
    "CreateDomainResponseData",
    "CreateDomainResponse",
    "GetDomainDetailsData",
    "GetDomainDetails",
    "GetDomainDetailsResponseData",
    "GetDomainDetailsResponse",
    "GetDomainsResponseDataItems",
    "GetDomainsResponseData",
    "GetDomainsResponse",
]


class CreateDkimKeyData(Model):
    """The outcome of adding a DKIM key."""

    dkim_key: str | None = field("What became of the request")


class CreateDkimKey(Model):
    """The reply of ``v4_domains_domain_name_dkim_keys_post``."""

    status: str | None = field("Request status")
    data: CreateDkimKeyData | None = field("The outcome")


class CreateDomainResponseData(Model):
    """The outcome of registering a domain."""

    domain_name: str | None = field("What became of the request")


class CreateDomainResponse(Model):
    """The reply of ``v4_domains_post``."""

    status: str | None = field("Request status")
    data: CreateDomainResponseData | None = field("The outcome")


class GetDomainDetailsData(Model):
    """The DKIM key of a domain."""

    domain_name: str | None = field("The registered domain")
    selector: str | None = field("The DKIM selector")
    private_key: str | None = field("The DKIM private key")
    is_valid: bool | None = field("Whether the key is valid")


class GetDomainDetails(Model):
    """The reply of ``v4_domains_domain_name_dkim_keys_get``."""

    status: str | None = field("Request status")
    data: GetDomainDetailsData | None = field("The DKIM key")


class GetDomainDetailsResponseData(Model):
    """One registered domain."""

    domain_name: str | None = field("The registered domain")
    enabled: bool | None = field("Whether the domain is enabled")


class GetDomainDetailsResponse(Model):
    """The reply of ``v4_domains_domain_name_get``."""

    status: str | None = field("Request status")
    data: GetDomainDetailsResponseData | None = field("The domain")


class GetDomainsResponseDataItems(Model):
    """One registered domain in a list."""

    domain_name: str | None = field("The registered domain")
    enabled: bool | None = field("Whether the domain is enabled")


class GetDomainsResponseData(Model):
    """The registered domains."""

    items: list[GetDomainsResponseDataItems] | None = field("Every registered domain")


class GetDomainsResponse(Model):
    """The reply of ``v4_domains_get``."""

    status: str | None = field("Request status")
    data: GetDomainsResponseData | None = field("The domains")

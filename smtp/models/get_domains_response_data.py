"""``GetDomainsResponseData``, at the module path the generated SDK used (defined in ``smtp.models.domains``)."""

from smtp.models.domains import GetDomainsResponseData

__all__ = ["GetDomainsResponseData"]

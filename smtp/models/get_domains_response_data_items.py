"""``GetDomainsResponseDataItems``, at the module path the generated SDK used (defined in ``smtp.models.domains``)."""

from smtp.models.domains import GetDomainsResponseDataItems

__all__ = ["GetDomainsResponseDataItems"]

"""``GetDomainDetailsData``, at the module path the generated SDK used (defined in ``smtp.models.domains``)."""

from smtp.models.domains import GetDomainDetailsData

__all__ = ["GetDomainDetailsData"]

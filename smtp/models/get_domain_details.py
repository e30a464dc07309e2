"""``GetDomainDetails``, at the module path the generated SDK used (defined in ``smtp.models.domains``)."""

from smtp.models.domains import GetDomainDetails

__all__ = ["GetDomainDetails"]

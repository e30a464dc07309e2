"""``CreateDomainResponse``, at the module path the generated SDK used (defined in ``smtp.models.domains``)."""

from smtp.models.domains import CreateDomainResponse

__all__ = ["CreateDomainResponse"]

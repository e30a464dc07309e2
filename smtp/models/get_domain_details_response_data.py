"""``GetDomainDetailsResponseData``, at the module path the generated SDK used (defined in ``smtp.models.domains``)."""

from smtp.models.domains import GetDomainDetailsResponseData

__all__ = ["GetDomainDetailsResponseData"]

"""``GetApiKeys``, at the module path the generated SDK used (defined in ``smtp.models.api_keys``)."""

from smtp.models.api_keys import GetApiKeys

__all__ = ["GetApiKeys"]

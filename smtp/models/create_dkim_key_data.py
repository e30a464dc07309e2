"""``CreateDkimKeyData``, at the module path the generated SDK used (defined in ``smtp.models.domains``)."""

from smtp.models.domains import CreateDkimKeyData

__all__ = ["CreateDkimKeyData"]

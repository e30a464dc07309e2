"""``SliceValue``, at the module path the generated SDK used (defined in ``smtp.models.stats``)."""

from smtp.models.stats import SliceValue

__all__ = ["SliceValue"]

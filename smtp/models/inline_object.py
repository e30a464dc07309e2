"""``InlineObject``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import InlineObject

__all__ = ["InlineObject"]

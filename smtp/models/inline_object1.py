"""``InlineObject1``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import InlineObject1

__all__ = ["InlineObject1"]

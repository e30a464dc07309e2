"""``InvalidKey``, at the module path the generated SDK used (defined in ``smtp.models.responses``)."""

from smtp.models.responses import InvalidKey

__all__ = ["InvalidKey"]

"""``V4MessagesBody``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import V4MessagesBody

__all__ = ["V4MessagesBody"]

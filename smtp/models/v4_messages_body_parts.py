"""``V4MessagesBodyParts``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import V4MessagesBodyParts

__all__ = ["V4MessagesBodyParts"]

"""``V4MessagesOriginator``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import V4MessagesOriginator

__all__ = ["V4MessagesOriginator"]

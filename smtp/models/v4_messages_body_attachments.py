"""``V4MessagesBodyAttachments``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import V4MessagesBodyAttachments

__all__ = ["V4MessagesBodyAttachments"]

"""``V4MessagesRecipients``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import V4MessagesRecipients

__all__ = ["V4MessagesRecipients"]

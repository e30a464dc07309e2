"""``V4MessagesRecipientsTo``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import V4MessagesRecipientsTo

__all__ = ["V4MessagesRecipientsTo"]

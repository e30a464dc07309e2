"""``MessagesResponseData``, at the module path the generated SDK used (defined in ``smtp.models.messages``)."""

from smtp.models.messages import MessagesResponseData

__all__ = ["MessagesResponseData"]

"""``MessagesResponseDataOpensItems``, at the module path the generated SDK used
(defined in ``smtp.models.messages``)."""

from smtp.models.messages import MessagesResponseDataOpensItems

__all__ = ["MessagesResponseDataOpensItems"]

"""``MessagesResponseDataClicksItems``, at the module path the generated SDK used
(defined in ``smtp.models.messages``)."""

from smtp.models.messages import MessagesResponseDataClicksItems

__all__ = ["MessagesResponseDataClicksItems"]

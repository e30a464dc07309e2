"""The endpoints layer: one class per API tag."""

from smtp.api.messages_api import MessagesApi

__all__ = ["MessagesApi"]

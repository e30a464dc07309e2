"""``GetCallbackResponseDataItems``, at the module path the generated SDK used
(defined in ``smtp.models.callbacks``)."""

from smtp.models.callbacks import GetCallbackResponseDataItems

__all__ = ["GetCallbackResponseDataItems"]

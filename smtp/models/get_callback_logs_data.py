"""``GetCallbackLogsData``, at the module path the generated SDK used (defined in ``smtp.models.callbacks``)."""

from smtp.models.callbacks import GetCallbackLogsData

__all__ = ["GetCallbackLogsData"]

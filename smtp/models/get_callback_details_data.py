"""``GetCallbackDetailsData``, at the module path the generated SDK used (defined in ``smtp.models.callbacks``)."""

from smtp.models.callbacks import GetCallbackDetailsData

__all__ = ["GetCallbackDetailsData"]

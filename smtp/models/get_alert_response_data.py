"""``GetAlertResponseData``, at the module path the generated SDK used (defined in ``smtp.models.alerts``)."""

from smtp.models.alerts import GetAlertResponseData

__all__ = ["GetAlertResponseData"]

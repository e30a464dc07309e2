"""``GetAlertDetailsData``, at the module path the generated SDK used (defined in ``smtp.models.alerts``)."""

from smtp.models.alerts import GetAlertDetailsData

__all__ = ["GetAlertDetailsData"]

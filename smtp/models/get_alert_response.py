"""``GetAlertResponse``, at the module path the generated SDK used (defined in ``smtp.models.alerts``)."""

from smtp.models.alerts import GetAlertResponse

__all__ = ["GetAlertResponse"]

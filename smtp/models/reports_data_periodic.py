"""``ReportsDataPeriodic``, at the module path the generated SDK used (defined in ``smtp.models.reports``)."""

from smtp.models.reports import ReportsDataPeriodic

__all__ = ["ReportsDataPeriodic"]

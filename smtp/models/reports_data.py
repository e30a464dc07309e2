"""``ReportsData``, at the module path the generated SDK used (defined in ``smtp.models.reports``)."""

from smtp.models.reports import ReportsData

__all__ = ["ReportsData"]

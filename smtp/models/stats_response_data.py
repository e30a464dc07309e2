"""``StatsResponseData``, at the module path the generated SDK used (defined in ``smtp.models.stats``)."""

from smtp.models.stats import StatsResponseData

__all__ = ["StatsResponseData"]

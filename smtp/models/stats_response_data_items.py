"""``StatsResponseDataItems``, at the module path the generated SDK used (defined in ``smtp.models.stats``)."""

from smtp.models.stats import StatsResponseDataItems

__all__ = ["StatsResponseDataItems"]

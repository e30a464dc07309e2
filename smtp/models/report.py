"""``Report``, at the module path the generated SDK used (defined in ``smtp.models.reports``)."""

from smtp.models.reports import Report

__all__ = ["Report"]

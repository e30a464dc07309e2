"""``AccountData``, at the module path the generated SDK used (defined in ``smtp.models.account``)."""

from smtp.models.account import AccountData

__all__ = ["AccountData"]

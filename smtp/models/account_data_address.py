"""``AccountDataAddress``, at the module path the generated SDK used (defined in ``smtp.models.account``)."""

from smtp.models.account import AccountDataAddress

__all__ = ["AccountDataAddress"]

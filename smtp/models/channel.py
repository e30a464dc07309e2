"""``Channel``, at the module path the generated SDK used (defined in ``smtp.models.channels``)."""

from smtp.models.channels import Channel

__all__ = ["Channel"]

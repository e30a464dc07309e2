"""``ChannelsDataItems``, at the module path the generated SDK used (defined in ``smtp.models.channels``)."""

from smtp.models.channels import ChannelsDataItems

__all__ = ["ChannelsDataItems"]

"""``ChannelsData``, at the module path the generated SDK used (defined in ``smtp.models.channels``)."""

from smtp.models.channels import ChannelsData

__all__ = ["ChannelsData"]

"""``MessagesResponseDataAbuseComplaints``, at the module path the generated SDK used
(defined in ``smtp.models.messages``)."""

from smtp.models.messages import MessagesResponseDataAbuseComplaints

__all__ = ["MessagesResponseDataAbuseComplaints"]

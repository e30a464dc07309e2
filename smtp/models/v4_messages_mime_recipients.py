"""``V4MessagesMimeRecipients``, at the module path the generated SDK used (defined in ``smtp.models.send``)."""

from smtp.models.send import V4MessagesMimeRecipients

__all__ = ["V4MessagesMimeRecipients"]

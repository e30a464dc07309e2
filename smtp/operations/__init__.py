"""The operations layer: every API operation declared as data (``Operation`` with its ``Param``
list), one module per API. The client core carries them out; the sandbox answers them; the docs
are generated from them. Nothing here sends a request."""

from smtp.operations._declare import INT32_MAX, Operation, Param

__all__ = ["INT32_MAX", "Operation", "Param"]

"""The API classes: one per API tag of the service, one module each (named as the generated
SDK names it, e.g. ``smtp.api.messages_api``).

A class's module is imported when the class is first used (``API_MODULES`` says where each one
is). To add an API class: write its module, add its name to ``API_MODULES``, ``__all__`` and the
``TYPE_CHECKING`` imports below (and to those of ``smtp/__init__.py``);
``test/unit/test_public_names.py`` checks that the lists agree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover - what type checkers see; at run time __getattr__ loads each class
    from smtp.api.messages_api import MessagesApi as MessagesApi

#: every API class: its name -> the module of this package that declares it
API_MODULES: dict[str, str] = {
    "MessagesApi": "messages_api",
}

__all__ = ["MessagesApi"]


def __getattr__(name: str) -> object:
    """Load an API class on first use (its module imported, the class kept here)."""
    module = API_MODULES.get(name)
    if module is None:
        raise AttributeError(f"module 'smtp.api' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"smtp.api.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

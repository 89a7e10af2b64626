"""Package names imported on first use (PEP 562), so importing a package stays cheap."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_getattr(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``names`` maps a name to its submodule, or to
    ``submodule:attribute`` where the name is another's (``ClientError`` for ``ServiceError``)."""
    namespace = import_module(package).__dict__

    def __getattr__(name: str) -> Any:
        target = names.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = target.partition(":")
        value = getattr(import_module(f"{package}.{module}"), attribute or name)
        namespace[name] = value  # later lookups skip this function
        return value

    return __getattr__

"""The seventeen operations, one module per service, as :class:`OperationSpec` values.

A service's operations (and so its pydantic models) are imported the first time that service
is looked up in :data:`OPERATIONS`: an SSO OIDC command builds no Sign-In or portal model
(issue 15: the one-shot CLI's start-up).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from py_backend.operations._spec import OperationSpec, PaginatorSpec

#: Each service's module, in the services' model order.
SERVICE_MODULES = {"sso-oidc": "sso_oidc", "signin": "signin", "sso": "sso"}


class _Operations(Mapping[str, Mapping[str, OperationSpec]]):
    """Service -> operation name -> spec; a service's module is imported on its first lookup.

    A service's operations are the :class:`OperationSpec` values its module defines, in the
    order it defines them (the service model's).
    """

    def __init__(self) -> None:
        self._loaded: dict[str, dict[str, OperationSpec]] = {}

    def __getitem__(self, service: str) -> Mapping[str, OperationSpec]:
        if service not in self._loaded:
            module = import_module(f"{__name__}.{SERVICE_MODULES[service]}")
            specs = (value for value in vars(module).values() if isinstance(value, OperationSpec))
            self._loaded[service] = {spec.name: spec for spec in specs}
        return self._loaded[service]

    def __iter__(self) -> Iterator[str]:
        return iter(SERVICE_MODULES)

    def __len__(self) -> int:
        return len(SERVICE_MODULES)


#: Every operation, by service and then by operation name (imported per service, on use).
OPERATIONS: Mapping[str, Mapping[str, OperationSpec]] = _Operations()

__all__ = ["OPERATIONS", "OperationSpec", "PaginatorSpec"]

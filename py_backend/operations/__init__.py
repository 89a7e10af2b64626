"""The seventeen operations, one module per service, as :class:`OperationSpec` values.

A service's operations (and so its pydantic models) are imported the first time that service
is looked up in :data:`OPERATIONS`, or one of them is named here: an SSO OIDC command builds
no Sign-In or portal model (issue 15: the one-shot CLI's start-up).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from importlib import import_module

from py_backend.lazy_names import lazy_getattr
from py_backend.operations._spec import OperationSpec, PaginatorSpec

#: Each service's module and the operations' spec names in it, in the services' model order.
SERVICE_MODULES: dict[str, tuple[str, tuple[str, ...]]] = {
    "sso-oidc": (
        "sso_oidc",
        ("CREATE_TOKEN", "CREATE_TOKEN_WITH_IAM", "REGISTER_CLIENT", "START_DEVICE_AUTHORIZATION"),
    ),
    "signin": (
        "signin",
        (
            "CREATE_OAUTH2_TOKEN",
            "CREATE_OAUTH2_TOKEN_WITH_IAM",
            "CREATE_OAUTH2_TOKEN_WITH_TOKEN_EXCHANGE",
            "CREATE_BEARER_TOKEN",
            "INTROSPECT_OAUTH2_TOKEN_WITH_IAM",
            "REVOKE_OAUTH2_TOKEN_WITH_IAM",
            "GET_SESSION",
            "LIST_SESSIONS",
            "BATCH_REVOKE_SESSIONS",
        ),
    ),
    "sso": ("sso", ("GET_ROLE_CREDENTIALS", "LIST_ACCOUNTS", "LIST_ACCOUNT_ROLES", "LOGOUT")),
}


class _Operations(Mapping[str, Mapping[str, OperationSpec]]):
    """Service -> operation name -> spec; a service's module is imported on its first lookup."""

    def __init__(self) -> None:
        self._loaded: dict[str, dict[str, OperationSpec]] = {}

    def __getitem__(self, service: str) -> Mapping[str, OperationSpec]:
        if service not in self._loaded:
            module_name, names = SERVICE_MODULES[service]
            module = import_module(f"{__name__}.{module_name}")
            specs = (getattr(module, name) for name in names)
            self._loaded[service] = {spec.name: spec for spec in specs}
        return self._loaded[service]

    def __iter__(self) -> Iterator[str]:
        return iter(SERVICE_MODULES)

    def __len__(self) -> int:
        return len(SERVICE_MODULES)


#: Every operation, by service and then by operation name (imported per service, on use).
OPERATIONS: Mapping[str, Mapping[str, OperationSpec]] = _Operations()

#: ``CREATE_TOKEN`` and the other spec names, imported from their service's module on first use.
__getattr__ = lazy_getattr(
    __name__,
    {name: module for module, names in SERVICE_MODULES.values() for name in names},
)

#: The spec names are resolved by __getattr__.
__all__ = [
    *(name for _, names in SERVICE_MODULES.values() for name in names),
    "OPERATIONS",
    "OperationSpec",
    "PaginatorSpec",
]

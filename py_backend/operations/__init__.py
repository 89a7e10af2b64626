"""The nine operations, one module each, as :class:`OperationSpec` values."""

from py_backend.operations._spec import OperationSpec, PaginatorSpec
from py_backend.operations.create_oauth2_token import CREATE_OAUTH2_TOKEN
from py_backend.operations.create_token import CREATE_TOKEN
from py_backend.operations.create_token_with_iam import CREATE_TOKEN_WITH_IAM
from py_backend.operations.get_role_credentials import GET_ROLE_CREDENTIALS
from py_backend.operations.list_account_roles import LIST_ACCOUNT_ROLES
from py_backend.operations.list_accounts import LIST_ACCOUNTS
from py_backend.operations.logout import LOGOUT
from py_backend.operations.register_client import REGISTER_CLIENT
from py_backend.operations.start_device_authorization import START_DEVICE_AUTHORIZATION

#: Every operation, by service and then by operation name.
OPERATIONS: dict[str, dict[str, OperationSpec]] = {
    "sso-oidc": {
        spec.name: spec
        for spec in (
            CREATE_TOKEN,
            CREATE_TOKEN_WITH_IAM,
            REGISTER_CLIENT,
            START_DEVICE_AUTHORIZATION,
        )
    },
    "signin": {CREATE_OAUTH2_TOKEN.name: CREATE_OAUTH2_TOKEN},
    "sso": {
        spec.name: spec
        for spec in (GET_ROLE_CREDENTIALS, LIST_ACCOUNTS, LIST_ACCOUNT_ROLES, LOGOUT)
    },
}

__all__ = [
    "CREATE_OAUTH2_TOKEN",
    "CREATE_TOKEN",
    "CREATE_TOKEN_WITH_IAM",
    "GET_ROLE_CREDENTIALS",
    "LIST_ACCOUNTS",
    "LIST_ACCOUNT_ROLES",
    "LOGOUT",
    "OPERATIONS",
    "REGISTER_CLIENT",
    "START_DEVICE_AUTHORIZATION",
    "OperationSpec",
    "PaginatorSpec",
]

"""The seventeen operations, one module each, as :class:`OperationSpec` values."""

from py_backend.operations._spec import OperationSpec, PaginatorSpec
from py_backend.operations.batch_revoke_sessions import BATCH_REVOKE_SESSIONS
from py_backend.operations.create_bearer_token import CREATE_BEARER_TOKEN
from py_backend.operations.create_oauth2_token import CREATE_OAUTH2_TOKEN
from py_backend.operations.create_oauth2_token_with_iam import CREATE_OAUTH2_TOKEN_WITH_IAM
from py_backend.operations.create_oauth2_token_with_token_exchange import (
    CREATE_OAUTH2_TOKEN_WITH_TOKEN_EXCHANGE,
)
from py_backend.operations.create_token import CREATE_TOKEN
from py_backend.operations.create_token_with_iam import CREATE_TOKEN_WITH_IAM
from py_backend.operations.get_role_credentials import GET_ROLE_CREDENTIALS
from py_backend.operations.get_session import GET_SESSION
from py_backend.operations.introspect_oauth2_token_with_iam import INTROSPECT_OAUTH2_TOKEN_WITH_IAM
from py_backend.operations.list_account_roles import LIST_ACCOUNT_ROLES
from py_backend.operations.list_accounts import LIST_ACCOUNTS
from py_backend.operations.list_sessions import LIST_SESSIONS
from py_backend.operations.logout import LOGOUT
from py_backend.operations.register_client import REGISTER_CLIENT
from py_backend.operations.revoke_oauth2_token_with_iam import REVOKE_OAUTH2_TOKEN_WITH_IAM
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
    "signin": {
        spec.name: spec
        for spec in (
            CREATE_OAUTH2_TOKEN,
            CREATE_OAUTH2_TOKEN_WITH_IAM,
            CREATE_OAUTH2_TOKEN_WITH_TOKEN_EXCHANGE,
            CREATE_BEARER_TOKEN,
            INTROSPECT_OAUTH2_TOKEN_WITH_IAM,
            REVOKE_OAUTH2_TOKEN_WITH_IAM,
            GET_SESSION,
            LIST_SESSIONS,
            BATCH_REVOKE_SESSIONS,
        )
    },
    "sso": {
        spec.name: spec
        for spec in (GET_ROLE_CREDENTIALS, LIST_ACCOUNTS, LIST_ACCOUNT_ROLES, LOGOUT)
    },
}

__all__ = [
    "BATCH_REVOKE_SESSIONS",
    "CREATE_BEARER_TOKEN",
    "CREATE_OAUTH2_TOKEN",
    "CREATE_OAUTH2_TOKEN_WITH_IAM",
    "CREATE_OAUTH2_TOKEN_WITH_TOKEN_EXCHANGE",
    "CREATE_TOKEN",
    "CREATE_TOKEN_WITH_IAM",
    "GET_ROLE_CREDENTIALS",
    "GET_SESSION",
    "INTROSPECT_OAUTH2_TOKEN_WITH_IAM",
    "LIST_ACCOUNTS",
    "LIST_ACCOUNT_ROLES",
    "LIST_SESSIONS",
    "LOGOUT",
    "OPERATIONS",
    "REGISTER_CLIENT",
    "REVOKE_OAUTH2_TOKEN_WITH_IAM",
    "START_DEVICE_AUTHORIZATION",
    "OperationSpec",
    "PaginatorSpec",
]

"""boto3-compatible clients for SSO OIDC, Sign-In and the IAM Identity Center portal.

``client.create_token(clientId=..., ...)`` takes boto3's keyword arguments (or their snake_case
names, or a request model), validates them, sends exactly the request botocore sends, and
returns a typed response whose ``to_dict()`` equals boto3's result minus ``ResponseMetadata``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

import httpx

from py_backend.auth.sigv4 import SigV4Auth
from py_backend.client_config import ClientConfig
from py_backend.endpoints import signin as signin_endpoints
from py_backend.errors import NoCredentialsError, NoRegionError, ParamValidationError, ServiceError
from py_backend.errors import signin as signin_errors
from py_backend.errors import sso as sso_errors
from py_backend.errors import sso_oidc as sso_oidc_errors
from py_backend.models._base import RequestModel, ResponseModel
from py_backend.operations import OPERATIONS, OperationSpec
from py_backend.operations.paginate import Paginator
from py_backend.transport import OperationSender, TransportSettings, build_http_client

if TYPE_CHECKING:
    # Only the Sign-In client's DPoP signs with a key: cryptography is imported when a call
    # needs it, not by every command (issue 15: the one-shot CLI's imports).
    from cryptography.hazmat.primitives.asymmetric import ec

    # Annotations only: a client loads its own service's models on its first call (through
    # OPERATIONS), so an SSO OIDC command builds no Sign-In or portal model (issue 15).
    from py_backend.auth.credentials import Credentials
    from py_backend.models.signin import CreateOAuth2TokenResponse
    from py_backend.models.signin_tokens import (
        BatchRevokeSessionsResponse,
        CreateBearerTokenResponse,
        CreateOAuth2TokenWithIAMResponse,
        CreateOAuth2TokenWithTokenExchangeResponse,
        GetSessionResponse,
        IntrospectOAuth2TokenWithIAMResponse,
        ListSessionsResponse,
        RevokeOAuth2TokenWithIAMResponse,
    )
    from py_backend.models.sso import (
        GetRoleCredentialsResponse,
        ListAccountRolesResponse,
        ListAccountsResponse,
        LogoutResponse,
    )
    from py_backend.models.sso_oidc import (
        CreateTokenResponse,
        CreateTokenWithIAMResponse,
        RegisterClientResponse,
        StartDeviceAuthorizationResponse,
    )


@dataclass(frozen=True)
class ClientMeta:
    """boto3's ``client.meta``: where and how this client sends its requests."""

    service_name: str
    region_name: str | None
    #: The endpoint its operations are sent to (for Sign-In, that of ``CreateOAuth2Token``).
    endpoint_url: str
    config: ClientConfig


def _exceptions(base: type[ServiceError], modeled: Mapping[str, type[ServiceError]]) -> Any:
    return SimpleNamespace(**modeled, ClientError=base)


class BaseClient:
    """What both service clients share: input handling, signing choice, sending, parsing."""

    service_name: ClassVar[str]
    #: ``client.exceptions.<Name>``: the modeled error classes, plus ``ClientError``.
    exceptions: ClassVar[Any]

    def __init__(
        self,
        *,
        endpoint_url: str,
        region_name: str | None,
        config: ClientConfig,
        transport_settings: TransportSettings,
        credentials: Callable[[], Credentials | None],
        http_transport: httpx.BaseTransport | None = None,
        endpoint_overridden: bool = False,
        cancelled: threading.Event | None = None,
    ) -> None:
        self.meta = ClientMeta(self.service_name, region_name, endpoint_url, config)
        self._credentials = credentials
        self._endpoint_overridden = endpoint_overridden
        self._features = "N" if endpoint_overridden else ""
        self._http = build_http_client(
            transport_settings, transport=http_transport, cancelled=cancelled
        )
        self._sender = OperationSender(self._http, transport_settings, cancelled=cancelled)

    def add_http_hooks(
        self,
        *,
        request: Callable[[httpx.Request], None] | None = None,
        response: Callable[[httpx.Response], None] | None = None,
    ) -> None:
        """Call ``request`` with each HTTP request this client sends, ``response`` with each
        answer (every attempt), on the client's own connections: proxies, TLS and retries
        are what they are without the hooks. ``--debug`` logs through them."""
        if request is not None:
            self._http.event_hooks["request"].append(request)
        if response is not None:
            self._http.event_hooks["response"].append(response)

    def close(self) -> None:
        """Close the client's pooled connections."""
        self._http.close()

    def __enter__(self: _ClientT) -> _ClientT:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} endpoint_url={self.meta.endpoint_url!r}>"

    def _call(
        self,
        operation: str,
        args: tuple[Any, ...],
        params: dict[str, Any],
        auth: httpx.Auth | None = None,
    ) -> ResponseModel:
        """Send ``operation`` (``"CreateToken"``) of this client's service; its response."""
        spec = OPERATIONS[self.service_name][operation]
        request, order = _request_from(spec, args, params)
        if spec.signed and not self.meta.config.unsigned:
            credentials = self._credentials()
            if credentials is None:
                raise NoCredentialsError()
            if not self.meta.region_name:
                raise NoRegionError()
            auth = SigV4Auth(credentials, self.meta.region_name, spec.signing_name)
        attempt = self._sender.send(
            self._endpoint_for(spec).rstrip("/") + spec.target(request, order),
            spec.serialize(request, order),
            service=spec.service,
            operation=spec.name,
            idempotent=spec.is_idempotent(request),
            auth=auth,
            features=self._features,
            method=spec.method,
            headers=spec.headers(request),
            content_type=spec.content_type,
        )
        response = spec.parse(attempt.response.content).with_metadata(attempt.response_metadata)
        assert isinstance(response, spec.output_model)
        return response

    def can_paginate(self, operation_name: str) -> bool:
        """Whether ``operation_name`` (``"list_accounts"``) has a paginator."""
        spec = _by_python_name(self.service_name, operation_name)
        return spec is not None and spec.paginator is not None

    def get_paginator(self, operation_name: str) -> Paginator:
        """botocore's paginator of a list operation (``list_accounts``, ``list_sessions``)."""
        spec = _by_python_name(self.service_name, operation_name)
        if spec is None or spec.paginator is None:
            raise ParamValidationError([("operation_name", "this operation cannot be paginated")])
        return Paginator(getattr(self, spec.python_name), spec)

    def _endpoint_for(self, spec: OperationSpec) -> str:
        """Where ``spec`` is sent: the client's endpoint (Sign-In's operations may differ)."""
        del spec
        return self.meta.endpoint_url


_ClientT = TypeVar("_ClientT", bound=BaseClient)


class SSOOIDCClient(BaseClient):
    """An SSO OIDC client (``session.client("sso-oidc")``), method for method like boto3's."""

    service_name = "sso-oidc"
    exceptions = _exceptions(sso_oidc_errors.SSOOIDCServiceError, sso_oidc_errors.MODELED_ERRORS)

    def create_token(self, *request: Any, **params: Any) -> CreateTokenResponse:
        """``CreateToken``: trade a device code, authorization code or refresh token for tokens;
        unsigned (needs no AWS credentials)."""
        return cast("CreateTokenResponse", self._call("CreateToken", request, params))

    def create_token_with_iam(self, *request: Any, **params: Any) -> CreateTokenWithIAMResponse:
        """``CreateTokenWithIAM``: an application's token request, SigV4-signed (``sso-oauth``);
        :class:`~py_backend.errors.NoCredentialsError` before sending without credentials."""
        return cast("CreateTokenWithIAMResponse", self._call("CreateTokenWithIAM", request, params))

    def register_client(self, *request: Any, **params: Any) -> RegisterClientResponse:
        """``RegisterClient``: register a public client and get its id and secret."""
        return cast("RegisterClientResponse", self._call("RegisterClient", request, params))

    def start_device_authorization(
        self, *request: Any, **params: Any
    ) -> StartDeviceAuthorizationResponse:
        """``StartDeviceAuthorization``: get a device code and the user code to approve."""
        return cast(
            "StartDeviceAuthorizationResponse",
            self._call("StartDeviceAuthorization", request, params),
        )


class SigninClient(BaseClient):
    """An AWS Sign-In client (``session.client("signin")``).

    Give a P-256 key as ``dpop_key`` (to the client or to one call) and every token request
    carries a fresh DPoP proof (RFC 9449), as ``aws login`` sends; the refresh token the
    service returns is then bound to that key.
    """

    service_name = "signin"
    exceptions = _exceptions(signin_errors.SigninServiceError, signin_errors.MODELED_ERRORS)

    def __init__(
        self,
        *,
        dpop_key: ec.EllipticCurvePrivateKey | None = None,
        endpoint_flags: tuple[bool, bool] = (False, False),
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self._dpop_key = dpop_key
        #: ``(use_fips, use_dualstack)``, for the operations with their own host.
        self._endpoint_flags = endpoint_flags

    def _endpoint_for(self, spec: OperationSpec) -> str:
        """The OAuth and control-plane operations have their own hosts in the rule set; a
        configured endpoint URL (the emulator) serves them all. botocore would send the
        control-plane ones to ``signin.{Region}.api.aws`` even then: this client never does."""
        if not spec.endpoint_context or self._endpoint_overridden:
            return self.meta.endpoint_url
        use_fips, use_dualstack = self._endpoint_flags
        return signin_endpoints.resolve_for_operation(
            spec.endpoint_context,
            self.meta.region_name,
            use_fips=use_fips,
            use_dualstack=use_dualstack,
        )

    def create_oauth2_token(
        self,
        *request: Any,
        dpop_key: ec.EllipticCurvePrivateKey | None = None,
        **params: Any,
    ) -> CreateOAuth2TokenResponse:
        """``CreateOAuth2Token``: redeem an authorization code, or refresh, for AWS credentials;
        takes ``tokenInput={...}`` as boto3 does (or ``token_input=``); unsigned."""
        key = dpop_key or self._dpop_key
        auth = None
        if key is not None:
            from py_backend.auth.dpop import DPoPAuth

            auth = DPoPAuth(key)
        return cast(
            "CreateOAuth2TokenResponse", self._call("CreateOAuth2Token", request, params, auth)
        )

    #: botocore's older generated name, still accepted by boto3.
    create_o_auth2_token = create_oauth2_token

    def create_oauth2_token_with_iam(
        self, *request: Any, **params: Any
    ) -> CreateOAuth2TokenWithIAMResponse:
        """``CreateOAuth2TokenWithIAM``: the caller's AWS credentials (SigV4, ``signin``) to an
        access token scoped to ``resource``."""
        return cast(
            "CreateOAuth2TokenWithIAMResponse",
            self._call("CreateOAuth2TokenWithIAM", request, params),
        )

    def create_o_auth2_token_with_token_exchange(
        self, *request: Any, **params: Any
    ) -> CreateOAuth2TokenWithTokenExchangeResponse:
        """``CreateOAuth2TokenWithTokenExchange``: RFC 8693 token exchange; unsigned. boto3's
        name (botocore splits "OAuth2" here, unlike in ``create_oauth2_token``)."""
        return cast(
            "CreateOAuth2TokenWithTokenExchangeResponse",
            self._call("CreateOAuth2TokenWithTokenExchange", request, params),
        )

    #: The name with "oauth2" written as in the other operations.
    create_oauth2_token_with_token_exchange = create_o_auth2_token_with_token_exchange

    def create_bearer_token(self, *request: Any, **params: Any) -> CreateBearerTokenResponse:
        """``CreateBearerToken``: a bearer token for a supported service (12 hours by default)."""
        return cast("CreateBearerTokenResponse", self._call("CreateBearerToken", request, params))

    def introspect_oauth2_token_with_iam(
        self, *request: Any, **params: Any
    ) -> IntrospectOAuth2TokenWithIAMResponse:
        """``IntrospectOAuth2TokenWithIAM``: whether a Sign-In token is active, and its claims."""
        return cast(
            "IntrospectOAuth2TokenWithIAMResponse",
            self._call("IntrospectOAuth2TokenWithIAM", request, params),
        )

    def revoke_oauth2_token_with_iam(
        self, *request: Any, **params: Any
    ) -> RevokeOAuth2TokenWithIAMResponse:
        """``RevokeOAuth2TokenWithIAM``: revoke a refresh token and the chain it belongs to."""
        return cast(
            "RevokeOAuth2TokenWithIAMResponse",
            self._call("RevokeOAuth2TokenWithIAM", request, params),
        )

    def get_session(self, *request: Any, **params: Any) -> GetSessionResponse:
        """``GetSession``: one sign-in session."""
        return cast("GetSessionResponse", self._call("GetSession", request, params))

    def list_sessions(self, *request: Any, **params: Any) -> ListSessionsResponse:
        """``ListSessions``: one page of sign-in sessions (``get_paginator`` pages through)."""
        return cast("ListSessionsResponse", self._call("ListSessions", request, params))

    def batch_revoke_sessions(self, *request: Any, **params: Any) -> BatchRevokeSessionsResponse:
        """``BatchRevokeSessions``: revoke up to five sign-in sessions."""
        return cast(
            "BatchRevokeSessionsResponse", self._call("BatchRevokeSessions", request, params)
        )


class SSOClient(BaseClient):
    """An IAM Identity Center portal client (``session.client("sso")``), like boto3's.

    Every operation is authorized by an SSO OIDC access token (``accessToken``), which is a
    secret: no AWS credentials are needed or used.
    """

    service_name = "sso"
    exceptions = _exceptions(sso_errors.SSOServiceError, sso_errors.MODELED_ERRORS)

    def get_role_credentials(self, *request: Any, **params: Any) -> GetRoleCredentialsResponse:
        """``GetRoleCredentials``: temporary AWS credentials for a role in an account."""
        return cast("GetRoleCredentialsResponse", self._call("GetRoleCredentials", request, params))

    def list_accounts(self, *request: Any, **params: Any) -> ListAccountsResponse:
        """``ListAccounts``: one page of the AWS accounts assigned to the user."""
        return cast("ListAccountsResponse", self._call("ListAccounts", request, params))

    def list_account_roles(self, *request: Any, **params: Any) -> ListAccountRolesResponse:
        """``ListAccountRoles``: one page of the roles the user has in an account."""
        return cast("ListAccountRolesResponse", self._call("ListAccountRoles", request, params))

    def logout(self, *request: Any, **params: Any) -> LogoutResponse:
        """``Logout``: end the sign-in session of the access token (the token stops working)."""
        return cast("LogoutResponse", self._call("Logout", request, params))


def _by_python_name(service: str, name: str) -> OperationSpec | None:
    return next((s for s in OPERATIONS[service].values() if s.python_name == name), None)


def _request_from(
    spec: OperationSpec, args: tuple[Any, ...], params: dict[str, Any]
) -> tuple[RequestModel, list[str]]:
    """The validated request and the caller's key order (wire names) for the body."""
    if args:
        if len(args) != 1 or params or not isinstance(args[0], spec.input_model):
            raise TypeError(
                f"{spec.python_name}() takes keyword arguments or one {spec.input_model.__name__}"
            )
        return args[0], []
    request = spec.build_input(params)
    body_params: Any = params
    if spec.input_payload:
        body_params = next(
            (params[k] for k in (spec.input_payload, "token_input") if k in params), {}
        )
    return request, _wire_order(request, body_params)


def _wire_order(request: RequestModel, params: Any) -> list[str]:
    if not isinstance(params, Mapping):
        return []
    model = getattr(request, "token_input", request)
    fields = type(model).model_fields
    return [(fields[key].alias or key) if key in fields else key for key in params]

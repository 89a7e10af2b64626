"""SSO OIDC's four operations (``sso-oidc``): all ``POST``, unsigned but ``CreateTokenWithIAM``,
which is SigV4-signed as ``sso-oauth`` (not ``sso-oidc`` nor ``oidc``)."""

from py_backend.models import sso_oidc
from py_backend.operations._spec import OperationSpec, models_of


def _operation(
    name: str, path: str, doc: str, *, query: str = "", signed: bool = False
) -> OperationSpec:
    return OperationSpec(
        "sso-oidc", name, "POST", path, *models_of(sso_oidc, name), doc, query=query, signed=signed
    )


CREATE_TOKEN = _operation(
    "CreateToken",
    "/token",
    "Creates and returns access and refresh tokens for clients that are authenticated using "
    "client secrets. The access token can be used to fetch short-term credentials for the "
    "assigned AWS accounts or to access application APIs using bearer authentication.",
)
CREATE_TOKEN_WITH_IAM = _operation(
    "CreateTokenWithIAM",
    "/token",
    "Creates and returns access and refresh tokens for clients and applications that are "
    "authenticated using IAM entities. The access token can be used to fetch short-term "
    "credentials for the assigned Amazon Web Services accounts or to access application APIs "
    "using bearer authentication.",
    query="aws_iam=t",
    signed=True,
)
REGISTER_CLIENT = _operation(
    "RegisterClient",
    "/client/register",
    "Registers a public client with IAM Identity Center. This allows clients to perform "
    "authorization using the authorization code grant with Proof Key for Code Exchange (PKCE) "
    "or the device code grant.",
)
START_DEVICE_AUTHORIZATION = _operation(
    "StartDeviceAuthorization",
    "/device_authorization",
    "Initiates device authorization by requesting a pair of verification codes from the "
    "authorization service.",
)

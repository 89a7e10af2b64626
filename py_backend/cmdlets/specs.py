"""The cmdlets, specified once: for the RPC ``describe`` method and the PowerShell generator.

The nine operation cmdlets are here (five token cmdlets, four of AWS.Tools.SSO); the two
sign-in cmdlets are in :mod:`py_backend.cmdlets.login_specs` and join them in :data:`CMDLETS`.

Sources, in order of authority:

- ``New-AMSPOAuth2Token`` and ``New-SSOOIDCToken``: the seed documents (the AWS Tools command
  reference pages): every parameter's name, type, aliases, position, Required and pipeline
  input, the help texts, synopsis and description are copied from them.
- ``New-SSOOIDCTokenWithIAM``, ``Register-SSOOIDCClient``, ``Start-SSOOIDCDeviceAuthorization``:
  no seed. Their parameters are what the AWS Tools generator emits from the SSO OIDC model
  (aws-tools-powershell.md section 1), checked against the generated V5 sources
  ``modules/AWSPowerShell/Cmdlets/SSOOIDC/Basic/*-Cmdlet.cs``: members in alphabetical order,
  list members as ``System.String[]``, every parameter ``ValueFromPipelineByPropertyName``,
  required members ``Mandatory`` with ``AllowNull``/``AllowEmptyString``, the pipeline
  parameter (the first required member) ``Position = 0`` and ``ValueFromPipeline``, and the
  generator's singular renames with the plural as alias (``GrantTypes`` -> ``GrantType``,
  ``Scopes`` -> ``Scope``; ``RedirectUris`` keeps its name). Help texts are the model
  documentation the generator renders. Comments marked "inferred" are attributes the seeds do
  not show for that cmdlet.
- ``-PassThru`` exists only on ``New-SSOOIDCToken`` (its seed, an AWS Tools V4 page); the V5
  cmdlets, which the other three follow, have none (aws-tools-powershell.md section 2).

Help texts keep the seeds' words; paragraphs the reference pages run together are separated
by line breaks here (the tests compare texts with all whitespace removed).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from py_backend.cmdlets.login_specs import LOGIN_CMDLETS
from py_backend.cmdlets.outputs import output_types_for
from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef, ParameterSpec
from py_backend.cmdlets.vocabulary import (
    FORCE,
    INT32,
    SIGNIN,
    SSO,
    SSO_OIDC,
    STRING,
    STRING_ARRAY,
    SWITCH,
)
from py_backend.service_members import SERVICES as SERVICE_MEMBERS

PASSTHRU_OBSOLETE = (
    "The -PassThru parameter is deprecated, use -Select '^ClientId' instead. "
    "This parameter will be removed in a future version."
)
CLIENT_CONFIG_KEYS = (
    "ServiceURL",
    "RegionEndpoint",
    "Timeout",
    "MaxErrorRetry",
    "UseFIPSEndpoint",
    "UseDualstackEndpoint",
    "ProxyHost",
    "ProxyPort",
)


# --- building blocks ------------------------------------------------------------------------


def _member(
    name: str,
    wire: str,
    help_text: str,
    *,
    pipeline: bool = False,
    aliases: tuple[str, ...] = (),
) -> ParameterSpec:
    """A request member's parameter: the pipeline one is Position 0 and ValueFromPipeline.

    Its type, Mandatory (with AllowNull) and secret flag are the member's, filled in from the
    models by :func:`_with_member_facts` when the cmdlet table is built.
    """
    return ParameterSpec(
        name=name,
        type=STRING,
        ps_type="string",
        help=help_text,
        kind="service",
        aliases=aliases,
        position=0 if pipeline else None,
        value_from_pipeline=pipeline,
        wire=wire,
    )


def _with_member_facts(spec: CmdletSpec) -> CmdletSpec:
    """``spec`` with each request parameter typed, Mandatory and secret as its model member.

    Required members are Mandatory (the modular AWS.Tools build) with AllowNull; lists are
    ``string[]``, integers ``int?``.
    """
    if spec.operation is None:
        return spec
    shape = SERVICE_MEMBERS[spec.operation.service][spec.operation.operation]["input"]
    parameters = []
    for parameter in spec.parameters:
        if parameter.kind == "service" and parameter.wire:
            member, required = _member_at(shape, parameter.wire)
            kind = member["shape"]["type"]
            type_name = {"list": STRING_ARRAY, "integer": INT32}.get(kind, STRING)
            parameter = replace(
                parameter,
                type=type_name,
                ps_type={STRING_ARRAY: "string[]", INT32: "int?"}.get(type_name, "string"),
                mandatory=required,
                allow_null=required,
                secret=member["secret"],
            )
        parameters.append(parameter)
    return replace(spec, parameters=tuple(parameters))


def _member_at(shape: dict[str, Any], wire: str) -> tuple[dict[str, Any], bool]:
    """The member at the dotted ``wire`` path, and whether it (and every parent) is required."""
    required = True
    member: dict[str, Any] = {}
    for part in wire.split("."):
        member = next(m for m in shape.get("members", ()) if m["name"] == part)
        required = required and part in shape.get("required", ())
        shape = member["shape"]
    return member, required


def _select(response_type: str, default: str, *, writes_by_default: bool = True) -> ParameterSpec:
    # A cmdlet whose operation has no output (Close-SSOSession) writes nothing by default.
    default_text = (
        f"The default value is '{default}'. "
        if writes_by_default
        else "The cmdlet doesn't have a return value by default. "
    )
    property_text = (
        f"Specifying the name of a property of type {response_type} will result in that "
        "property being returned. "
        if writes_by_default
        else ""
    )
    return ParameterSpec(
        name="Select",
        type=STRING,
        ps_type="string",
        kind="control",
        default=default,
        help=(
            "Use the -Select parameter to control the cmdlet output. "
            f"{default_text}Specifying -Select '*' will result in the cmdlet "
            f"returning the whole service response ({response_type}). {property_text}"
            "Specifying -Select '^ParameterName' will result in the cmdlet returning the "
            "selected cmdlet parameter value."
        ),
    )


#: ``-NoAutoIteration`` of the AWS Tools' paginated cmdlets.
NO_AUTO_ITERATION = ParameterSpec(
    name="NoAutoIteration",
    type=SWITCH,
    ps_type="switch",
    kind="control",
    help=(
        "By default the cmdlet will auto-iterate and retrieve all results to the pipeline by "
        "performing multiple service calls. If set, the cmdlet will retrieve only the next "
        "'page' of results using the value of NextToken as the start point."
    ),
)


PASSTHRU = ParameterSpec(
    name="PassThru",
    type=SWITCH,
    ps_type="switch",
    kind="control",
    obsolete=PASSTHRU_OBSOLETE,
    help=(
        "Changes the cmdlet behavior to return the value passed to the ClientId parameter. "
        + PASSTHRU_OBSOLETE
    ),
    note=(
        "The backend emits the obsolete-parameter warning; the generated parameter must not "
        "carry [Obsolete] as well, or PowerShell warns twice."
    ),
)


def _client_config(dotnet_type: str, config_class: str) -> ParameterSpec:
    # The reference pages show only the property path as help (a documentation-generator
    # artefact: "Amazon.PowerShell.Cmdlets.SSOOIDC.AmazonSSOOIDCClientCmdlet.ClientConfig");
    # this text says what the wrapper accepts instead.
    return ParameterSpec(
        name="ClientConfig",
        type=dotnet_type,
        # [object]: a hashtable, or an AmazonConfig-shaped object whose properties the module reads.
        ps_type="object",
        kind="common",
        declared_on_cmdlet=False,
        help=(
            f"Client configuration for the service client: a {config_class} object, or a "
            f"hashtable of {config_class} property names: " + ", ".join(CLIENT_CONFIG_KEYS) + "."
        ),
        note=(
            "A hashtable of the listed settings (other AmazonConfig properties are refused), or an "
            "object with those properties (such as AmazonSSOOIDCConfig): the module reads the ones "
            "that are set, and RegionEndpoint by its SystemName."
        ),
    )


def _common(
    name: str,
    type_name: str,
    ps_type: str,
    help_text: str,
    *,
    aliases: tuple[str, ...] = (),
    by_value: bool = False,
    secret: bool = False,
    note: str | None = None,
) -> ParameterSpec:
    return ParameterSpec(
        name=name,
        type=type_name,
        ps_type=ps_type,
        help=help_text,
        kind="common",
        aliases=aliases,
        value_from_pipeline=by_value,
        secret=secret,
        declared_on_cmdlet=False,
        note=note,
    )


#: The credential and region parameters of ``AWSCommonArgumentsCmdlet``/``ServiceCmdlet``,
#: in the reference pages' order (their attributes are the seeds').
COMMON_CREDENTIAL_PARAMETERS: tuple[ParameterSpec, ...] = (
    _common(
        "AccessKey",
        STRING,
        "string",
        "The AWS access key for the user account. This can be a temporary access key if the "
        "corresponding session token is supplied to the -SessionToken parameter.",
        aliases=("AK",),
    ),
    _common(
        "Credential",
        "Amazon.Runtime.AWSCredentials",
        "object",
        "An AWSCredentials object instance containing access and secret key information, and "
        "optionally a token for session-based credentials.",
        by_value=True,
        secret=True,
        note=("The module passes it to the backend as a hashtable {AccessKey, SecretKey, Token}."),
    ),
    _common(
        "EndpointUrl",
        STRING,
        "string",
        "The endpoint to make the call against.\n"
        "Note: This parameter is primarily for internal AWS use and is not required/should not "
        "be specified for normal usage. The cmdlets normally determine which endpoint to call "
        "based on the region specified to the -Region parameter or set as default in the shell "
        "(via Set-DefaultAWSRegion). Only specify this parameter if you must direct the call to "
        "a specific custom endpoint.",
    ),
    _common(
        "NetworkCredential",
        "System.Management.Automation.PSCredential",
        "pscredential",
        "Used with SAML-based authentication when ProfileName references a SAML role profile. "
        "Contains the network credentials to be supplied during authentication with the "
        "configured identity provider's endpoint. This parameter is not required if the user's "
        "default network identity can or should be used during authentication.",
        # Not ByValue, unlike the AWS Tools: PowerShell gives a function's PSCredential
        # parameter a [Credential()] transformation (a compiled cmdlet's has none), which
        # turns every piped string into a password prompt and every piped object into an
        # error, so `'name' | Register-SSOOIDCClient` would never bind its -ClientName.
        by_value=False,
        secret=True,
        note=(
            "SAML role profiles are not supported: any value is refused with an error. It does "
            "not take pipeline input by value."
        ),
    ),
    _common(
        "ProfileLocation",
        STRING,
        "string",
        "Used to specify the name and location of the ini-format credential file (shared with "
        "the AWS CLI and other AWS SDKs)\n"
        "If this optional parameter is omitted this cmdlet will search the encrypted credential "
        "file used by the AWS SDK for .NET and AWS Toolkit for Visual Studio first. If the "
        "profile is not found then the cmdlet will search in the ini-format credential file at "
        "the default location: (user's home directory)\\.aws\\credentials.\n"
        "If this parameter is specified then this cmdlet will only search the ini-format "
        "credential file at the location given.\n"
        "As the current folder can vary in a shell or during script execution it is advised "
        "that you use specify a fully qualified path instead of a relative path.",
        aliases=("AWSProfilesLocation", "ProfilesLocation"),
        note="There is no encrypted .NET credential store: only the ini-format files are read.",
    ),
    _common(
        "ProfileName",
        STRING,
        "string",
        "The user-defined name of an AWS credentials or SAML-based role profile containing "
        "credential information. The profile is expected to be found in the secure credential "
        "file shared with the AWS SDK for .NET and AWS Toolkit for Visual Studio. You can also "
        "specify the name of a profile stored in the .ini-format credential file used with the "
        "AWS CLI and other AWS SDKs.",
        aliases=("StoredCredentials", "AWSProfileName"),
    ),
    _common(
        "Region",
        "System.Object",
        "object",
        "The system name of an AWS region or an AWSRegion instance. This governs the endpoint "
        "that will be used when calling service operations. Note that the AWS resources "
        "referenced in a call are usually region-specific.",
        aliases=("RegionToCall",),
    ),
    _common(
        "SecretKey",
        STRING,
        "string",
        "The AWS secret key for the user account. This can be a temporary secret key if the "
        "corresponding session token is supplied to the -SessionToken parameter.",
        aliases=("SK", "SecretAccessKey"),
        secret=True,
    ),
    _common(
        "SessionToken",
        STRING,
        "string",
        "The session token if the access and secret keys are temporary session-based credentials.",
        aliases=("ST",),
        secret=True,
    ),
)


def _parameters(
    members: tuple[ParameterSpec, ...],
    select: ParameterSpec,
    client_config: ParameterSpec,
    *,
    passthru: bool = False,
    tail: tuple[ParameterSpec, ...] = (FORCE,),
) -> tuple[ParameterSpec, ...]:
    """Members (alphabetical), then Select, PassThru, Force or NoAutoIteration (the
    generator's order; a Get- cmdlet has no Force), then the base classes' ClientConfig and
    credential/region parameters."""
    control = (select, PASSTHRU, *tail) if passthru else (select, *tail)
    return (
        *sorted(members, key=lambda p: p.name),
        *control,
        client_config,
        *COMMON_CREDENTIAL_PARAMETERS,
    )


SSO_CLIENT_CONFIG = _client_config("Amazon.SSOOIDC.AmazonSSOOIDCConfig", "AmazonSSOOIDCConfig")
SIGNIN_CLIENT_CONFIG = _client_config("Amazon.Signin.AmazonSigninConfig", "AmazonSigninConfig")

_AUTH_CODE_ONLY = "Used only when calling this API for the Authorization Code grant type."
_REFRESH_HELP_TAIL = (
    "For more information about the features and limitations of the current IAM Identity "
    "Center OIDC implementation, see Considerations for Using this Guide in the IAM Identity "
    "Center OIDC API Reference."
)


def _sso_response(name: str) -> str:
    return f"Amazon.SSOOIDC.Model.{name}Response"


def _sso_outputs(name: str) -> str:
    return f"This cmdlet returns an {_sso_response(name)} object containing multiple properties."


# --- New-AMSPOAuth2Token (seed 000) ----------------------------------------------------------

NEW_AMSP_OAUTH2_TOKEN = CmdletSpec(
    verb="New",
    noun="AMSPOAuth2Token",
    operation=OperationRef("signin", SIGNIN, "CreateOAuth2Token", "create_oauth2_token", False),
    synopsis="Calls the AWS Sign-In Data Plane CreateOAuth2Token API operation.",
    description=(
        "CreateOAuth2Token API Path: /v1/token Request Method: POST Content-Type: "
        "application/json or application/x-www-form-urlencoded This API implements OAuth 2.0 "
        "flows for AWS Sign-In CLI clients, supporting both:\n"
        "  1. Authorization code redemption (grant_type=authorization_code) - NOT idempotent\n"
        "  2. Token refresh (grant_type=refresh_token) - Idempotent within token validity "
        "window\n"
        "The operation behavior is determined by the grant_type parameter in the request body: "
        "Authorization Code Flow (NOT Idempotent):\n"
        "  \u2022 JSON or form-encoded body with client_id, grant_type=authorization_code, code, "
        "redirect_uri, code_verifier\n"
        "  \u2022 Returns access_token, token_type, expires_in, refresh_token, and id_token\n"
        "  \u2022 Each authorization code can only be used ONCE for security (prevents replay "
        "attacks)\n"
        "Token Refresh Flow (Idempotent):\n"
        "  \u2022 JSON or form-encoded body with client_id, grant_type=refresh_token, "
        "refresh_token\n"
        "  \u2022 Returns access_token, token_type, expires_in, and refresh_token (no id_token)\n"
        "  \u2022 Multiple calls with same refresh_token return consistent results within "
        "validity window\n"
        "Authentication and authorization:\n"
        "  \u2022 Confidential clients: sigv4 signing required with signin:ExchangeToken "
        "permissions\n"
        "  \u2022 CLI clients (public): authn/authz skipped based on client_id & grant_type\n"
        "Note: This operation cannot be marked as @idempotent because it handles both "
        "idempotent (token refresh) and non-idempotent (auth code redemption) flows in a single "
        "endpoint."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.AMSP.NewAMSPOAuth2TokenCmdlet",
    response_type="Amazon.Signin.Model.CreateOAuth2TokenResponse",
    output_type="Amazon.Signin.Model.CreateOAuth2TokenResponseBody",
    default_select="TokenOutput",
    outputs_help=(
        "This cmdlet returns an Amazon.Signin.Model.CreateOAuth2TokenResponseBody object. The "
        "service call response (type Amazon.Signin.Model.CreateOAuth2TokenResponse) can be "
        "returned by specifying '-Select *'."
    ),
    should_process_target="TokenInput_ClientId",
    parameters=_parameters(
        (
            # NoPipelineParameter="true" (signin.xml): no Position, no ValueFromPipeline.
            _member(
                "TokenInput_ClientId",
                "tokenInput.clientId",
                "The client identifier (ARN) used during Sign-In onboarding Required for both "
                "authorization code and refresh token flows",
            ),
            _member(
                "TokenInput_Code",
                "tokenInput.code",
                "The authorization code received from /v1/authorize Required only when "
                "grant_type=authorization_code",
            ),
            _member(
                "TokenInput_CodeVerifier",
                "tokenInput.codeVerifier",
                "PKCE code verifier to prove possession of the original code challenge Required "
                "only when grant_type=authorization_code",
            ),
            _member(
                "TokenInput_GrantType",
                "tokenInput.grantType",
                "OAuth 2.0 grant type - determines which flow is used Must be "
                '"authorization_code" or "refresh_token"',
            ),
            _member(
                "TokenInput_RedirectUri",
                "tokenInput.redirectUri",
                "The redirect URI that must match the original authorization request Required "
                "only when grant_type=authorization_code",
            ),
            _member(
                "TokenInput_RefreshToken",
                "tokenInput.refreshToken",
                "The refresh token returned from auth_code redemption Required only when "
                "grant_type=refresh_token",
            ),
        ),
        _select("Amazon.Signin.Model.CreateOAuth2TokenResponse", "TokenOutput"),
        SIGNIN_CLIENT_CONFIG,
    ),
)


# --- New-SSOOIDCToken (seed 001) -------------------------------------------------------------

NEW_SSOOIDC_TOKEN = CmdletSpec(
    verb="New",
    noun="SSOOIDCToken",
    operation=OperationRef("sso-oidc", SSO_OIDC, "CreateToken", "create_token", False),
    synopsis="Calls the AWS Single Sign-On OIDC CreateToken API operation.",
    description=(
        "Creates and returns access and refresh tokens for clients that are authenticated using "
        "client secrets. The access token can be used to fetch short-term credentials for the "
        "assigned AWS accounts or to access application APIs using bearer authentication."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSOOIDC.NewSSOOIDCTokenCmdlet",
    response_type=_sso_response("CreateToken"),
    output_type=_sso_response("CreateToken"),
    default_select="*",
    outputs_help=_sso_outputs("CreateToken"),
    should_process_target="ClientId",
    parameters=_parameters(
        (
            _member(
                "ClientId",
                "clientId",
                "The unique identifier string for the client or application. This value comes "
                "from the result of the RegisterClient API.",
                pipeline=True,
            ),
            _member(
                "ClientSecret",
                "clientSecret",
                "A secret string generated for the client. This value should come from the "
                "persisted result of the RegisterClient API.",
            ),
            _member(
                "Code",
                "code",
                f"{_AUTH_CODE_ONLY} The short-term code is used to identify this authorization "
                "request. This grant type is currently unsupported for the CreateToken API.",
            ),
            # Not on the seed page, which predates the member; the current AWS Tools cmdlet
            # has it, and PKCE authorization-code redemption needs it.
            _member(
                "CodeVerifier",
                "codeVerifier",
                f"{_AUTH_CODE_ONLY} This value is generated by the client and presented to "
                "validate the original code challenge value the client passed at authorization "
                "time.",
            ),
            _member(
                "DeviceCode",
                "deviceCode",
                "Used only when calling this API for the Device Code grant type. This short-term "
                "code is used to identify this authorization request. This comes from the result "
                "of the StartDeviceAuthorization API.",
            ),
            _member(
                "GrantType",
                "grantType",
                "Supports the following OAuth grant types: Device Code and Refresh Token. Specify "
                "either of the following values, depending on the grant type that you want:\n"
                "* Device Code - urn:ietf:params:oauth:grant-type:device_code\n"
                "* Refresh Token - refresh_token\n"
                "For information about how to obtain the device code, see the "
                "StartDeviceAuthorization topic.",
            ),
            _member(
                "RedirectUri",
                "redirectUri",
                f"{_AUTH_CODE_ONLY} This value specifies the location of the client or "
                "application that has registered to receive the authorization code.",
            ),
            _member(
                "RefreshToken",
                "refreshToken",
                "Used only when calling this API for the Refresh Token grant type. This token is "
                "used to refresh short-term tokens, such as the access token, that might "
                f"expire.\n{_REFRESH_HELP_TAIL}",
            ),
            _member(
                "Scope",
                "scope",
                "The list of scopes for which authorization is requested. The access token that "
                "is issued is limited to the scopes that are granted. If this value is not "
                "specified, IAM Identity Center authorizes all scopes that are configured for "
                "the client during the call to RegisterClient.",
            ),
        ),
        _select(_sso_response("CreateToken"), "*"),
        SSO_CLIENT_CONFIG,
        passthru=True,
    ),
)


# --- New-SSOOIDCTokenWithIAM (no seed: V5 source) --------------------------------------------

NEW_SSOOIDC_TOKEN_WITH_IAM = CmdletSpec(
    verb="New",
    noun="SSOOIDCTokenWithIAM",
    operation=OperationRef(
        "sso-oidc", SSO_OIDC, "CreateTokenWithIAM", "create_token_with_iam", True
    ),
    synopsis="Calls the AWS Single Sign-On OIDC CreateTokenWithIAM API operation.",
    description=(
        "Creates and returns access and refresh tokens for clients and applications that are "
        "authenticated using IAM entities. The access token can be used to fetch short-lived "
        "credentials for the assigned Amazon Web Services accounts or to access application "
        "APIs using bearer authentication."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSOOIDC.NewSSOOIDCTokenWithIAMCmdlet",
    response_type=_sso_response("CreateTokenWithIAM"),
    output_type=_sso_response("CreateTokenWithIAM"),
    default_select="*",
    outputs_help=_sso_outputs("CreateTokenWithIAM"),
    should_process_target="ClientId",
    parameters=_parameters(
        (
            _member(
                "Assertion",
                "assertion",
                "Used only when calling this API for the JWT Bearer grant type. This value "
                "specifies the JSON Web Token (JWT) issued by a trusted token issuer. To "
                "authorize a trusted token issuer, configure the JWT Bearer GrantOptions for the "
                "application.",
            ),
            # Inferred (generator rule, confirmed by the V5 source): the first required member
            # is the pipeline parameter, Position 0.
            _member(
                "ClientId",
                "clientId",
                "The unique identifier string for the client or application. This value is an "
                "application ARN that has OAuth grants configured.",
                pipeline=True,
            ),
            _member(
                "Code",
                "code",
                f"{_AUTH_CODE_ONLY} This short-lived code is used to identify this authorization "
                "request. The code is obtained through a redirect from IAM Identity Center to a "
                "redirect URI persisted in the Authorization Code GrantOptions for the "
                "application.",
            ),
            _member(
                "CodeVerifier",
                "codeVerifier",
                f"{_AUTH_CODE_ONLY} This value is generated by the client and presented to "
                "validate the original code challenge value the client passed at authorization "
                "time.",
            ),
            _member(
                "GrantType",
                "grantType",
                "Supports the following OAuth grant types: Authorization Code, Refresh Token, "
                "JWT Bearer, and Token Exchange. Specify one of the following values, depending "
                "on the grant type that you want:\n"
                "* Authorization Code - authorization_code\n"
                "* Refresh Token - refresh_token\n"
                "* JWT Bearer - urn:ietf:params:oauth:grant-type:jwt-bearer\n"
                "* Token Exchange - urn:ietf:params:oauth:grant-type:token-exchange",
            ),
            _member(
                "RedirectUri",
                "redirectUri",
                f"{_AUTH_CODE_ONLY} This value specifies the location of the client or "
                "application that has registered to receive the authorization code.",
            ),
            _member(
                "RefreshToken",
                "refreshToken",
                "Used only when calling this API for the Refresh Token grant type. This token is "
                "used to refresh short-lived tokens, such as the access token, that might "
                f"expire.\n{_REFRESH_HELP_TAIL}",
            ),
            _member(
                "RequestedTokenType",
                "requestedTokenType",
                "Used only when calling this API for the Token Exchange grant type. This value "
                "specifies the type of token that the requester can receive. The following "
                "values are supported:\n"
                "* Access Token - urn:ietf:params:oauth:token-type:access_token\n"
                "* Refresh Token - urn:ietf:params:oauth:token-type:refresh_token",
            ),
            # The member is already singular ("scope"), so no rename and no alias.
            _member(
                "Scope",
                "scope",
                "The list of scopes for which authorization is requested. The access token that "
                "is issued is limited to the scopes that are granted. If the value is not "
                "specified, IAM Identity Center authorizes all scopes configured for the "
                "application, including the following default scopes: openid, aws, "
                "sts:identity_context.",
            ),
            _member(
                "SubjectToken",
                "subjectToken",
                "Used only when calling this API for the Token Exchange grant type. This value "
                "specifies the subject of the exchange. The value of the subject token must be "
                "an access token issued by IAM Identity Center to a different client or "
                "application. The access token must have authorized scopes that indicate the "
                "requested application as a target audience.",
            ),
            _member(
                "SubjectTokenType",
                "subjectTokenType",
                "Used only when calling this API for the Token Exchange grant type. This value "
                "specifies the type of token that is passed as the subject of the exchange. The "
                "following value is supported:\n"
                "* Access Token - urn:ietf:params:oauth:token-type:access_token",
            ),
        ),
        _select(_sso_response("CreateTokenWithIAM"), "*"),
        SSO_CLIENT_CONFIG,
    ),
)


# --- Register-SSOOIDCClient (no seed: V5 source) ---------------------------------------------

REGISTER_SSOOIDC_CLIENT = CmdletSpec(
    verb="Register",
    noun="SSOOIDCClient",
    operation=OperationRef("sso-oidc", SSO_OIDC, "RegisterClient", "register_client", False),
    synopsis="Calls the AWS Single Sign-On OIDC RegisterClient API operation.",
    description=(
        "Registers a public client with IAM Identity Center. This allows clients to perform "
        "authorization using the authorization code grant with Proof Key for Code Exchange "
        "(PKCE) or the device code grant."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSOOIDC.RegisterSSOOIDCClientCmdlet",
    response_type=_sso_response("RegisterClient"),
    output_type=_sso_response("RegisterClient"),
    default_select="*",
    outputs_help=_sso_outputs("RegisterClient"),
    should_process_target="ClientName",
    parameters=_parameters(
        (
            # Inferred (generator rule, confirmed by the V5 source): pipeline parameter.
            _member(
                "ClientName",
                "clientName",
                "The friendly name of the client.",
                pipeline=True,
            ),
            _member(
                "ClientType",
                "clientType",
                "The type of client. The service supports only public as a client type. "
                "Anything other than public will be rejected by the service.",
            ),
            _member(
                "EntitledApplicationArn",
                "entitledApplicationArn",
                "This IAM Identity Center application ARN is used to define administrator-"
                "managed configuration for public client access to resources. At "
                "authorization, the scopes, grants, and redirect URI available to this client "
                "will be restricted by this application resource.",
            ),
            # Inferred rename: the generator singularises "GrantTypes" and keeps it as alias.
            _member(
                "GrantType",
                "grantTypes",
                "The list of OAuth 2.0 grant types that are defined by the client. This list is "
                "used to restrict the token granting flows available to the client. Supports "
                "the following OAuth 2.0 grant types: Authorization Code, Device Code, and "
                "Refresh Token.\n"
                "* Authorization Code - authorization_code\n"
                "* Device Code - urn:ietf:params:oauth:grant-type:device_code\n"
                "* Refresh Token - refresh_token",
                aliases=("GrantTypes",),
            ),
            _member(
                "IssuerUrl",
                "issuerUrl",
                "The IAM Identity Center Issuer URL associated with an instance of IAM Identity "
                "Center. This value is needed for user access to resources through the client.",
            ),
            # The V5 source keeps this name (no singular rename, no alias).
            _member(
                "RedirectUris",
                "redirectUris",
                "The list of redirect URI that are defined by the client. At completion of "
                "authorization, this list is used to restrict what locations the user agent can "
                "be redirected back to.",
            ),
            # Inferred rename: "Scopes" -> "Scope", alias "Scopes".
            _member(
                "Scope",
                "scopes",
                "The list of scopes that are defined by the client. Upon authorization, this "
                "list is used to restrict permissions when granting an access token.",
                aliases=("Scopes",),
            ),
        ),
        _select(_sso_response("RegisterClient"), "*"),
        SSO_CLIENT_CONFIG,
    ),
)


# --- Start-SSOOIDCDeviceAuthorization (no seed: V5 source) -----------------------------------

START_SSOOIDC_DEVICE_AUTHORIZATION = CmdletSpec(
    verb="Start",
    noun="SSOOIDCDeviceAuthorization",
    operation=OperationRef(
        "sso-oidc", SSO_OIDC, "StartDeviceAuthorization", "start_device_authorization", False
    ),
    synopsis="Calls the AWS Single Sign-On OIDC StartDeviceAuthorization API operation.",
    description=(
        "Initiates device authorization by requesting a pair of verification codes from the "
        "authorization service."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSOOIDC.StartSSOOIDCDeviceAuthorizationCmdlet",
    response_type=_sso_response("StartDeviceAuthorization"),
    output_type=_sso_response("StartDeviceAuthorization"),
    default_select="*",
    outputs_help=_sso_outputs("StartDeviceAuthorization"),
    should_process_target="ClientId",
    parameters=_parameters(
        (
            # Inferred (generator rule, confirmed by the V5 source): pipeline parameter.
            _member(
                "ClientId",
                "clientId",
                "The unique identifier string for the client that is registered with IAM "
                "Identity Center. This value should come from the persisted result of the "
                "RegisterClient API operation.",
                pipeline=True,
            ),
            _member(
                "ClientSecret",
                "clientSecret",
                "A secret string that is generated for the client. This value should come from "
                "the persisted result of the RegisterClient API operation.",
            ),
            _member(
                "StartUrl",
                "startUrl",
                "The URL for the Amazon Web Services access portal. For more information, see "
                "Using the Amazon Web Services access portal in the IAM Identity Center User "
                "Guide.",
            ),
        ),
        _select(_sso_response("StartDeviceAuthorization"), "*"),
        SSO_CLIENT_CONFIG,
    ),
)


# --- AWS.Tools.SSO: the IAM Identity Center portal (no seed: the generated sources) ----------
# docs/portal.md section 5: Get-SSORoleCredential, Get-SSOAccountList, Get-SSOAccountRoleList
# and Close-SSOSession as modules/AWSPowerShell/Cmdlets/SSO/Basic/*-Cmdlet.cs declare them
# (V5: no -PassThru). Get- verbs do not support ShouldProcess; the list cmdlets page through
# every result unless -NoAutoIteration is given or -NextToken is bound.

SSO_PORTAL_CLIENT_CONFIG = _client_config("Amazon.SSO.AmazonSSOConfig", "AmazonSSOConfig")
_ITERATION_NOTE = (
    "This cmdlet automatically pages all available results to the pipeline - parameters "
    "related to iteration are only needed if you want to manually control the paginated "
    "output. To disable autopagination, use -NoAutoIteration."
)
_NEXT_TOKEN_NOTE = (
    "\nNote: This parameter is only used if you are manually controlling output pagination of "
    "the service API call.\n'NextToken' is only returned by the cmdlet when '-Select *' is "
    "specified. In order to manually control output pagination, set '-NextToken' to null for "
    "the first call then set the 'NextToken' using the same property output from the previous "
    "call for subsequent calls."
)


def _portal_response(name: str) -> str:
    return f"Amazon.SSO.Model.{name}Response"


def _portal_outputs(returned: str, response: str) -> str:
    return (
        f"This cmdlet returns {returned}. The service call response (type "
        f"{_portal_response(response)}) can be returned by specifying '-Select *'."
    )


def _access_token(*, pipeline: bool) -> ParameterSpec:
    # New-SSOOIDCToken's output has an AccessToken property: it binds by property name.
    return _member(
        "AccessToken",
        "accessToken",
        "The token issued by the CreateToken API call. For more information, see CreateToken "
        "in the IAM Identity Center OIDC API Reference Guide.",
        pipeline=pipeline,
    )


def _account_id(*, pipeline: bool) -> ParameterSpec:
    return _member(
        "AccountId",
        "accountId",
        "The identifier for the AWS account that is assigned to the user.",
        pipeline=pipeline,
    )


def _paging(max_result_help: str, next_token_help: str) -> tuple[ParameterSpec, ...]:
    return (
        _member("MaxResult", "maxResults", max_result_help, aliases=("MaxResults",)),
        _member("NextToken", "nextToken", next_token_help + _NEXT_TOKEN_NOTE),
    )


GET_SSO_ROLE_CREDENTIAL = CmdletSpec(
    verb="Get",
    noun="SSORoleCredential",
    operation=OperationRef("sso", SSO, "GetRoleCredentials", "get_role_credentials", False),
    synopsis="Calls the AWS Single Sign-On GetRoleCredentials API operation.",
    description=(
        "Returns the STS short-term credentials for a given role name that is assigned to the user."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.GetSSORoleCredentialCmdlet",
    response_type=_portal_response("GetRoleCredentials"),
    output_type="Amazon.SSO.Model.RoleCredentials",
    default_select="RoleCredentials",
    outputs_help=_portal_outputs(
        "an Amazon.SSO.Model.RoleCredentials object", "GetRoleCredentials"
    ),
    should_process_target="RoleName",
    supports_should_process=False,
    parameters=_parameters(
        (
            _access_token(pipeline=False),
            _account_id(pipeline=False),
            _member(
                "RoleName",
                "roleName",
                "The friendly name of the role that is assigned to the user.",
                pipeline=True,
            ),
        ),
        _select(_portal_response("GetRoleCredentials"), "RoleCredentials"),
        SSO_PORTAL_CLIENT_CONFIG,
        tail=(),
    ),
)

GET_SSO_ACCOUNT_LIST = CmdletSpec(
    verb="Get",
    noun="SSOAccountList",
    operation=OperationRef("sso", SSO, "ListAccounts", "list_accounts", False),
    synopsis="Calls the AWS Single Sign-On ListAccounts API operation.",
    description=(
        "Lists all AWS accounts assigned to the user. These AWS accounts are assigned by the "
        "administrator of the account. For more information, see Assign User Access in the IAM "
        "Identity Center User Guide. This operation returns a paginated response.\n"
        + _ITERATION_NOTE
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.GetSSOAccountListCmdlet",
    response_type=_portal_response("ListAccounts"),
    output_type="Amazon.SSO.Model.AccountInfo",
    default_select="AccountList",
    outputs_help=_portal_outputs(
        "a collection of Amazon.SSO.Model.AccountInfo objects", "ListAccounts"
    ),
    should_process_target="AccessToken",
    supports_should_process=False,
    auto_iterate=True,
    parameters=_parameters(
        (
            _access_token(pipeline=True),
            *_paging(
                "This is the number of items clients can request per page.",
                "(Optional) When requesting subsequent pages, this is the page token from the "
                "previous response output.",
            ),
        ),
        _select(_portal_response("ListAccounts"), "AccountList"),
        SSO_PORTAL_CLIENT_CONFIG,
        tail=(NO_AUTO_ITERATION,),
    ),
)

GET_SSO_ACCOUNT_ROLE_LIST = CmdletSpec(
    verb="Get",
    noun="SSOAccountRoleList",
    operation=OperationRef("sso", SSO, "ListAccountRoles", "list_account_roles", False),
    synopsis="Calls the AWS Single Sign-On ListAccountRoles API operation.",
    description=(
        "Lists all roles that are assigned to the user for a given AWS account.\n" + _ITERATION_NOTE
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.GetSSOAccountRoleListCmdlet",
    response_type=_portal_response("ListAccountRoles"),
    output_type="Amazon.SSO.Model.RoleInfo",
    default_select="RoleList",
    outputs_help=_portal_outputs(
        "a collection of Amazon.SSO.Model.RoleInfo objects", "ListAccountRoles"
    ),
    should_process_target="AccountId",
    supports_should_process=False,
    auto_iterate=True,
    parameters=_parameters(
        (
            _access_token(pipeline=False),
            _account_id(pipeline=True),
            *_paging(
                "The number of items that clients can request per page.",
                "The page token from the previous response output when you request subsequent "
                "pages.",
            ),
        ),
        _select(_portal_response("ListAccountRoles"), "RoleList"),
        SSO_PORTAL_CLIENT_CONFIG,
        tail=(NO_AUTO_ITERATION,),
    ),
)

CLOSE_SSO_SESSION = CmdletSpec(
    verb="Close",
    noun="SSOSession",
    operation=OperationRef("sso", SSO, "Logout", "logout", False),
    synopsis="Calls the AWS Single Sign-On Logout API operation.",
    description=(
        "Removes the locally stored SSO tokens from the client-side cache and sends an API "
        "call to the IAM Identity Center service to invalidate the corresponding server-side "
        "IAM Identity Center sign in session.\n"
        "If a user uses IAM Identity Center to access the AWS CLI, the user's IAM Identity "
        "Center sign in session is used to obtain an IAM session, as specified in the "
        "corresponding IAM Identity Center permission set. More specifically, IAM Identity "
        "Center assumes an IAM role in the target account on behalf of the user, and the "
        "corresponding temporary AWS credentials are returned to the client.\n"
        "After user logout, any existing IAM role sessions that were created by using IAM "
        "Identity Center permission sets continue based on the duration configured in the "
        "permission set. For more information, see User authentications in the IAM Identity "
        "Center User Guide."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSO.CloseSSOSessionCmdlet",
    response_type=_portal_response("Logout"),
    output_type="None",
    default_select="*",
    outputs_help=(
        "This cmdlet does not generate any output. The service response (type "
        "Amazon.SSO.Model.LogoutResponse) can be returned by specifying '-Select *'."
    ),
    should_process_target="AccessToken",
    writes_by_default=False,
    parameters=_parameters(
        (_access_token(pipeline=True),),
        _select(_portal_response("Logout"), "*", writes_by_default=False),
        SSO_PORTAL_CLIENT_CONFIG,
    ),
)


#: The cmdlets that call one operation (the AWS Tools' generated cmdlets), by name.
OPERATION_CMDLETS: dict[str, CmdletSpec] = {
    spec.name: _with_member_facts(spec)
    for spec in (
        NEW_AMSP_OAUTH2_TOKEN,
        NEW_SSOOIDC_TOKEN,
        NEW_SSOOIDC_TOKEN_WITH_IAM,
        REGISTER_SSOOIDC_CLIENT,
        START_SSOOIDC_DEVICE_AUTHORIZATION,
        GET_SSO_ROLE_CREDENTIAL,
        GET_SSO_ACCOUNT_LIST,
        GET_SSO_ACCOUNT_ROLE_LIST,
        CLOSE_SSO_SESSION,
    )
}

#: Every cmdlet, by name: the operation cmdlets and the sign-in cmdlets.
CMDLETS: dict[str, CmdletSpec] = {**OPERATION_CMDLETS, **LOGIN_CMDLETS}

#: The cmdlet names, sorted.
CMDLET_NAMES: tuple[str, ...] = tuple(sorted(CMDLETS))
#: The operation cmdlets' names, sorted.
OPERATION_CMDLET_NAMES: tuple[str, ...] = tuple(sorted(OPERATION_CMDLETS))


def find_cmdlet(name: str) -> CmdletSpec | None:
    """The cmdlet called ``name``, case-insensitively (PowerShell command names are)."""
    wanted = name.casefold()
    return next((spec for key, spec in CMDLETS.items() if key.casefold() == wanted), None)


def describe_cmdlets() -> list[dict[str, Any]]:
    """Every cmdlet's specification as JSON-able dicts, with the output types they return."""
    described = []
    for name in CMDLET_NAMES:
        spec = CMDLETS[name]
        entry = spec.to_json()
        entry["outputTypes"] = output_types_for(spec.response_type)
        for extra in spec.flow.extra_output_types if spec.flow else ():
            entry["outputTypes"].update(output_types_for(extra))
        described.append(entry)
    return described

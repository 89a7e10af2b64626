"""The sign-in cmdlets: ``Invoke-SSOOIDCLogin`` (``aws sso login``) and ``Invoke-AMSPLogin``
(``aws login``), specified like the operation cmdlets so the generator and ``describe`` treat
them alike.

Names: the approved verb ``Invoke`` (the AWS Tools' own sign-in cmdlets are
``Invoke-AWSSSOLogin`` and ``Invoke-AWSLogin`` in AWS.Tools.Common) and the noun prefixes of the
services whose operations the flows call (``SSOOIDC``, ``AMSP``), so the names cannot clash with
the AWS Tools' when both modules are loaded. Parameters are in declaration order (a hand-written
cmdlet's, not the generator's alphabetical one); ``-ProfileName`` is at position 0 as in
``Invoke-AWSLogin``. There is no ``-Select``: the output is one small object.
"""

from __future__ import annotations

from typing import Any

from py_backend.cmdlets.outputs import SIGNIN_LOGIN_PENDING, SIGNIN_LOGIN_RESULT, SSO_LOGIN_RESULT
from py_backend.cmdlets.spec_model import (
    CmdletSpec,
    FlowKind,
    FlowSpec,
    OperationRef,
    ParameterSpec,
    PromptStep,
    TargetRule,
)
from py_backend.cmdlets.vocabulary import (
    FORCE,
    OBJECT,
    PS_TYPES,
    SIGNIN,
    SSO_OIDC,
    STRING,
    STRING_ARRAY,
    SWITCH,
)

#: What the remote Sign-In flow asks (the AWS CLI's words; Read-Host adds the colon).
PASTE_PROMPT = "Enter the authorization code displayed in your browser"
DEFAULT_TARGET = "the default profile"


def option(
    name: str, type_name: str, help_text: str, *, hidden: bool = False, **attributes: Any
) -> ParameterSpec:
    """A flow option; hidden ones are set by the generated function, never from the pipeline."""
    return ParameterSpec(
        name=name,
        type=type_name,
        ps_type=PS_TYPES[type_name],
        help=help_text,
        kind="flow",
        value_from_pipeline_by_property_name=not hidden,
        dont_show=hidden,
        **attributes,
    )


def profile_name(what: str) -> ParameterSpec:
    """``-ProfileName`` at position 0, as in ``Invoke-AWSLogin``: the profile ``what``."""
    return option(
        "ProfileName",
        STRING,
        f"The profile {what} (a [profile NAME] section of the shared config file). The default "
        "is $env:AWS_PROFILE, else the profile named default.",
        aliases=("StoredCredentials", "AWSProfileName"),
        position=0,
    )


PROFILE_LOCATION = option(
    "ProfileLocation",
    STRING,
    "The path of the shared config file that holds the profile. The default is "
    "$env:AWS_CONFIG_FILE, else ~/.aws/config. (The AWS Tools' -ProfileLocation names a "
    "credentials file; sign-in settings live in the config file, so this one names that.)",
    aliases=("AWSProfilesLocation", "ProfilesLocation"),
)
NO_BROWSER = option(
    "NoBrowser",
    SWITCH,
    "Does not open a browser: the URL to open (and the code to enter) are only shown, for "
    "example to open them on another device.",
)


def _endpoint_url(service: str, variable: str) -> ParameterSpec:
    return option(
        "EndpointUrl",
        STRING,
        f"The {service} endpoint to use instead of the region's, such as a local emulator "
        f"(http://127.0.0.1:PORT). $env:{variable} does the same. The authorization page is "
        "on the same host.",
    )


#: The operations that sign in: the ShouldProcess action of the sign-in and status cmdlets.
SSO_TOKEN = OperationRef("sso-oidc", SSO_OIDC, "CreateToken")
SIGNIN_TOKEN = OperationRef("signin", SIGNIN, "CreateOAuth2Token")


def flow_cmdlet(
    name: str,
    operation: OperationRef,
    *,
    synopsis: str,
    description: str,
    result: str,
    returns: str,
    parameters: tuple[ParameterSpec, ...],
    kind: FlowKind,
    cli_command: str,
    targets: tuple[TargetRule, ...] = (),
    default_target: str = "",
    should_process_target: str = "ProfileName",
    **flow: Any,
) -> CmdletSpec:
    """The cmdlet ``name`` (``Verb-Noun``), running the ``kind`` flow (``cli_command``'s work).

    The module's own class names it and it writes one ``result`` object, ``returns`` saying
    what is in it; ``flow`` holds the other :class:`FlowSpec` fields (``prompt``, ``source``...).
    """
    verb, noun = name.split("-")
    return CmdletSpec(
        verb=verb,
        noun=noun,
        operation=operation,
        synopsis=synopsis,
        description=description,
        dotnet_class=f"AwsTokenBridge.Cmdlets.{verb}{noun}Cmdlet",
        response_type=result,
        output_type=result,
        default_select="*",
        outputs_help=f"This cmdlet returns an {result} object: {returns}",
        should_process_target=should_process_target,
        parameters=parameters,
        flow=FlowSpec(kind, cli_command, targets, default_target, **flow),
    )


# --- Invoke-SSOOIDCLogin -------------------------------------------------------------------

INVOKE_SSOOIDC_LOGIN = flow_cmdlet(
    "Invoke-SSOOIDCLogin",
    SSO_TOKEN,
    synopsis=(
        "Signs in to IAM Identity Center and caches the access token, as the AWS CLI's "
        "aws sso login does."
    ),
    description=(
        "Gets an IAM Identity Center (AWS SSO) access token for an SSO profile, an "
        "[sso-session] or a start URL, and writes it to the AWS CLI's token cache "
        "(~/.aws/sso/cache), where the AWS CLI v2 and the AWS SDKs find it.\n"
        "With an sso-session, the authorization code flow with PKCE is used: the browser opens "
        "the authorization page and returns to a listener on 127.0.0.1. When no local port can "
        "be used, the device code flow is used instead. Legacy profiles (sso_start_url in the "
        "profile) and -UseDeviceCode use the device code flow: the cmdlet shows a code and a "
        "URL, opens the browser, and waits for the code to be approved, polling as often as "
        "the service allows; Write-Progress shows how long it has waited.\n"
        "A client registration cached by an earlier sign-in (this cmdlet's or the AWS CLI's) "
        "is reused while it is valid. The URL and the code are written to the information "
        "stream, which is shown unless -InformationAction Ignore is given. The token itself is "
        "never written to the pipeline or to any stream."
    ),
    result=SSO_LOGIN_RESULT,
    returns=(
        "the start URL, SSO region and session name signed in to, when the token expires "
        "(ExpiresAt, a DateTime in UTC) and the cache file written (CachePath)."
    ),
    parameters=(
        profile_name(
            "whose SSO settings to sign in with: sso_session, or the legacy "
            "sso_start_url and sso_region"
        ),
        PROFILE_LOCATION,
        option(
            "SSOSession",
            STRING,
            "The [sso-session NAME] section to sign in with, instead of the profile's. With "
            "-StartUrl, the session name the token is cached under (no config file is read).",
        ),
        option(
            "StartUrl",
            STRING,
            "The AWS access portal URL to sign in to, for a sign-in without a profile (with "
            "-SSORegion). Without -SSOSession the token is cached under the start URL and the "
            "device code flow is used, as for a legacy profile.",
        ),
        option(
            "SSORegion",
            STRING,
            "The region of the IAM Identity Center instance; required with -StartUrl.",
        ),
        option(
            "Scope",
            STRING_ARRAY,
            "The scopes to register the client for. The default is the sso-session's "
            "sso_registration_scopes (sso:account:access when it names none).",
            aliases=("Scopes",),
        ),
        option(
            "UseDeviceCode",
            SWITCH,
            "Uses the device code flow even where the authorization code flow would be used.",
        ),
        NO_BROWSER,
        _endpoint_url("SSO OIDC", "AWS_ENDPOINT_URL_SSO_OIDC"),
        FORCE,
    ),
    kind="sso-login",
    cli_command="aws sso login",
    targets=(
        TargetRule("StartUrl"),
        TargetRule("SSOSession", "sso-session '{}'"),
        TargetRule("ProfileName", "profile '{}'"),
    ),
    default_target=DEFAULT_TARGET,
)


# --- Invoke-AMSPLogin ----------------------------------------------------------------------

INVOKE_AMSP_LOGIN = flow_cmdlet(
    "Invoke-AMSPLogin",
    SIGNIN_TOKEN,
    synopsis=(
        "Signs in with AWS Sign-In and caches temporary credentials for a profile, as the AWS "
        "CLI's aws login does."
    ),
    description=(
        "Signs in with the AWS Sign-In authorization code flow (PKCE, with a DPoP key made for "
        "this sign-in), writes the session to the AWS CLI's login cache "
        "($env:AWS_LOGIN_CACHE_DIRECTORY, else ~/.aws/login/cache) and points the profile at "
        "it (login_session, and region when the profile has none), so that the AWS CLI v2 and "
        "the AWS SDKs use the credentials and refresh them.\n"
        "By default the browser opens the sign-in page and returns to a listener on 127.0.0.1. "
        "With -Remote the sign-in can be done on any device: the cmdlet shows the URL, then "
        f"asks for the code the browser shows at the end ('{PASTE_PROMPT}').\n"
        "A profile that already gets credentials another way (access keys, SSO, a role, a "
        "credential process) is refused before anything is sent. The URL is written to the "
        "information stream, shown unless -InformationAction Ignore is given. The secret key "
        "and the session token are never written to the pipeline or to any stream."
    ),
    result=SIGNIN_LOGIN_RESULT,
    returns=(
        "the profile updated, the login session (the signed-in identity's ARN), its account, "
        "the access key id, the region, when the credentials expire (ExpiresAt, a DateTime in "
        "UTC) and the cache file written (CachePath)."
    ),
    parameters=(
        profile_name("to sign in for: it gets login_session, and region if it has none"),
        PROFILE_LOCATION,
        option(
            "Region",
            OBJECT,
            "The AWS Sign-In region: a region name or an AWSRegion object. The default is "
            "$StoredAWSRegion, the profile's region, $env:AWS_REGION or "
            "$env:AWS_DEFAULT_REGION, else us-east-1 (a message says so).",
            aliases=("RegionToCall",),
        ),
        option(
            "Remote",
            SWITCH,
            "Signs in on another device: the cmdlet shows the URL to open there, then asks for "
            "the authorization code the browser shows at the end. No local listener is used.",
        ),
        NO_BROWSER,
        option(
            "NoProfileUpdate",
            SWITCH,
            "Caches the session without writing login_session (or region) to the profile. The "
            "AWS CLI always updates the profile; without it, nothing finds these credentials "
            "by profile.",
        ),
        _endpoint_url("AWS Sign-In", "AWS_ENDPOINT_URL_SIGNIN"),
        FORCE,
        option(
            "AuthorizationCode",
            STRING,
            "Used by the function itself with -Remote: the code read from the user, sent with "
            "-LoginHandle to finish the sign-in the first call started.",
            secret=True,
            hidden=True,
        ),
        option(
            "LoginHandle",
            STRING,
            "Used by the function itself with -Remote: names the sign-in the first call "
            "started and the backend keeps for 10 minutes.",
            secret=True,
            hidden=True,
        ),
    ),
    kind="signin-login",
    cli_command="aws login",
    targets=(TargetRule("ProfileName", "profile '{}'"),),
    default_target=DEFAULT_TARGET,
    prompt=PromptStep(
        switch="Remote",
        prompt=PASTE_PROMPT,
        value_parameter="AuthorizationCode",
        handle_parameter="LoginHandle",
        handle_property="LoginHandle",
    ),
    extra_output_types=(SIGNIN_LOGIN_PENDING,),
)

#: The sign-in cmdlets, by name.
LOGIN_CMDLETS: dict[str, CmdletSpec] = {
    spec.name: spec for spec in (INVOKE_SSOOIDC_LOGIN, INVOKE_AMSP_LOGIN)
}

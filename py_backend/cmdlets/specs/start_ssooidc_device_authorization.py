"""Start-SSOOIDCDeviceAuthorization (no seed: V5 source)."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef
from py_backend.cmdlets.specs.blocks import (
    SSO_CLIENT_CONFIG,
    member,
    parameters,
    select,
    sso_outputs,
    sso_response,
)
from py_backend.cmdlets.vocabulary import SSO_OIDC

START_SSOOIDC_DEVICE_AUTHORIZATION = CmdletSpec(
    verb="Start",
    noun="SSOOIDCDeviceAuthorization",
    operation=OperationRef("sso-oidc", SSO_OIDC, "StartDeviceAuthorization"),
    synopsis="Calls the AWS Single Sign-On OIDC StartDeviceAuthorization API operation.",
    description=(
        "Initiates device authorization by requesting a pair of verification codes from the "
        "authorization service."
    ),
    dotnet_class="Amazon.PowerShell.Cmdlets.SSOOIDC.StartSSOOIDCDeviceAuthorizationCmdlet",
    response_type=sso_response("StartDeviceAuthorization"),
    output_type=sso_response("StartDeviceAuthorization"),
    default_select="*",
    outputs_help=sso_outputs("StartDeviceAuthorization"),
    should_process_target="ClientId",
    parameters=parameters(
        (
            # Inferred (generator rule, confirmed by the V5 source): pipeline parameter.
            member(
                "ClientId",
                "clientId",
                "The unique identifier string for the client that is registered with IAM "
                "Identity Center. This value should come from the persisted result of the "
                "RegisterClient API operation.",
                pipeline=True,
            ),
            member(
                "ClientSecret",
                "clientSecret",
                "A secret string that is generated for the client. This value should come from "
                "the persisted result of the RegisterClient API operation.",
            ),
            member(
                "StartUrl",
                "startUrl",
                "The URL for the Amazon Web Services access portal. For more information, see "
                "Using the Amazon Web Services access portal in the IAM Identity Center User "
                "Guide.",
            ),
        ),
        select(sso_response("StartDeviceAuthorization"), "*"),
        SSO_CLIENT_CONFIG,
    ),
)

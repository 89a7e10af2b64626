"""Start-SSOOIDCDeviceAuthorization (no seed: V5 source)."""

from __future__ import annotations

from py_backend.cmdlets.specs.blocks import member
from py_backend.cmdlets.specs.sso_oidc import doc, sso_oidc_cmdlet

START_SSOOIDC_DEVICE_AUTHORIZATION = sso_oidc_cmdlet(
    "Start",
    "SSOOIDCDeviceAuthorization",
    "StartDeviceAuthorization",
    description=(
        "Initiates device authorization by requesting a pair of verification codes from the "
        "authorization service."
    ),
    should_process_target="ClientId",
    members=(
        # Inferred (generator rule, confirmed by the V5 source): pipeline parameter.
        member(
            "ClientId",
            "clientId",
            doc("StartDeviceAuthorization", "clientId"),
            pipeline=True,
        ),
        member(
            "ClientSecret",
            "clientSecret",
            doc("StartDeviceAuthorization", "clientSecret"),
        ),
        member(
            "StartUrl",
            "startUrl",
            doc("StartDeviceAuthorization", "startUrl")
            + " For more information, see Using the Amazon Web Services access portal in the IAM "
            "Identity Center User Guide.",
        ),
    ),
)

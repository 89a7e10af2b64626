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

from typing import Any

from py_backend.cmdlets.login_specs import LOGIN_CMDLETS
from py_backend.cmdlets.outputs import output_types_for
from py_backend.cmdlets.session_specs import SESSION_CMDLETS
from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.cmdlets.specs.blocks import CLIENT_CONFIG_KEYS, with_member_facts
from py_backend.cmdlets.specs.close_sso_session import CLOSE_SSO_SESSION
from py_backend.cmdlets.specs.get_sso_account_list import GET_SSO_ACCOUNT_LIST
from py_backend.cmdlets.specs.get_sso_account_role_list import GET_SSO_ACCOUNT_ROLE_LIST
from py_backend.cmdlets.specs.get_sso_role_credential import GET_SSO_ROLE_CREDENTIAL
from py_backend.cmdlets.specs.new_amsp_oauth2_token import NEW_AMSP_OAUTH2_TOKEN
from py_backend.cmdlets.specs.new_ssooidc_token import NEW_SSOOIDC_TOKEN
from py_backend.cmdlets.specs.new_ssooidc_token_with_iam import NEW_SSOOIDC_TOKEN_WITH_IAM
from py_backend.cmdlets.specs.register_ssooidc_client import REGISTER_SSOOIDC_CLIENT
from py_backend.cmdlets.specs.signin_tokens import SIGNIN_TOKEN_CMDLETS
from py_backend.cmdlets.specs.start_ssooidc_device_authorization import (
    START_SSOOIDC_DEVICE_AUTHORIZATION,
)

__all__ = [
    "CLIENT_CONFIG_KEYS",
    "CMDLETS",
    "CMDLET_NAMES",
    "OPERATION_CMDLETS",
    "OPERATION_CMDLET_NAMES",
    "describe_cmdlets",
    "find_cmdlet",
]

#: The cmdlets that call one operation (the AWS Tools' generated cmdlets), by name.
OPERATION_CMDLETS: dict[str, CmdletSpec] = {
    spec.name: with_member_facts(spec)
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
        *SIGNIN_TOKEN_CMDLETS,
    )
}

#: Every cmdlet, by name: the operation cmdlets, the sign-in cmdlets and the status, logout and
#: credential cmdlets (:mod:`py_backend.cmdlets.session_specs`).
CMDLETS: dict[str, CmdletSpec] = {**OPERATION_CMDLETS, **LOGIN_CMDLETS, **SESSION_CMDLETS}

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

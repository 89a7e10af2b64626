"""What the four SSO OIDC operation cmdlets share: the AWS Tools generator names the class,
the synopsis, the response type and the outputs text after the verb, noun and operation, and
every one of them returns the whole response by default."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import CmdletSpec, OperationRef, ParameterSpec
from py_backend.cmdlets.specs.blocks import (
    SSO_CLIENT_CONFIG,
    parameters,
    select,
    sso_outputs,
    sso_response,
)
from py_backend.cmdlets.vocabulary import SSO_OIDC
from py_backend.service_members import member_doc


def sso_oidc_cmdlet(
    verb: str,
    noun: str,
    operation: str,
    *,
    description: str,
    should_process_target: str,
    members: tuple[ParameterSpec, ...],
    passthru: bool = False,
) -> CmdletSpec:
    """``<verb>-<noun>``, calling the SSO OIDC ``operation`` with ``members`` as parameters."""
    return CmdletSpec(
        verb=verb,
        noun=noun,
        operation=OperationRef("sso-oidc", SSO_OIDC, operation),
        synopsis=f"Calls the {SSO_OIDC} {operation} API operation.",
        description=description,
        dotnet_class=f"Amazon.PowerShell.Cmdlets.SSOOIDC.{verb}{noun}Cmdlet",
        response_type=sso_response(operation),
        output_type=sso_response(operation),
        default_select="*",
        outputs_help=sso_outputs(operation),
        should_process_target=should_process_target,
        parameters=parameters(
            members,
            select(sso_response(operation), "*"),
            SSO_CLIENT_CONFIG,
            passthru=passthru,
        ),
    )


def doc(operation: str, wire: str) -> str:
    """The SSO OIDC member's documentation, as its model states it (``Doc``): the text the
    command line's ``help`` prints too, written once."""
    return member_doc("sso-oidc", operation, wire)

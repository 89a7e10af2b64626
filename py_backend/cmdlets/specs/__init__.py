"""The cmdlets, specified once: for the RPC ``describe`` method and the PowerShell generator.

The fifteen operation cmdlets are here, one module per service (``sso_oidc``, ``signin``,
``sso``), each built by :func:`~py_backend.cmdlets.specs.blocks.operation_cmdlet`; the flow
cmdlets (:mod:`py_backend.cmdlets.login_specs`, :mod:`py_backend.cmdlets.session_specs`) join
them in :data:`CMDLETS`.

Sources, in order of authority:

- ``New-AMSPOAuth2Token`` and ``New-SSOOIDCToken``: the seed documents (the AWS Tools command
  reference pages): every parameter's name, type, aliases, position, Required and pipeline
  input, the help texts, synopsis and description are copied from them (or derived: the
  description is the operation's documented one, stated once with the operation).
- The other operation cmdlets: no seed. Their parameters are what the AWS Tools generator
  emits from the service model (aws-tools-powershell.md section 1), checked against the
  generated V5 sources ``modules/AWSPowerShell/Cmdlets/<Service>/Basic/*-Cmdlet.cs``: members
  in alphabetical order, list members as ``System.String[]``, every parameter
  ``ValueFromPipelineByPropertyName``, required members ``Mandatory`` with
  ``AllowNull``/``AllowEmptyString``, the pipeline parameter (the first required member)
  ``Position = 0`` and ``ValueFromPipeline``, and the generator's singular renames with the
  plural as alias (``GrantTypes`` -> ``GrantType``, ``Scopes`` -> ``Scope``; ``RedirectUris``
  keeps its name). Help texts are the model documentation the generator renders.
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
from py_backend.cmdlets.specs.blocks import CLIENT_CONFIG_KEYS
from py_backend.cmdlets.specs.signin import SIGNIN_CMDLETS
from py_backend.cmdlets.specs.sso import SSO_CMDLETS
from py_backend.cmdlets.specs.sso_oidc import SSO_OIDC_CMDLETS

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
    spec.name: spec for spec in (*SSO_OIDC_CMDLETS, *SIGNIN_CMDLETS, *SSO_CMDLETS)
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

"""Run the status, logout and credential cmdlets (:mod:`py_backend.cmdlets.session_specs`):
each calls the flow the command line calls and shapes the answer as a .NET-typed object;
messages the command line prints go to the warning stream.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from py_backend.cmdlets.client_options import endpoint_url
from py_backend.cmdlets.context import InvocationHooks, ShellContext
from py_backend.cmdlets.error_types import INVALID_OPERATION
from py_backend.cmdlets.errors import ErrorKind
from py_backend.cmdlets.outputs import (
    CREDENTIAL_ENVIRONMENT,
    CREDENTIALS,
    LOGOUT_RESULT,
    OUTPUT_TYPES,
    SIGNIN_STATUS,
    net_datetime,
    net_object,
)
from py_backend.cmdlets.parameters import BoundParameters
from py_backend.cmdlets.session_specs import SET_ENVIRONMENT
from py_backend.cmdlets.spec_model import FlowKind
from py_backend.config.context import ConfigContext
from py_backend.errors import TokenBridgeError
from py_backend.flows.cache import format_timestamp, parse_timestamp
from py_backend.flows.status import SignInStatus

__all__ = ["RUNNERS", "Runner", "net_timestamp", "profile_config"]

#: A flow cmdlet's runner: ``(cmdlet name, bound parameters, shell, hooks) -> output object``.
Runner = Callable[[str, BoundParameters, ShellContext, InvocationHooks], dict[str, Any]]


def profile_config(bound: BoundParameters, environ: Mapping[str, str]) -> ConfigContext:
    """Where the profile is read (and written): ``-ProfileName`` in ``-ProfileLocation``."""
    return ConfigContext.from_environ(
        environ, profile=bound.text("ProfileName"), config_file=bound.text("ProfileLocation")
    )


def net_timestamp(moment: datetime | None) -> dict[str, Any] | None:
    """An expiry for the module: a DateTime (UTC) in PowerShell 7 and 5.1 alike."""
    return None if moment is None else net_datetime(format_timestamp(moment))


#: The command line's sign-in commands in messages, and the cmdlets that do the same.
_COMMANDS = (
    ("aws-token-bridge login --profile ", "Invoke-AMSPLogin -ProfileName "),
    ("aws-token-bridge sso login --profile ", "Invoke-SSOOIDCLogin -ProfileName "),
)


def _profile_errors(runner: Runner) -> Runner:
    """``runner``, raising its profile and credential errors with the command line's words for
    PowerShell's."""

    def run(
        cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
    ) -> dict[str, Any]:
        try:
            return runner(cmdlet, bound, shell, hooks)
        except TokenBridgeError as error:
            text = str(error).strip()
            for command, cmdlet_name in _COMMANDS:
                text = text.replace(command, cmdlet_name)
            kind = ErrorKind(type(error).__name__, INVALID_OPERATION, "InvalidOperation")
            raise kind(text, cmdlet) from None

    return run


# --- status -----------------------------------------------------------------------------------


def _login_cmdlet(status: SignInStatus, bound: BoundParameters) -> str:
    """The cmdlet that signs in again (the command line names its own command)."""
    if status.kind == "login":
        return f"Invoke-AMSPLogin -ProfileName {status.profile}"
    session = bound.text("SSOSession")
    if session:
        return f"Invoke-SSOOIDCLogin -SSOSession {session}"
    return f"Invoke-SSOOIDCLogin -ProfileName {status.profile}"


def _status_object(status: SignInStatus, bound: BoundParameters) -> dict[str, Any]:
    values = {
        "status": status.state,
        "kind": status.kind,
        "profileName": status.profile,
        "session": status.session,
        "startUrl": status.start_url,
        "accountId": status.account_id,
        "tokenExpiration": net_timestamp(status.token_expiration),
        "credentialsExpiration": net_timestamp(status.credentials_expiration),
        "refreshable": status.refreshable,
        "reason": status.reason,
        "loginCommand": _login_cmdlet(status, bound),
    }
    return net_object(OUTPUT_TYPES[SIGNIN_STATUS], values)


@_profile_errors
def sso_status_cmdlet(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> dict[str, Any]:
    """``aws-token-bridge sso status``."""
    from py_backend.flows.status import sso_status

    context = profile_config(bound, shell.environment())
    return _status_object(sso_status(context, sso_session=bound.text("SSOSession")), bound)


@_profile_errors
def login_status_cmdlet(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> dict[str, Any]:
    """``aws-token-bridge login status``."""
    from py_backend.flows.status import login_status

    return _status_object(login_status(profile_config(bound, shell.environment())), bound)


# --- logout -----------------------------------------------------------------------------------


def sso_logout_cmdlet(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> dict[str, Any]:
    """``aws sso logout`` (AWS CLI v2): Logout at the portal for each token, then the files."""
    from py_backend.flows.logout import sso_logout

    endpoint = endpoint_url(cmdlet, bound.get("EndpointUrl"))
    removed = sso_logout(shell.environment(), endpoint_url=endpoint, cancelled=hooks.cancelled)
    hooks.log("verbose", f"Removed {removed} cached SSO token(s)")
    values = {"kind": "sso", "profileName": None, "removedCount": removed}
    return net_object(OUTPUT_TYPES[LOGOUT_RESULT], values)


def login_logout_cmdlet(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> dict[str, Any]:
    """``aws logout [--all]``: the login caches go; the AWS CLI's message is a warning."""
    from py_backend.flows.logout import login_logout

    context = profile_config(bound, shell.environment())
    every = bound.is_present("All")
    done = login_logout(context, all_sessions=every)
    hooks.log("warning", done.message.strip())
    values = {
        "kind": "login",
        "profileName": None if every else context.active_profile,
        "removedCount": done.removed,
    }
    return net_object(OUTPUT_TYPES[LOGOUT_RESULT], values)


# --- credentials ------------------------------------------------------------------------------


@_profile_errors
def credentials_cmdlet(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> dict[str, Any]:
    """``aws configure export-credentials``: an object, or the env format's variables."""
    from py_backend.flows.export_credentials import environment_variables, export_credentials

    exported = export_credentials(profile_config(bound, shell.environment()))
    if bound.is_present(SET_ENVIRONMENT):
        # The generated function sets these in the session (the backend cannot).
        variables = environment_variables(exported)
        return net_object(OUTPUT_TYPES[CREDENTIAL_ENVIRONMENT], variables)
    expiration = exported.expiration
    values = {
        "accessKey": exported.access_key,
        "secretKey": exported.secret_key,
        "sessionToken": exported.token,
        "expiration": None if expiration is None else net_timestamp(parse_timestamp(expiration)),
    }
    return net_object(OUTPUT_TYPES[CREDENTIALS], values)


RUNNERS: dict[FlowKind, Runner] = {
    "sso-status": sso_status_cmdlet,
    "login-status": login_status_cmdlet,
    "sso-logout": sso_logout_cmdlet,
    "login-logout": login_logout_cmdlet,
    "credentials": credentials_cmdlet,
}

"""The flow cmdlets' runner; here ``Invoke-SSOOIDCLogin`` and ``Invoke-AMSPLogin``, which run
``aws sso login`` and ``aws login`` with the invocation's hooks
(:func:`~py_backend.cmdlets.flow_io.flow_interaction`). The output is one small object with no
secret in it: the tokens are in the AWS CLI's caches, where the AWS CLI and SDKs find them.
``Invoke-AMSPLogin -Remote`` takes two invocations (:mod:`py_backend.cmdlets.pending_login`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from py_backend.cmdlets import pending_login
from py_backend.cmdlets.client_options import endpoint_url
from py_backend.cmdlets.context import InvocationHooks, ShellContext
from py_backend.cmdlets.diagnostics import region_message
from py_backend.cmdlets.errors import INVALID_ARGUMENT, CmdletError, ErrorKind, operation_canceled
from py_backend.cmdlets.flow_io import flow_interaction
from py_backend.cmdlets.outputs import (
    OUTPUT_TYPES,
    SIGNIN_LOGIN_PENDING,
    SIGNIN_LOGIN_RESULT,
    SSO_LOGIN_RESULT,
    net_object,
)
from py_backend.cmdlets.parameters import BoundParameters
from py_backend.cmdlets.resolution import STORED_REGION, region_parameter
from py_backend.cmdlets.session_cmdlets import RUNNERS, Runner, net_timestamp, profile_config
from py_backend.cmdlets.spec_model import CmdletSpec, FlowKind
from py_backend.config.context import ConfigContext
from py_backend.config.region import validate_region
from py_backend.config.shared_files import get_profile
from py_backend.errors import ProfileNotFound
from py_backend.flows._clients import ClientFactory
from py_backend.flows.interaction import Interaction
from py_backend.flows.profiles import SSOSettings, sso_settings
from py_backend.flows.signin_login import signin_login
from py_backend.flows.signin_token import LoginCredentials
from py_backend.flows.sso_login import sso_login

__all__ = ["DEFAULT_SIGNIN_REGION", "run_login"]

#: The region ``aws login`` offers when none is configured.
DEFAULT_SIGNIN_REGION = "us-east-1"
#: A ``-LoginHandle`` that no remote sign-in waits under.
_LOGIN_NOT_FOUND = ErrorKind(
    "LoginNotFound", "System.Management.Automation.ItemNotFoundException", "ObjectNotFound"
)


def run_login(
    spec: CmdletSpec, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> list[Any]:
    """Run the sign-in flow of ``spec``; returns its one output object.

    An error after a cancellation is reported as the cancellation (ending a browser wait
    makes the flow fail on purpose).
    """
    assert spec.flow is not None
    runner = _RUNNERS[spec.flow.kind]
    try:
        return [runner(spec.name, bound, shell, hooks)]
    except CmdletError:
        raise
    except Exception:
        hooks.check_cancelled(spec.name)
        raise


# --- Invoke-SSOOIDCLogin -------------------------------------------------------------------


def sso_login_cmdlet(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> dict[str, Any]:
    """``aws sso login``: sign in, cache the token, return an ``SSOLoginResult``."""
    environ = shell.environment()
    endpoint = endpoint_url(cmdlet, bound.get("EndpointUrl"))
    settings = sso_login_settings(cmdlet, bound, environ)
    hooks.log("verbose", f"Signing in to {settings.start_url} (SSO region {settings.region})")
    token = sso_login(
        settings.start_url,
        settings.region,
        session_name=settings.session_name,
        scopes=settings.scopes,
        use_device_code=bound.is_present("UseDeviceCode"),
        no_browser=bound.is_present("NoBrowser"),
        clients=ClientFactory(environ=environ, endpoint_url=endpoint, cancelled=hooks.cancelled),
        interaction=flow_interaction(cmdlet, hooks),
    )
    values = {
        "startUrl": token.start_url,
        "region": token.region,
        "sessionName": settings.session_name,
        "expiresAt": net_timestamp(token.expires_at),
        "cachePath": str(token.cache_path) if token.cache_path else None,
    }
    return net_object(OUTPUT_TYPES[SSO_LOGIN_RESULT], values)


def sso_login_settings(
    cmdlet: str, bound: BoundParameters, environ: Mapping[str, str]
) -> SSOSettings:
    """Where to sign in: ``-StartUrl`` with ``-SSORegion``, else the profile or ``-SSOSession``
    in the config file; ``-Scope`` replaces the configured scopes."""
    start_url, region = bound.text("StartUrl"), bound.text("SSORegion")
    scopes = bound.get("Scope")
    chosen = None if scopes is None else tuple(scopes)
    if start_url is not None:
        if region is None:
            raise INVALID_ARGUMENT("-SSORegion is required with -StartUrl.", cmdlet, "SSORegion")
        return SSOSettings(start_url, validate_region(region), bound.text("SSOSession"), chosen)
    if region is not None:
        raise INVALID_ARGUMENT(
            "-SSORegion is used only with -StartUrl: the profile or sso-session names the region.",
            cmdlet,
            "SSORegion",
        )
    settings = sso_settings(profile_config(bound, environ), sso_session=bound.text("SSOSession"))
    return settings if chosen is None else replace(settings, scopes=chosen)


# --- Invoke-AMSPLogin ----------------------------------------------------------------------


def signin_login_cmdlet(
    cmdlet: str, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> dict[str, Any]:
    """``aws login``: same device, the first half of ``-Remote``, or its second half."""
    if "LoginHandle" in bound or "AuthorizationCode" in bound:
        return _finish_remote(cmdlet, bound, hooks)
    environ = shell.environment()
    context = profile_config(bound, environ)
    region = signin_region(cmdlet, bound, shell, context, hooks)
    update = not bound.is_present("NoProfileUpdate")
    profile = context.active_profile if update else None
    arguments: dict[str, Any] = {
        "region": region,
        "clients": ClientFactory(
            environ=environ,
            endpoint_url=endpoint_url(cmdlet, bound.get("EndpointUrl")),
            cancelled=hooks.cancelled,
        ),
        "profile": bound.text("ProfileName"),
        "update_profile": update,
        "config_file": bound.text("ProfileLocation"),
    }
    hooks.log("verbose", f"Signing in with AWS Sign-In in {region}")
    if bound.is_present("Remote"):
        return _start_remote(cmdlet, hooks, arguments, profile)
    credentials = signin_login(
        **arguments,
        no_browser=bound.is_present("NoBrowser"),
        interaction=flow_interaction(cmdlet, hooks),
    )
    return _signin_result(credentials, profile, region)


def signin_region(
    cmdlet: str,
    bound: BoundParameters,
    shell: ShellContext,
    context: ConfigContext,
    hooks: InvocationHooks,
) -> str:
    """``-Region``, ``$StoredAWSRegion``, the profile's region, ``AWS_REGION``,
    ``AWS_DEFAULT_REGION``; else :data:`DEFAULT_SIGNIN_REGION`, which the user is told."""
    given = region_parameter(cmdlet, bound.get("Region"))
    if given is not None:
        return given
    environ = context.environ
    candidates = (
        (STORED_REGION, shell.stored_region),
        (f"profile named '{context.active_profile}'", _profile_region(context)),
        ("environment variable AWS_REGION", environ.get("AWS_REGION")),
        ("environment variable AWS_DEFAULT_REGION", environ.get("AWS_DEFAULT_REGION")),
    )
    for source, value in candidates:
        if value:
            hooks.log("debug", region_message(source, value))
            return validate_region(value)
    hooks.log("information", f"No region is configured; signing in to {DEFAULT_SIGNIN_REGION}.")
    return DEFAULT_SIGNIN_REGION


def _profile_region(context: ConfigContext) -> str | None:
    try:
        return get_profile(context, context.active_profile).get("region")
    except ProfileNotFound:
        return None  # aws login makes the profile


def _signin_result(
    credentials: LoginCredentials, profile: str | None, region: str
) -> dict[str, Any]:
    values = {
        "profileName": profile,
        "loginSession": credentials.login_session,
        "accountId": credentials.account_id,
        "accessKeyId": credentials.credentials.access_key,
        "region": region,
        "expiresAt": net_timestamp(credentials.expires_at),
        "cachePath": str(credentials.cache_path) if credentials.cache_path else None,
    }
    return net_object(OUTPUT_TYPES[SIGNIN_LOGIN_RESULT], values)


def _start_remote(
    cmdlet: str, hooks: InvocationHooks, arguments: Mapping[str, Any], profile: str | None
) -> dict[str, Any]:
    """Start a remote sign-in; answer once it waits for its code (the URL is shown)."""

    def flow(login: pending_login.PendingLogin) -> dict[str, Any]:
        credentials = signin_login(
            **arguments,
            remote=True,
            interaction=Interaction(
                printer=login.printer, read_code=login.read_code, on_progress=login.on_progress
            ),
        )
        return _signin_result(credentials, profile, arguments["region"])

    login = pending_login.PENDING_LOGINS.start(cmdlet, flow, hooks)
    if not login.wait_until_asked(hooks.cancelled):
        login.abandon()
        raise operation_canceled(cmdlet)
    if not login.asked:  # it failed before it could ask (a refused profile, a bad endpoint)
        return login.outcome()
    values = {
        "loginHandle": login.handle,
        "authorizationUrl": login.authorization_url,
        "expiresAt": net_timestamp(login.expires_at),
    }
    return net_object(OUTPUT_TYPES[SIGNIN_LOGIN_PENDING], values)


def _finish_remote(cmdlet: str, bound: BoundParameters, hooks: InvocationHooks) -> dict[str, Any]:
    """Hand a waiting remote sign-in its code; answer its result."""
    handle, code = bound.text("LoginHandle"), bound.get("AuthorizationCode")
    if handle is None:
        raise INVALID_ARGUMENT(
            "-LoginHandle is required with -AuthorizationCode.", cmdlet, "LoginHandle"
        )
    if not isinstance(code, str):
        raise INVALID_ARGUMENT(
            "-AuthorizationCode is required with -LoginHandle.", cmdlet, "AuthorizationCode"
        )
    login = pending_login.PENDING_LOGINS.take(handle)
    if login is None:
        raise _LOGIN_NOT_FOUND(
            "No remote sign-in is waiting for this handle: it finished, expired or was started "
            "by another backend. Run Invoke-AMSPLogin -Remote again.",
            cmdlet,
            "LoginHandle",
        )
    if not login.finish(code, hooks):
        raise operation_canceled(cmdlet)
    return login.outcome()


#: Every flow cmdlet's runner: the sign-in ones here, the status, logout and credential ones
#: (no listener or browser) in :mod:`py_backend.cmdlets.session_cmdlets`.
_RUNNERS: dict[FlowKind, Runner] = {
    "sso-login": sso_login_cmdlet,
    "signin-login": signin_login_cmdlet,
    **RUNNERS,
}

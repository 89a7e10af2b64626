"""Run one cmdlet in the order of the AWS Tools' ``ProcessRecord`` (aws-tools-powershell.md
section 1): bind; credentials and region; ``-Select``/``-PassThru``; the ``$null``-for-required
warnings; the call; the output. ShouldProcess stays in PowerShell; the flow cmdlets share the
binding, then run in :mod:`py_backend.cmdlets.login`.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import AbstractContextManager as ContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from py_backend.auth.credentials import Credentials
from py_backend.cancellation import Cancellation
from py_backend.client_config import ClientConfig
from py_backend.cmdlets.client_cache import CLIENTS, client_key, environ_digest
from py_backend.cmdlets.client_options import client_options, endpoint_url
from py_backend.cmdlets.context import InvocationHooks, ShellContext
from py_backend.cmdlets.credential_cache import CREDENTIALS, credential_key
from py_backend.cmdlets.diagnostics import (
    credential_message,
    endpoint_message,
    failure_message,
    region_message,
    request_message,
    response_message,
)
from py_backend.cmdlets.dpop import dpop_key
from py_backend.cmdlets.errors import INVALID_ARGUMENT, ErrorKind, error_to_cmdlet_error
from py_backend.cmdlets.outputs import response_object
from py_backend.cmdlets.parameters import (
    BoundParameters,
    bind_parameters,
    null_required_warnings,
    request_arguments,
)
from py_backend.cmdlets.resolution import (
    profile_context,
    refuse_network_credential,
    resolve_credentials,
    resolve_region,
)
from py_backend.cmdlets.select import Selector, choose_selector
from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.cmdlets.specs import CMDLET_NAMES, find_cmdlet
from py_backend.config.context import ConfigContext
from py_backend.errors import ResponseParseError, ServiceError
from py_backend.flows.signin_token import SessionWithLogin as Session
from py_backend.models._base import ResponseModel
from py_backend.transport import environment_proxies, injected_http_transport

#: Variables that select a profile for botocore; the AWS Tools pick profiles themselves.
_PROFILE_VARIABLES = ("AWS_PROFILE", "AWS_DEFAULT_PROFILE")
_COMMAND_NOT_FOUND = ErrorKind(
    "CommandNotFoundException",
    "System.Management.Automation.CommandNotFoundException",
    "ObjectNotFound",
)


@dataclass(frozen=True)
class CallPlan:
    """Everything resolved before the call: where to send it and as whom."""

    region: str
    endpoint_override: str | None
    config: ClientConfig
    credentials: Credentials | None
    profile: str | None
    profile_location: str | None


def invoke_cmdlet(
    name: str, parameters: Mapping[str, Any], shell: ShellContext, hooks: InvocationHooks
) -> list[Any]:
    """Run cmdlet ``name`` with its bound ``parameters`` (PowerShell names).

    Returns the objects it writes to the pipeline, already selected and JSON-able. Raises
    :class:`CmdletError` for every failure; warnings, verbose and debug messages go to
    ``hooks.log``.
    """
    spec = find_cmdlet(name)
    if spec is None:
        known = ", ".join(CMDLET_NAMES)
        message = f"The cmdlet '{name}' is not provided by this backend. Known cmdlets: {known}."
        raise _COMMAND_NOT_FOUND(message, str(name))
    target: str | None = None
    try:
        if not isinstance(parameters, Mapping):
            raise INVALID_ARGUMENT("The parameters must be an object.", spec.name, "parameters")
        bound = bind_parameters(spec, parameters, lambda text: hooks.log("warning", text))
        target = _target(spec, bound)
        # ShouldProcess is PowerShell's: with -WhatIf the service is never called.
        return [] if bound.what_if else _run(spec, bound, shell, hooks)
    except Exception as exc:
        raise error_to_cmdlet_error(exc, spec.name, target) from None


def _run(
    spec: CmdletSpec, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> list[Any]:
    if spec.flow is not None:
        # Imported here: the sign-in flows (listeners, browsers) load only for their cmdlets.
        from py_backend.cmdlets.login import run_login

        return run_login(spec, bound, shell, hooks)
    plan = plan_call(spec, bound, shell, hooks)
    selector = choose_selector(spec, bound)
    for warning in null_required_warnings(spec, bound):
        hooks.log("warning", warning)
    arguments = request_arguments(spec, bound)
    hooks.log("debug", request_message(spec, bound))
    return _pages(spec, plan, arguments, selector, bound, shell, hooks)


def _pages(
    spec: CmdletSpec,
    plan: CallPlan,
    arguments: dict[str, Any],
    selector: Selector,
    bound: BoundParameters,
    shell: ShellContext,
    hooks: InvocationHooks,
) -> list[Any]:
    """The call, repeated with each ``NextToken`` where the AWS Tools auto-iterate.

    One call only without auto-iteration or when the user controls paging
    (``-NoAutoIteration``, or ``-NextToken`` bound). Each page's selection is written; a
    parameter selection (``^Name``) is written once, after the last page. A token the service
    answers twice ends the loop with an error rather than looping for ever.
    """
    one_call = not spec.auto_iterate or bound.is_present("NoAutoIteration") or "NextToken" in bound
    written: list[Any] = []
    seen: set[str] = set()
    while True:
        hooks.check_cancelled(spec.name)
        page = response_object(spec.response_type, _call(spec, plan, arguments, shell, hooks))
        if selector.parameter is None:
            written += selector.apply(page, bound)
        token = page.get("NextToken")
        if one_call or not token:
            break
        if token in seen:
            raise ResponseParseError(
                f"The {spec.operation.operation} response repeated a NextToken; stopped paging"
            )
        seen.add(token)
        arguments["nextToken"] = token
    hooks.check_cancelled(spec.name)
    if selector.parameter is not None:
        written += selector.apply({}, bound)
    return written


def plan_call(
    spec: CmdletSpec, bound: BoundParameters, shell: ShellContext, hooks: InvocationHooks
) -> CallPlan:
    """Resolve credentials (signed operations only), region, endpoint and client options."""
    refuse_network_credential(spec.name, bound)
    options = client_options(spec.name, bound.get("ClientConfig"))
    credentials = None
    if spec.operation.signed:
        # Kept between invokes; resolved again when an input changes or they near expiry.
        found = CREDENTIALS.resolve(
            _credential_key(bound, shell), lambda: resolve_credentials(spec.name, bound, shell)
        )
        hooks.log("debug", credential_message(found.source))
        credentials = found.value
    else:
        hooks.log("debug", f"{spec.operation.operation} is not signed: no credentials are resolved")
    region = resolve_region(spec.name, bound, shell, options)
    hooks.log("debug", region_message(region.source, region.value))
    return CallPlan(
        region=region.value,
        # -EndpointUrl is applied after the ClientConfig, so it wins (CustomizeClientConfig).
        endpoint_override=endpoint_url(spec.name, bound.get("EndpointUrl")) or options.service_url,
        config=options.config,
        credentials=credentials,
        profile=bound.get("ProfileName") or None,
        profile_location=bound.get("ProfileLocation") or None,
    )


def _call(
    spec: CmdletSpec,
    plan: CallPlan,
    arguments: dict[str, Any],
    shell: ShellContext,
    hooks: InvocationHooks,
) -> ResponseModel:
    with _leased_client(spec, plan, shell, hooks) as client:
        hooks.log("verbose", endpoint_message(spec, plan.endpoint_override, plan.region))
        hooks.log("debug", f"Endpoint: {client.meta.endpoint_url}")
        try:
            response: ResponseModel = getattr(client, spec.operation.python_method)(**arguments)
        except ServiceError as error:
            hooks.log("debug", failure_message(spec, error))
            raise
    hooks.log("debug", response_message(spec, response.response_metadata))
    return response


def _leased_client(
    spec: CmdletSpec, plan: CallPlan, shell: ShellContext, hooks: InvocationHooks
) -> ContextManager[Any]:
    """A client from the backend's cache, keyed by everything it is built from (the
    environment and the shared files included): a change selects another, never a stale one."""
    service = spec.operation.service
    keywords = _client_keywords(spec, plan, shell)
    settings = _settings_environ(shell)
    files = settings.files
    if plan.profile_location:
        context = ConfigContext.from_environ(
            settings.environ, credentials_file=plan.profile_location
        )
        files = (context.config_path, context.credentials_path)
    session = {"profile_name": plan.profile, "credentials_file": plan.profile_location}
    # A transport injected for this call (tests, in-process emulators) is part of what the
    # client is built from: a client made for another one must not be reused.
    keyed = {**keywords, "http_transport": injected_http_transport()}
    key = client_key(service, keyed, session, settings.digest, files)

    def build(cancelled: Cancellation) -> Any:
        # The client's own cancellation, linked to the call's by the cache, closes its
        # connection and stops the retries on $/cancelRequest, freeing the worker.
        core = Session(
            profile_name=plan.profile,
            environ=dict(settings.environ),
            credentials_file=plan.profile_location,
        )
        return core.client(service, **keywords, cancelled=cancelled)

    return CLIENTS.lease(key, build, hooks.cancelled)


@dataclass(frozen=True)
class _SettingsEnviron:
    """What a client's key and build take from the call's environment."""

    #: Without the profile variables (the profile is -ProfileName's, AWS_PROFILE does not
    #: pick it for settings); out of the repr: it may hold keys.
    environ: Mapping[str, str] = field(repr=False)
    digest: str  # environ's, for the client key
    files: tuple[Path | None, Path | None]  # the shared files environ names
    #: For the credential key: the whole environment's digest (AWS_PROFILE included) and
    #: its shared files (they differ from ``files`` when a path names a profile variable).
    credential_digest: str
    credential_files: tuple[Path | None, Path | None]


_last_settings: tuple[Mapping[str, str], _SettingsEnviron] | None = None


def _settings_environ(shell: ShellContext) -> _SettingsEnviron:
    """The call's :class:`_SettingsEnviron`, kept by the identity of the process
    environment's snapshot (one object while unchanged, see ``process_environment``); a
    shell-supplied environment is derived afresh each call."""
    global _last_settings
    environ = shell.environment()
    last = _last_settings
    if shell.environ is None and last is not None and last[0] is environ:
        return last[1]
    filtered = {k: v for k, v in environ.items() if k not in _PROFILE_VARIABLES}
    context = ConfigContext.from_environ(filtered)
    shared = profile_context(environ, None, None)
    settings = _SettingsEnviron(
        environ=MappingProxyType(filtered),
        digest=environ_digest(filtered),
        files=(context.config_path, context.credentials_path),
        credential_digest=environ_digest(environ),
        credential_files=(shared.config_path, shared.credentials_path),
    )
    if shell.environ is None:
        _last_settings = (environ, settings)
    return settings


def _credential_key(bound: BoundParameters, shell: ShellContext) -> str:
    settings = _settings_environ(shell)
    files = settings.credential_files
    location = bound.get("ProfileLocation")
    if location:
        context = profile_context(shell.environment(), None, location)
        files = (context.config_path, context.credentials_path)
    return credential_key(bound.values, shell.stored_credentials, settings.credential_digest, files)


def _client_keywords(spec: CmdletSpec, plan: CallPlan, shell: ShellContext) -> dict[str, Any]:
    keywords: dict[str, Any] = {
        "region_name": plan.region,
        "endpoint_url": plan.endpoint_override,
        "config": _shell_proxies(plan.config, shell),
    }
    keys = plan.credentials
    if keys is not None:
        token = keys.session_token
        keywords["aws_access_key_id"] = keys.access_key
        keywords["aws_secret_access_key"] = keys.secret_key.get_secret_value()
        keywords["aws_session_token"] = token.get_secret_value() if token else None
    if spec.operation.service == "signin":
        keywords["dpop_key"] = dpop_key(spec.name, shell.dpop_key_pem)
    return keywords


def _shell_proxies(config: ClientConfig, shell: ShellContext) -> ClientConfig:
    """The proxies of the shell's environment at this call (HTTP_PROXY, NO_PROXY...), unless
    -ClientConfig names one: the backend outlives changes to its own environment."""
    if config.proxies is not None or shell.environ is None:
        return config
    return replace(config, proxies=environment_proxies(shell.environment()))


def _target(spec: CmdletSpec, bound: BoundParameters) -> str | None:
    """The ShouldProcess target's value, which the errors carry as their target object."""
    value = bound.get(spec.should_process_target)
    if not isinstance(value, str):
        return None
    param = spec.parameter(spec.should_process_target)  # a scan of the spec: only when needed
    return value if param is not None and not param.secret else None

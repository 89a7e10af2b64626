"""Calling the operation through the Python core, configured as the AWS CLI v1 configures botocore.

The AWS CLI v1 retries in botocore's *legacy* mode (5 attempts) unless ``AWS_RETRY_MODE`` or
the profile's ``retry_mode`` says otherwise; the core is asked for the same mode, so the
``User-Agent`` and the attempt count match (the core applies its standard retry rules within
those attempts). ``--no-sign-request`` sends ``CreateTokenWithIAM`` unsigned, as the AWS CLI
does; the other operations are never signed.
"""

from __future__ import annotations

import sys
from typing import Any, cast
from urllib.parse import urlsplit

from py_backend.cli.debug import log_call, log_request, log_response
from py_backend.cli.errors import CLIError
from py_backend.cli.global_options import GlobalOptions
from py_backend.cli.model import Operation
from py_backend.cli.settings import Profile
from py_backend.cli.validate import validate_parameters
from py_backend.client import BaseClient
from py_backend.client_config import UNSIGNED, ClientConfig
from py_backend.endpoints import resolve_endpoint
from py_backend.flows.login_session import SessionWithLogin as Session
from py_backend.operations import OPERATIONS, OperationSpec

AWS_CLI_RETRY_MODE = "legacy"


def spec_of(operation: Operation) -> OperationSpec:
    """The core's description of ``operation``."""
    return OPERATIONS[operation.service][operation.name]


def create_client(operation: Operation, options: GlobalOptions, profile: Profile) -> BaseClient:
    """A core client for the operation's service, with the global options applied."""
    session = Session(profile_name=options.profile, region_name=options.region or None)
    if options.region == "" and not options.endpoint_url:
        # The AWS CLI v1 builds the endpoint from the empty region, and refuses it.
        template = resolve_endpoint(operation.service, "us-east-1")
        raise CLIError(f"Invalid endpoint: {template.replace('.us-east-1.', '..')}")
    retries = {} if profile.value("AWS_RETRY_MODE", "retry_mode") else {"mode": AWS_CLI_RETRY_MODE}
    config = ClientConfig(
        connect_timeout=_seconds(options.connect_timeout),
        read_timeout=_seconds(options.read_timeout),
        retries=retries or None,
        signature_version=None if options.sign_request else UNSIGNED,
    )
    try:
        client: BaseClient = session.client(  # type: ignore[call-overload]
            operation.service,
            # --region '' reaches the client as "" (botocore keeps it), others as None here.
            region_name="" if options.region == "" else None,
            endpoint_url=options.endpoint_url,
            verify=options.verify,
            config=config,
        )
    except OSError as error:
        # The CA bundle is read when the client is made (botocore reads it when sending).
        url = _request_url(operation, options, session.region_name)
        raise CLIError(f"SSL validation failed for {url} {error}") from None
    if options.debug:
        # On the client's own connections: the proxies, TLS and retries of a call without it.
        client.add_http_hooks(request=log_request, response=log_response)
    return client


def _request_url(operation: Operation, options: GlobalOptions, region: str | None) -> str:
    base = options.endpoint_url or resolve_endpoint(operation.service, region)
    return base.rstrip("/") + spec_of(operation).request_target


def _seconds(value: int | None) -> float:
    return 0.0 if value is None else float(value)  # 0.0: no timeout, as the core takes it


def check_parameters(operation: Operation, params: dict[str, Any]) -> None:
    """botocore's validation, then the core's own (grant types and what each grant needs)."""
    validate_parameters(params, operation.input)
    spec_of(operation).build_input(params)


def _prepare(
    client: BaseClient, operation: Operation, options: GlobalOptions, params: dict[str, Any]
) -> OperationSpec:
    """Validate, log the call, warn if unverified; return the operation's spec."""
    validate_parameters(params, operation.input)
    log_call(operation.service, operation.name, client.meta.endpoint_url, params)
    _warn_if_unverified(client, options)
    return spec_of(operation)


def call(
    client: BaseClient, operation: Operation, options: GlobalOptions, params: dict[str, Any]
) -> dict[str, Any]:
    """Validate, send and return the response as the AWS CLI shows it (no metadata)."""
    spec = _prepare(client, operation, options, params)
    return cast("dict[str, Any]", getattr(client, spec.python_name)(**params).to_dict())


def paginate(
    client: BaseClient,
    operation: Operation,
    options: GlobalOptions,
    params: dict[str, Any],
    config: dict[str, Any],
) -> Any:
    """Validate, then the paginator's page iterator (pages are fetched as it is read)."""
    spec = _prepare(client, operation, options, params)
    # The client of a paginated operation has get_paginator (BaseClient need not declare it).
    paginator = cast(Any, client).get_paginator(spec.python_name)
    return paginator.paginate(**params, PaginationConfig=config)


def _warn_if_unverified(client: BaseClient, options: GlobalOptions) -> None:
    url = urlsplit(client.meta.endpoint_url)
    if options.verify is False and url.scheme == "https":
        sys.stderr.write(
            "aws-token-bridge: InsecureRequestWarning: "
            f"Unverified HTTPS request is being made to host '{url.hostname}'. Adding "
            "certificate verification is strongly advised.\n"
        )

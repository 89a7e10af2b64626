"""The messages a cmdlet writes to the verbose and debug streams: never a secret value. The
texts are the AWS Tools' own where they have one (``Utils.Common.WriteVerboseEndpointMessage``,
``ServiceCmdlet.WriteCredentialSourceDiagnostic`` and ``WriteRegionSourceDiagnostic``, which
they write with ``WriteDebug``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from py_backend.cmdlets.parameters import BoundParameters
from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.errors import ServiceError
from py_backend.redaction import REDACTED


def endpoint_message(spec: CmdletSpec, endpoint_override: str | None, region: str) -> str:
    """``Invoking <service> operation '<op>' on endpoint '<url>'`` (or ``in region '<r>'``)."""
    operation = f"{spec.operation.service_display_name} operation '{spec.operation.operation}'"
    if endpoint_override:
        return f"Invoking {operation} on endpoint '{endpoint_override}'"
    return f"Invoking {operation} in region '{region}'"


def credential_message(source: str) -> str:
    """Where the credentials came from (a source name, never a key)."""
    return f"Credentials obtained from {source}"


def region_message(source: str, region: str) -> str:
    """Where the region came from, and its value."""
    return f"Region obtained from {source} with value '{region}'"


def request_message(spec: CmdletSpec, bound: BoundParameters) -> str:
    """The request's parameters under their PowerShell names, secrets redacted."""
    parts = []
    for param in spec.parameters:
        if param.wire is None or bound.get(param.name) is None:
            continue
        shown = REDACTED if param.secret else _show(bound.get(param.name))
        parts.append(f"{param.name}={shown}")
    return f"{spec.operation.operation} request: " + (", ".join(parts) or "(no parameters)")


def _show(value: Any) -> str:
    if isinstance(value, list):
        return "@(" + ", ".join(repr(item) for item in value) + ")"
    return repr(value)


def response_message(spec: CmdletSpec, metadata: Mapping[str, Any]) -> str:
    """The response's HTTP status, request id and retry count (no body: it holds tokens)."""
    return (
        f"{spec.operation.operation} response: HTTP {metadata.get('HTTPStatusCode')}, "
        f"RequestId '{metadata.get('RequestId') or ''}', "
        f"retries {metadata.get('RetryAttempts', 0)}"
    )


def failure_message(spec: CmdletSpec, error: ServiceError) -> str:
    """A service error's status, code and request id (its message goes into the error)."""
    return (
        f"{spec.operation.operation} failed: HTTP {error.http_status} {error.error_code}, "
        f"RequestId '{error.request_id or ''}'"
    )

"""What the PowerShell module writes to the backend, modelled in Python.

The module's ``Private/`` code builds two kinds of requests: ``initialize`` when it starts the
backend, and ``invoke`` for every cmdlet call. This module states the same rules so that tests
without PowerShell can send the backend exactly what the module sends, and so that the Pester
suites can check the module against the same fixture (:func:`render_samples`):

- the parameters are ``$PSBoundParameters`` under their canonical names (an alias is never a
  key), minus PowerShell's common parameters;
- a switch is ``true``/``false``; a ``[string[]]`` is always an array, even of one string;
- ``-Credential`` becomes ``{AccessKey, SecretKey, Token}``, and an object bound to it from the
  pipeline that is not a credential is left out (it is the piped object itself, bound by value
  because the parameter is ``[object]``); ``-NetworkCredential`` becomes ``{UserName}`` (never
  the password);
- ``context`` always has ``storedCredentials`` and ``storedRegion`` (``null`` when unset);
- the JSON is compact, ASCII only, with object keys in ordinal order: the module's serializer
  writes exactly ``json.dumps(value, sort_keys=True, separators=(",", ":"))``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from py_backend.cmdlets.spec_model import CmdletSpec
from py_backend.cmdlets.specs import find_cmdlet
from py_backend.cmdlets.vocabulary import POWERSHELL_COMMON_PARAMETERS as COMMON_PARAMETERS
from py_backend.cmdlets.vocabulary import STRING_ARRAY, SWITCH
from py_backend.rpc.methods import PROTOCOL_VERSION

CLIENT_NAME = "AwsTokenBridge"

#: PowerShell's common and optional common parameters: never sent to the backend.
_COMMON = frozenset(name.casefold() for name in COMMON_PARAMETERS)


def to_json(value: Any) -> str:
    """The module's JSON text for ``value``: compact, ASCII, keys in ordinal order."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def initialize_params(
    module_version: str, edition: str = "Core", powershell_version: str = "7.4.0"
) -> dict[str, Any]:
    """The ``initialize`` params the module sends (``Initialize-AwsTokenBridgeConnection``)."""
    return {
        "protocolVersion": PROTOCOL_VERSION,
        "clientInfo": {
            "name": CLIENT_NAME,
            "version": module_version,
            "powershellEdition": edition,
            "powershellVersion": powershell_version,
        },
    }


def request(request_id: int, method: str, params: Mapping[str, Any]) -> dict[str, Any]:
    """A JSON-RPC request as the module frames it."""
    return {"jsonrpc": "2.0", "id": request_id, "method": method, "params": dict(params)}


def credential_keys(value: Any) -> dict[str, Any] | None:
    """``{AccessKey, SecretKey, Token}`` from a credential-shaped mapping, else ``None``."""
    if not isinstance(value, Mapping) or "AccessKey" not in value or "SecretKey" not in value:
        return None
    token = value.get("Token", value.get("SessionToken"))
    return {"AccessKey": value["AccessKey"], "SecretKey": value["SecretKey"], "Token": token}


def _value(spec: CmdletSpec, name: str, value: Any, piped: bool) -> tuple[bool, Any]:
    """``(send, value)`` for one bound parameter (canonical ``name``)."""
    param = spec.parameter(name)
    assert param is not None
    if param.type == SWITCH:
        return True, bool(value)
    if param.type == STRING_ARRAY and value is not None:
        return True, [value] if isinstance(value, str) else list(value)
    if name == "Credential" and value is not None:
        keys = credential_keys(value)
        return (keys is not None or not piped), keys if keys is not None else value
    if name == "NetworkCredential" and isinstance(value, Mapping):
        return True, {"UserName": value.get("UserName")}
    return True, value


def invoke_parameters(
    spec: CmdletSpec, bound: Mapping[str, Any], piped: Collection[str] = ()
) -> dict[str, Any]:
    """The ``parameters`` the module sends for ``bound`` (names or aliases, as splatted).

    ``piped`` names the parameters bound from the pipeline rather than the command line.
    """
    parameters: dict[str, Any] = {}
    for key, raw in bound.items():
        if key.casefold() in _COMMON:
            continue
        param = spec.parameter(key)
        if param is None:
            raise KeyError(f"{spec.name} has no parameter {key}")
        send, value = _value(spec, param.name, raw, param.name in piped)
        if send:
            parameters[param.name] = value
    return parameters


def invoke_params(
    cmdlet: str,
    bound: Mapping[str, Any],
    *,
    piped: Collection[str] = (),
    stored_credentials: Mapping[str, Any] | None = None,
    stored_region: str | None = None,
) -> dict[str, Any]:
    """The ``invoke`` params for a call of ``cmdlet`` with ``bound`` parameters."""
    spec = find_cmdlet(cmdlet)
    if spec is None:
        raise KeyError(cmdlet)
    return {
        "cmdlet": spec.name,
        "parameters": invoke_parameters(spec, bound, piped),
        "context": {
            "storedCredentials": dict(stored_credentials) if stored_credentials else None,
            "storedRegion": stored_region,
        },
    }

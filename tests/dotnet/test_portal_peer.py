"""The AWS SDK for .NET's portal client (AWSSDK.SSO 4.1.0.1) as a peer of the portal work.

1. The SDK's ``AmazonSSOClient`` drives the emulator on 127.0.0.1 (tests/dotnet/PortalPeer,
   ``emulator`` mode): paging by hand and with the SDK's paginator, role credentials, the
   modeled ``ResourceNotFoundException`` and ``UnauthorizedException``, the unmodeled
   ``ForbiddenException``, and Logout followed by the refused token.
2. Reflection over the SDK's model (``reflect`` mode) against what the cmdlets emit: every
   response and structure type with its property names and .NET types, and every exception
   class against the errors the cmdlets report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from py_backend.cmdlets.error_types import dotnet_type
from py_backend.cmdlets.outputs import OUTPUT_TYPES
from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.errors import sso as sso_errors
from tests.dotnet import peer
from tests.emulator.support import device_tokens

PROJECT = Path(__file__).resolve().parent / "PortalPeer" / "PortalPeer.csproj"

pytestmark = [
    pytest.mark.skipif(peer.missing_dotnet() is not None, reason=str(peer.missing_dotnet())),
    # A fresh machine's first build restores the SDK packages.
    pytest.mark.timeout(peer.BUILD_TIMEOUT + peer.RUN_TIMEOUT),
]


@pytest.fixture(scope="module")
def peer_dll(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The portal peer, built once for this module."""
    return peer.build(tmp_path_factory.mktemp("portal-peer"), PROJECT)


def test_the_sdk_client_drives_the_portal(peer_dll: Path) -> None:
    config = EmulatorConfig(auto_approve=True)
    with EmulatorServer(config=config, shutdown_timeout=1.0) as server:
        with httpx.Client(base_url=server.base_url) as http:
            # auto_approve: the device is approved already (approving again is a 409).
            tokens = [device_tokens(http, approve_device=False)["accessToken"] for _ in range(2)]
        result = peer.run(peer_dll, "emulator", server.base_url, *tokens)
    assert result.returncode == 0 and result.failed == 0, result.output
    assert result.passed == 10, result.output
    assert not any(token in result.output for token in tokens)


@pytest.fixture(scope="module")
def sdk(peer_dll: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The SDK's model facts (``reflect`` mode)."""
    path = tmp_path_factory.mktemp("portal-facts") / "facts.json"
    result = peer.run(peer_dll, "reflect", str(path))
    assert result.returncode == 0, result.output
    facts: dict[str, Any] = json.loads(path.read_text("utf-8"))
    assert facts["assembly"] == "AWSSDK.SSO"
    return facts


def test_every_sdk_type_has_our_properties_and_dotnet_types(sdk: dict[str, Any]) -> None:
    types = {**sdk["responses"], **sdk["structures"]}
    assert set(types) == {name for name in OUTPUT_TYPES if name.startswith("Amazon.SSO.")}
    for name, properties in types.items():
        ours = [(p.name, p.type) for p in OUTPUT_TYPES[name].properties]
        assert ours == [(p["name"], p["type"]) for p in properties], name
        assert OUTPUT_TYPES[name].is_response == (name in sdk["responses"])


def test_every_sdk_exception_is_one_we_report(sdk: dict[str, Any]) -> None:
    modeled = {dotnet_type(kind) for kind in sso_errors.MODELED_ERRORS.values()}
    assert modeled | {dotnet_type(sso_errors.SSOServiceError)} == set(sdk["exceptions"])
    assert dotnet_type(sso_errors.SSOServiceError) == sdk["serviceException"]

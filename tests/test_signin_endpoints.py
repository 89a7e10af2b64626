"""Sign-In's OAuth and control-plane operations have their own hosts (issue 20).

The rule set's ``IsOAuthEndpoint`` and ``IsControlPlane`` branches as code, compared with
botocore's ``EndpointProvider`` for every known region and flag; and the client sends each
operation to its host when no endpoint URL is configured (an ``httpx.MockTransport`` answers:
nothing leaves the machine), but to the configured endpoint URL when there is one.
"""

from __future__ import annotations

from typing import Any

import botocore.loaders
import httpx
import pytest
from botocore.endpoint_provider import EndpointProvider

import py_backend
from py_backend.endpoints.partitions import known_regions
from py_backend.endpoints.signin import CONTROL_PLANE, OAUTH, resolve_for_operation
from py_backend.errors import EndpointResolutionError
from tests.support.peers import ACCESS_KEY, CLEAN_ENVIRON, SECRET_KEY

_LOADER = botocore.loaders.create_loader()
PROVIDER = EndpointProvider(
    _LOADER.load_service_model("signin", "endpoint-rule-set-1"), _LOADER.load_data("partitions")
)
REGIONS = sorted({r for regions in known_regions().values() for r in regions})
CONTEXTS = {OAUTH: "IsOAuthEndpoint", CONTROL_PLANE: "IsControlPlane"}


def _botocore(context: str, region: str, fips: bool, dualstack: bool) -> str:
    try:
        return str(
            PROVIDER.resolve_endpoint(
                Region=region, UseFIPS=fips, UseDualStack=dualstack, **{CONTEXTS[context]: True}
            ).url
        )
    except Exception as error:  # botocore's EndpointResolutionError
        return f"error: {error}"


def _ours(context: str, region: str, fips: bool, dualstack: bool) -> str:
    try:
        return resolve_for_operation(context, region, use_fips=fips, use_dualstack=dualstack)
    except EndpointResolutionError as error:
        return f"error: {error}"


@pytest.mark.parametrize("context", sorted(CONTEXTS))
@pytest.mark.parametrize(("fips", "dualstack"), [(False, False), (True, False), (False, True)])
def test_same_hosts_as_botocore(context: str, fips: bool, dualstack: bool) -> None:
    assert len(REGIONS) > 20
    for region in REGIONS:
        assert _ours(context, region, fips, dualstack) == _botocore(
            context, region, fips, dualstack
        ), region


def _client(seen: list[str], **kwargs: Any) -> Any:
    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, json={"items": [], "active": False})

    session = py_backend.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        region_name="eu-west-1",
        environ=CLEAN_ENVIRON,
    )
    return session.client("signin", http_transport=httpx.MockTransport(answer), **kwargs)


def test_each_operation_goes_to_its_host() -> None:
    seen: list[str] = []
    with _client(seen) as client:
        client.list_sessions()
        client.introspect_oauth2_token_with_iam(token="ASORx")
        assert client.meta.endpoint_url == "https://eu-west-1.signin.aws.amazon.com"
    assert seen == [
        "https://signin.eu-west-1.api.aws/list-sessions",
        "https://eu-west-1.oauth.signin.aws/v1/introspect?x-amz-client-auth-method=iam",
    ]


def test_a_configured_endpoint_serves_every_operation() -> None:
    seen: list[str] = []
    with _client(seen, endpoint_url="http://127.0.0.1:9") as client:
        client.list_sessions()
        client.introspect_oauth2_token_with_iam(token="ASORx")
    assert seen == [
        "http://127.0.0.1:9/list-sessions",
        "http://127.0.0.1:9/v1/introspect?x-amz-client-auth-method=iam",
    ]

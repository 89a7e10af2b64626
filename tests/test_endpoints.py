"""Endpoint resolution against botocore, which is the oracle here (test-only dependency).

Every region botocore knows by name (partitions.json and endpoints.json, pseudo-regions and
malformed names included) plus synthetic ones, for both services, all FIPS/dual-stack
combinations, with and without a custom endpoint, is resolved twice: by py_backend and by
botocore's own steps (region validation, FIPS pseudo-region normalization, ``EndpointProvider``
with the rule sets and partitions botocore ships, the endpoint URL check). Real clients then
confirm that those steps are what a client does.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import boto3
import botocore.config
import botocore.exceptions
import botocore.loaders
import botocore.session
import pytest
from botocore.client import ClientCreator
from botocore.endpoint_provider import EndpointProvider, RuleSetStandardLibrary
from botocore.utils import is_valid_endpoint_url, validate_region_name

from py_backend import endpoints
from py_backend.endpoints import known_regions, normalize_fips_region, resolve_endpoint
from py_backend.endpoints.partitions import PARTITIONS, partition_for
from py_backend.errors import EndpointResolutionError

LOADER = botocore.loaders.create_loader()
SERVICES = ("sso-oidc", "signin", "sso")
# The static context parameters of the operations this project calls; sso-oidc and sso have none.
STATIC_PARAMS: dict[str, dict[str, Any]] = {
    "sso-oidc": {},
    "signin": {"IsControlPlane": False},
    "sso": {},
}
FLAGS = list(itertools.product((False, True), repeat=2))
CUSTOM_URLS = (None, "http://127.0.0.1:8123", "https://example.com/prefix")
SYNTHETIC_REGIONS = (
    # Unknown names that match each partition's regex.
    "us-west-99", "cn-foo-1", "eusc-de-west-9", "us-iso-north-7", "us-isob-south-3",
    "eu-isoe-east-2", "us-isof-west-5", "us-gov-north-4",
    # Names no regex matches (the aws fallback), including case and pseudo-region variants.
    "foo", "US-EAST-1", "gov-west-1", "fips-us-gov-east-1", "us-fips-east-1", "fips-cn-north-1",
    # Names botocore refuses or turns into a broken host.
    "us east 1", "-us-east-1", "us-east-1-", "123", "a" * 64, "us_east_1", "us-east-1\n", "",
)  # fmt: skip


def _partitions_data() -> dict[str, Any]:
    data: dict[str, Any] = LOADER.load_data("partitions")
    return data


def _all_regions() -> list[str]:
    names: set[str] = set(SYNTHETIC_REGIONS)
    for partition in _partitions_data()["partitions"]:
        names.update(partition["regions"])
    for partition in LOADER.load_data("endpoints")["partitions"]:
        names.update(partition["regions"])
        for service in partition["services"].values():
            names.update(service.get("endpoints", {}))
    return sorted(names)


ALL_REGIONS: list[str | None] = [None, *_all_regions()]


def _provider(service: str) -> EndpointProvider:
    ruleset = LOADER.load_service_model(service, "endpoint-rule-set-1")
    return EndpointProvider(ruleset_data=ruleset, partition_data=_partitions_data())


PROVIDERS = {service: _provider(service) for service in SERVICES}


def botocore_resolve(
    service: str, region: str | None, fips: bool, dualstack: bool, endpoint_url: str | None
) -> str:
    """What botocore makes of these settings: a URL, or ``"error: <message>"``."""
    try:
        if region is not None:
            validate_region_name(region)  # Session.create_client
            region, config = ClientCreator._normalize_fips_region(None, region, None)
            fips = fips or bool(config and config.use_fips_endpoint)
        params = {"Region": region, "UseFIPS": fips, "UseDualStack": dualstack}
        params |= {"Endpoint": endpoint_url, **STATIC_PARAMS[service]}
        url: str = PROVIDERS[service].resolve_endpoint(**params).url
    except (
        botocore.exceptions.InvalidRegionError,
        botocore.exceptions.EndpointResolutionError,
    ) as e:
        return f"error: {e}"
    # EndpointCreator.create_endpoint refuses a URL whose host is not a valid name.
    if endpoint_url is None and not is_valid_endpoint_url(url):
        return f"error: Invalid endpoint: {url}"
    return url


def ours(
    service: str, region: str | None, fips: bool, dualstack: bool, endpoint_url: str | None
) -> str:
    try:
        return resolve_endpoint(
            service, region, use_fips=fips, use_dualstack=dualstack, endpoint_url=endpoint_url
        )
    except EndpointResolutionError as e:
        return f"error: {e}"


def _cases() -> Iterator[tuple[str | None, bool, bool, str | None]]:
    for region, (fips, dualstack), url in itertools.product(ALL_REGIONS, FLAGS, CUSTOM_URLS):
        yield region, fips, dualstack, url


# --- every known region against the EndpointProvider ----------------------------------------


@pytest.mark.parametrize("service", SERVICES)
def test_every_region_and_setting_matches_botocore(service: str) -> None:
    mismatches = []
    outcomes = set()
    for case in _cases():
        expected, got = botocore_resolve(service, *case), ours(service, *case)
        outcomes.add(expected)
        if got != expected:
            mismatches.append(f"{case!r}: botocore {expected!r}, ours {got!r}")
    assert not mismatches, f"{len(mismatches)} mismatches:\n" + "\n".join(mismatches[:40])
    # Guard against a vacuous pass: the cases must reach the error branches and many hosts.
    assert any(o.startswith("error: Invalid Configuration: Missing") for o in outcomes)
    assert any(o.startswith("error: Provided region_name") for o in outcomes)
    assert any(o.startswith("error: Invalid endpoint") for o in outcomes)
    assert len(outcomes) > len(ALL_REGIONS)


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize(("fips", "dualstack"), [(True, False), (False, True), (True, True)])
def test_custom_endpoint_with_fips_or_dualstack_is_the_rule_sets_error(
    service: str, fips: bool, dualstack: bool
) -> None:
    expected = botocore_resolve(service, "us-east-1", fips, dualstack, "http://127.0.0.1:8123")
    with pytest.raises(EndpointResolutionError) as raised:
        resolve_endpoint(
            service,
            "us-east-1",
            use_fips=fips,
            use_dualstack=dualstack,
            endpoint_url="http://127.0.0.1:8123",
        )
    assert f"error: {raised.value}" == expected


@pytest.mark.parametrize("service", SERVICES)
def test_missing_region_without_endpoint_is_an_error(service: str) -> None:
    with pytest.raises(EndpointResolutionError) as raised:
        resolve_endpoint(service, None)
    assert f"error: {raised.value}" == botocore_resolve(service, None, False, False, None)


@pytest.mark.parametrize("service", SERVICES)
def test_custom_endpoint_is_used_verbatim_without_a_region(service: str) -> None:
    url = "https://example.com/prefix/"
    assert resolve_endpoint(service, None, endpoint_url=url) == url


def test_unknown_service_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="'sts'"):
        resolve_endpoint("sts", "us-east-1")


# --- the partition table against partitions.json --------------------------------------------


def test_partition_table_matches_botocores_partitions_json() -> None:
    shipped = _partitions_data()["partitions"]
    assert [p.name for p in PARTITIONS] == [p["id"] for p in shipped]
    for ours_p, theirs in zip(PARTITIONS, shipped, strict=True):
        outputs = theirs["outputs"]
        assert ours_p.region_regex.pattern == theirs["regionRegex"]
        assert set(ours_p.regions) == set(theirs["regions"])
        assert ours_p.dns_suffix == outputs["dnsSuffix"]
        assert ours_p.dual_stack_dns_suffix == outputs["dualStackDnsSuffix"]
        assert ours_p.supports_fips is outputs["supportsFIPS"]
        assert ours_p.supports_dual_stack is outputs["supportsDualStack"]
        assert ours_p.implicit_global_region == outputs["implicitGlobalRegion"]


def test_known_regions_lists_every_region_of_partitions_json() -> None:
    shipped = {p["id"]: set(p["regions"]) for p in _partitions_data()["partitions"]}
    assert {name: set(regions) for name, regions in known_regions().items()} == shipped


def test_partition_for_matches_the_rule_engines_aws_partition() -> None:
    library = RuleSetStandardLibrary(_partitions_data())
    regions = [r for r in ALL_REGIONS if r is not None]
    expected = {r: library.aws_partition(r)["name"] for r in regions}
    assert {r: partition_for(r).name for r in regions} == expected
    assert len(set(expected.values())) == len(PARTITIONS)


@pytest.mark.parametrize("region", ["fips-us-gov-west-1", "us-gov-west-1-fips", "us-east-1"])
def test_normalize_fips_region_matches_botocore(region: str) -> None:
    name, config = ClientCreator._normalize_fips_region(None, region, None)
    assert normalize_fips_region(region) == (name, config is not None)


def test_public_surface_is_pinned() -> None:
    assert endpoints.__all__ == sorted(endpoints.__all__)
    assert all(getattr(endpoints, name).__doc__ for name in endpoints.__all__)


# --- real clients: the operation URL a request would go to ----------------------------------

OPERATIONS: dict[str, tuple[str, dict[str, Any], str]] = {
    "sso-oidc": (
        "create_token",
        {"clientId": "c", "clientSecret": "s", "grantType": "refresh_token"},
        "/token",
    ),
    "signin": (
        "create_o_auth2_token",
        {"tokenInput": {"clientId": "c", "grantType": "refresh_token", "refreshToken": "r"}},
        "/v1/token",
    ),
    "sso": ("list_accounts", {"accessToken": "t"}, "/assignment/accounts"),
}
CLIENT_REGIONS = (
    "us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1", "us-gov-east-1", "us-iso-east-1",
    "us-isob-east-1", "eu-isoe-west-1", "us-isof-south-1", "eusc-de-east-1", "aws-global",
    "us-west-99", "foo", "fips-us-gov-west-1", "us-gov-west-1-fips", "us-east-1-fips",
)  # fmt: skip


class _Captured(Exception):
    """Raised from ``before-send`` so the request never leaves the process."""


@pytest.fixture(scope="module")
def offline() -> Iterator[None]:
    """No shared files, no environment settings, and a dead loopback proxy as a backstop."""
    with pytest.MonkeyPatch.context() as patch:
        for name in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
            patch.setenv(name, "/dev/null")
        for name in (
            "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SSO_OIDC", "AWS_ENDPOINT_URL_SIGNIN",
            "AWS_ENDPOINT_URL_SSO",
            "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_USE_FIPS_ENDPOINT",
            "AWS_USE_DUALSTACK_ENDPOINT", "NO_PROXY", "no_proxy",
        ):  # fmt: skip
            patch.delenv(name, raising=False)
        patch.setenv("AWS_EC2_METADATA_DISABLED", "true")
        patch.setenv("HTTPS_PROXY", "http://127.0.0.1:9")
        patch.setenv("HTTP_PROXY", "http://127.0.0.1:9")
        yield


@pytest.fixture(scope="module")
def shared_session(offline: None) -> botocore.session.Session:
    """One botocore session for all real clients, so the data files are loaded once."""
    return botocore.session.get_session()


def client_operation_url(
    shared: botocore.session.Session,
    service: str,
    region: str,
    fips: bool,
    dualstack: bool,
    endpoint_url: str | None = None,
) -> str:
    """The URL a real client would send the operation to, minus the operation's path."""
    session = boto3.session.Session(
        region_name=region,
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="x",
        botocore_session=shared,
    )
    config = botocore.config.Config(
        use_fips_endpoint=fips, use_dualstack_endpoint=dualstack, retries={"max_attempts": 0}
    )
    client = session.client(service, endpoint_url=endpoint_url, config=config)

    def capture(request: Any, **_: Any) -> None:
        raise _Captured(request.url)

    client.meta.events.register("before-send", capture)
    method, params, path = OPERATIONS[service]
    with pytest.raises(_Captured) as captured:
        getattr(client, method)(**params)
    url = str(captured.value)
    assert url.endswith(path)
    return url[: -len(path)]


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("region", CLIENT_REGIONS)
def test_real_client_sends_to_the_resolved_endpoint(
    shared_session: botocore.session.Session, service: str, region: str
) -> None:
    compared = []
    for fips, dualstack in FLAGS:
        try:
            expected = client_operation_url(shared_session, service, region, fips, dualstack)
        except botocore.exceptions.EndpointVariantError:
            # The client also consults the legacy endpoints.json at creation, which has no
            # dual-stack variant for aws-iso-e and aws-iso-f; the rule sets do not mind.
            assert dualstack and partition_for(region).name in {"aws-iso-e", "aws-iso-f"}
            continue
        got = resolve_endpoint(service, region, use_fips=fips, use_dualstack=dualstack)
        assert got == expected, (region, fips, dualstack)
        compared.append((fips, dualstack))
    assert (False, False) in compared


@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("url", ["http://127.0.0.1:8123", "https://example.com/prefix"])
def test_real_client_uses_a_custom_endpoint_verbatim(
    shared_session: botocore.session.Session, service: str, url: str
) -> None:
    expected = client_operation_url(shared_session, service, "us-west-2", False, False, url)
    assert resolve_endpoint(service, "us-west-2", endpoint_url=url) == expected


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("service", SERVICES)
@pytest.mark.parametrize("region", ["us east 1", "123", "-us-east-1"])
def test_real_client_rejects_the_same_region_names(service: str, region: str) -> None:
    with pytest.raises(botocore.exceptions.InvalidRegionError) as theirs:
        boto3.session.Session(region_name=region).client(service)
    with pytest.raises(EndpointResolutionError) as ours_error:
        resolve_endpoint(service, region)
    assert str(ours_error.value) == str(theirs.value)


@pytest.mark.usefixtures("offline")
@pytest.mark.parametrize("service", ["sso-oidc", "sso"])
@pytest.mark.parametrize("region", ["", "us-east-1\n"])
def test_real_client_rejects_the_broken_host_the_same_way(service: str, region: str) -> None:
    # Not signin: a Sign-In client checks its legacy host, which differs from the operation's.
    with pytest.raises(ValueError, match=r"^Invalid endpoint") as theirs:
        boto3.session.Session(region_name=region).client(service)
    with pytest.raises(EndpointResolutionError) as ours_error:
        resolve_endpoint(service, region)
    assert str(ours_error.value) == str(theirs.value)

"""The rule branches the services' rule sets share (most AWS rule sets end with these two
subtrees), and their error messages: the rules' ``error`` strings, which botocore raises as
they are."""

from __future__ import annotations

from typing import Protocol

from py_backend.endpoints.partitions import Partition, partition_for
from py_backend.errors import EndpointResolutionError

MISSING_REGION = "Invalid Configuration: Missing Region"
FIPS_WITH_CUSTOM_ENDPOINT = "Invalid Configuration: FIPS and custom endpoint are not supported"
DUALSTACK_WITH_CUSTOM_ENDPOINT = (
    "Invalid Configuration: Dualstack and custom endpoint are not supported"
)
FIPS_AND_DUALSTACK_UNSUPPORTED = (
    "FIPS and DualStack are enabled, but this partition does not support one or both"
)
FIPS_UNSUPPORTED = "FIPS is enabled but this partition does not support FIPS"
DUALSTACK_UNSUPPORTED = "DualStack is enabled but this partition does not support DualStack"


def custom_endpoint(endpoint_url: str, *, use_fips: bool, use_dualstack: bool) -> str:
    """The ``isSet(Endpoint)`` subtree: the URL as given, unless FIPS or dual-stack is on."""
    if use_fips:
        raise EndpointResolutionError(FIPS_WITH_CUSTOM_ENDPOINT)
    if use_dualstack:
        raise EndpointResolutionError(DUALSTACK_WITH_CUSTOM_ENDPOINT)
    return endpoint_url


def standard_endpoint(
    prefix: str, region: str, partition: Partition, *, use_fips: bool, use_dualstack: bool
) -> str:
    """The generic regional subtree: ``https://{prefix}[-fips].{region}.{suffix}``.

    Dual-stack selects the partition's ``dualStackDnsSuffix``; a flag the partition does not
    support is an error rather than a silent downgrade.
    """
    if use_fips and use_dualstack:
        if not (partition.supports_fips and partition.supports_dual_stack):
            raise EndpointResolutionError(FIPS_AND_DUALSTACK_UNSUPPORTED)
    elif use_fips and not partition.supports_fips:
        raise EndpointResolutionError(FIPS_UNSUPPORTED)
    elif use_dualstack and not partition.supports_dual_stack:
        raise EndpointResolutionError(DUALSTACK_UNSUPPORTED)
    host_prefix = f"{prefix}-fips" if use_fips else prefix
    suffix = partition.dual_stack_dns_suffix if use_dualstack else partition.dns_suffix
    return f"https://{host_prefix}.{region}.{suffix}"


class Rules(Protocol):
    """One service's rule set, given the normalized rule-set parameters."""

    def __call__(
        self,
        region: str | None,
        *,
        use_fips: bool,
        use_dualstack: bool,
        endpoint_url: str | None,
    ) -> str: ...


def govcloud_plain_fips_rules(prefix: str, *, checks_fips_support: bool) -> Rules:
    """The rule set SSO OIDC (``oidc``, ``sso-oidc/2019-06-10/endpoint-rule-set-1.json``) and
    the portal (``portal.sso``, ``sso/2019-06-10/...``) share.

    A custom endpoint, then a missing region, then their one quirk: FIPS without dual-stack in
    ``aws-us-gov`` resolves to the ordinary ``{prefix}.{Region}.amazonaws.com`` host, because
    the GovCloud endpoints are FIPS endpoints already; then :func:`standard_endpoint`.
    ``checks_fips_support`` says whether that GovCloud rule also tests the partition's
    ``supportsFIPS`` (SSO OIDC's rule set does, the portal's does not).
    """

    def resolve(
        region: str | None, *, use_fips: bool, use_dualstack: bool, endpoint_url: str | None
    ) -> str:
        if endpoint_url is not None:
            return custom_endpoint(endpoint_url, use_fips=use_fips, use_dualstack=use_dualstack)
        if region is None:
            raise EndpointResolutionError(MISSING_REGION)
        partition = partition_for(region)
        fips_supported = partition.supports_fips or not checks_fips_support
        if use_fips and not use_dualstack and fips_supported and partition.name == "aws-us-gov":
            return f"https://{prefix}.{region}.amazonaws.com"
        return standard_endpoint(
            prefix, region, partition, use_fips=use_fips, use_dualstack=use_dualstack
        )

    return resolve

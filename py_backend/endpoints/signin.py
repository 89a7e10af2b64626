"""AWS Sign-In's endpoint rules (``signin/2023-01-01/endpoint-rule-set-1.json``), as code."""

from __future__ import annotations

from py_backend.endpoints.partitions import Partition, partition_for
from py_backend.endpoints.standard import MISSING_REGION, custom_endpoint, standard_endpoint
from py_backend.errors import EndpointResolutionError

# The host after "{Region}." for the plain endpoint; other partitions use "signin.{dnsSuffix}".
_CONSOLE_HOSTS = {
    "aws": "signin.aws.amazon.com",
    "aws-cn": "signin.amazonaws.cn",
    "aws-us-gov": "signin.amazonaws-us-gov.com",
    "aws-iso": "signin.c2shome.ic.gov",
    "aws-iso-b": "signin.sc2shome.sgov.gov",
    "aws-iso-f": "signin.csphome.hci.ic.gov",
    "aws-iso-e": "signin.csphome.adc-e.uk",
    "aws-eusc": "signin.amazonaws-eusc.eu",
}


def _console_endpoint(region: str, partition: Partition) -> str:
    host = _CONSOLE_HOSTS.get(partition.name, f"signin.{partition.dns_suffix}")
    return f"https://{region}.{host}"


def _govcloud_fips_endpoint(region: str, partition: Partition) -> str | None:
    # The literal region comparison comes before the partition lookup in the rule set.
    if region == "us-gov-west-1":
        return "https://signin-fips.amazonaws-us-gov.com"
    if partition.name == "aws-us-gov":
        return f"https://{region}.signin-fips.amazonaws-us-gov.com"
    return None


def resolve(
    region: str | None, *, use_fips: bool, use_dualstack: bool, endpoint_url: str | None
) -> str:
    """The URL the rule set gives ``CreateOAuth2Token`` (static context ``IsControlPlane=false``,
    ``IsOAuthEndpoint`` unset: the control-plane and OAuth branches are skipped) or any
    operation when ``endpoint_url`` is set:

    * no FIPS, no dual-stack: a region-first console host per partition
      (``https://us-east-1.signin.aws.amazon.com``);
    * FIPS alone in GovCloud: ``us-gov-west-1`` has a host without the region, the other
      GovCloud regions ``{Region}.signin-fips.amazonaws-us-gov.com``;
    * everything else: the standard ``signin[-fips].{Region}.{suffix}`` tree.
    """
    if region is not None and endpoint_url is None and not use_dualstack:
        partition = partition_for(region)
        if not use_fips:
            return _console_endpoint(region, partition)
        govcloud = _govcloud_fips_endpoint(region, partition)
        if govcloud is not None:
            return govcloud
    if endpoint_url is not None:
        return custom_endpoint(endpoint_url, use_fips=use_fips, use_dualstack=use_dualstack)
    if region is None:
        raise EndpointResolutionError(MISSING_REGION)
    return standard_endpoint(
        "signin", region, partition_for(region), use_fips=use_fips, use_dualstack=use_dualstack
    )


#: The rule set's static context of an operation: the OAuth token endpoint or the control plane.
OAUTH = "oauth"
CONTROL_PLANE = "control-plane"
FIPS_OAUTH = (
    "FIPS endpoints are not supported for OAuth operations. Disable FIPS or use a non-OAuth "
    "operation."
)


def resolve_for_operation(
    context: str, region: str | None, *, use_fips: bool, use_dualstack: bool
) -> str:
    """The URL the rule set gives an operation with ``IsOAuthEndpoint`` or ``IsControlPlane``
    (no custom endpoint: :func:`resolve` handles that).

    - control plane (GetSession ...): ``https://signin.{Region}.{dualStackDnsSuffix}``,
      whatever the FIPS and dual-stack flags;
    - OAuth (CreateOAuth2TokenWithIAM ...): FIPS is an error; ``{Region}.oauth.signin.aws``
      in the ``aws`` partition; elsewhere the console host, or with dual-stack
      ``signin.{Region}.{dualStackDnsSuffix}``.
    """
    if region is None:
        raise EndpointResolutionError(MISSING_REGION)
    partition = partition_for(region)
    if context == CONTROL_PLANE:
        return f"https://signin.{region}.{partition.dual_stack_dns_suffix}"
    if use_fips:
        raise EndpointResolutionError(FIPS_OAUTH)
    if partition.name == "aws":
        return f"https://{region}.oauth.signin.aws"
    if use_dualstack:
        return f"https://signin.{region}.{partition.dual_stack_dns_suffix}"
    return _console_endpoint(region, partition)

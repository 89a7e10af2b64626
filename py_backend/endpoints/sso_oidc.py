"""SSO OIDC's endpoint rules (``sso-oidc/2019-06-10/endpoint-rule-set-1.json``), as code.

The rule set is the standard one with endpoint prefix ``oidc`` and one quirk: FIPS without
dual-stack in ``aws-us-gov`` resolves to the ordinary ``oidc.{Region}.amazonaws.com`` host,
because the GovCloud OIDC endpoints are FIPS endpoints already.
"""

from __future__ import annotations

from py_backend.endpoints.partitions import partition_for
from py_backend.endpoints.standard import MISSING_REGION, custom_endpoint, standard_endpoint
from py_backend.errors import EndpointResolutionError


def resolve(
    region: str | None, *, use_fips: bool, use_dualstack: bool, endpoint_url: str | None
) -> str:
    """The URL the SSO OIDC rule set gives for these parameters (every operation alike)."""
    if endpoint_url is not None:
        return custom_endpoint(endpoint_url, use_fips=use_fips, use_dualstack=use_dualstack)
    if region is None:
        raise EndpointResolutionError(MISSING_REGION)
    partition = partition_for(region)
    if (
        use_fips
        and not use_dualstack
        and partition.supports_fips
        and partition.name == "aws-us-gov"
    ):
        return f"https://oidc.{region}.amazonaws.com"
    return standard_endpoint(
        "oidc", region, partition, use_fips=use_fips, use_dualstack=use_dualstack
    )

"""The IAM Identity Center portal's endpoint rules (``sso/2019-06-10/endpoint-rule-set-1.json``).

The same shape as SSO OIDC's, with endpoint prefix ``portal.sso``: FIPS without dual-stack in
``aws-us-gov`` resolves to the ordinary ``portal.sso.{Region}.amazonaws.com`` host, because the
GovCloud portal endpoints are FIPS endpoints already.
"""

from __future__ import annotations

from py_backend.endpoints.partitions import partition_for
from py_backend.endpoints.standard import MISSING_REGION, custom_endpoint, standard_endpoint
from py_backend.errors import EndpointResolutionError


def resolve(
    region: str | None, *, use_fips: bool, use_dualstack: bool, endpoint_url: str | None
) -> str:
    """The URL the portal's rule set gives for these parameters (every operation alike)."""
    if endpoint_url is not None:
        return custom_endpoint(endpoint_url, use_fips=use_fips, use_dualstack=use_dualstack)
    if region is None:
        raise EndpointResolutionError(MISSING_REGION)
    partition = partition_for(region)
    if use_fips and not use_dualstack and partition.name == "aws-us-gov":
        return f"https://portal.sso.{region}.amazonaws.com"
    return standard_endpoint(
        "portal.sso", region, partition, use_fips=use_fips, use_dualstack=use_dualstack
    )

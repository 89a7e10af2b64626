"""``resolve_endpoint``: the base URL a botocore client sends an operation to."""

from __future__ import annotations

from py_backend.endpoints import signin
from py_backend.endpoints.regions import (
    check_region_host,
    normalize_fips_region,
    validate_region_name,
)
from py_backend.endpoints.standard import Rules, govcloud_plain_fips_rules

#: botocore service name -> the rules of the operations this project calls (SSO OIDC's and the
#: portal's resolve every operation alike).
SERVICES: dict[str, Rules] = {
    "signin": signin.resolve,
    "sso-oidc": govcloud_plain_fips_rules("oidc", checks_fips_support=True),
    "sso": govcloud_plain_fips_rules("portal.sso", checks_fips_support=False),
}


def resolve_endpoint(
    service: str,
    region: str | None,
    *,
    use_fips: bool = False,
    use_dualstack: bool = False,
    endpoint_url: str | None = None,
) -> str:
    """Return the base URL (scheme://host[:port][/path]) botocore resolves for ``service``.

    ``service`` is ``"sso-oidc"`` or ``"sso"`` (the portal; every operation alike) or
    ``"signin"`` (``CreateOAuth2Token``).
    The region is first checked and normalized the way a botocore client does it (a FIPS
    pseudo-region such as ``fips-us-gov-west-1`` turns ``use_fips`` on), then the service's
    endpoint rule set runs with ``Region``, ``UseFIPS``, ``UseDualStack`` and ``Endpoint``.
    ``endpoint_url`` is returned verbatim. Unlike a botocore *client*, which quietly drops FIPS
    and dual-stack when given an endpoint URL, this passes them to the rules, which refuse the
    combination, as botocore's ``EndpointProvider`` does.

    :raises ValueError: for an unknown ``service``.
    :raises EndpointResolutionError: with botocore's message, e.g.
        ``Invalid Configuration: Missing Region``.
    """
    rules = SERVICES.get(service)
    if rules is None:
        raise ValueError(f"Unknown service {service!r}; expected one of {sorted(SERVICES)}")
    if region is not None:
        validate_region_name(region)
        region, pseudo_fips = normalize_fips_region(region)
        use_fips = use_fips or pseudo_fips
    url = rules(region, use_fips=use_fips, use_dualstack=use_dualstack, endpoint_url=endpoint_url)
    if endpoint_url is None and region is not None:
        return check_region_host(url, region)
    return url

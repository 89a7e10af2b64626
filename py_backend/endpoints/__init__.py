"""Endpoint resolution for AWS Sign-In, SSO OIDC and the portal, without botocore's rule engine.

The partition table (``partitions``) and each service's endpoint rule set (``signin``; SSO
OIDC's and the portal's in ``standard``) are written out as plain Python;
``tests/test_endpoints.py`` checks every region and flag combination against botocore's
``EndpointProvider`` running the rule sets botocore ships.
"""

from __future__ import annotations

from py_backend.endpoints.partitions import Partition, known_regions, partition_for
from py_backend.endpoints.regions import normalize_fips_region
from py_backend.endpoints.resolver import resolve_endpoint

__all__ = [
    "Partition",
    "known_regions",
    "normalize_fips_region",
    "partition_for",
    "resolve_endpoint",
]

"""The AWS partitions and the rule-set function ``aws.partition``.

Transcribed by hand from botocore 1.44.5's ``botocore/data/partitions.json`` (format version 1.1),
in the same order, because ``aws.partition`` takes the first partition that knows the region
or whose regex matches it. ``tests/test_endpoints.py`` compares this table with the one the
installed botocore ships, so an AWS update shows up as a failing test, not a silent drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Partition:
    """One partition's outputs, as the endpoint rule sets see them (``PartitionResult``)."""

    name: str
    region_regex: re.Pattern[str]
    regions: tuple[str, ...]
    dns_suffix: str
    dual_stack_dns_suffix: str
    supports_fips: bool
    supports_dual_stack: bool
    implicit_global_region: str

    def matches(self, region: str) -> bool:
        """Whether ``region`` is one of this partition's regions or matches its regex.

        ``re.match`` (not ``fullmatch``) on purpose: botocore uses it, so ``$`` also accepts a
        trailing newline.
        """
        return region in self.regions or self.region_regex.match(region) is not None


def _partition(
    name: str,
    regex: str,
    regions: str,
    dns_suffix: str,
    dual_stack_dns_suffix: str,
    implicit_global_region: str,
) -> Partition:
    # ``regions`` is whitespace-separated to keep the table readable. Every partition in
    # partitions.json 1.1 supports both FIPS and dual-stack.
    return Partition(
        name=name,
        region_regex=re.compile(regex),
        regions=tuple(regions.split()),
        dns_suffix=dns_suffix,
        dual_stack_dns_suffix=dual_stack_dns_suffix,
        supports_fips=True,
        supports_dual_stack=True,
        implicit_global_region=implicit_global_region,
    )


AWS = _partition(
    "aws",
    r"^(us|eu|ap|sa|ca|me|af|il|mx)\-\w+\-\d+$",
    """
    af-south-1 ap-east-1 ap-east-2 ap-northeast-1 ap-northeast-2 ap-northeast-3 ap-south-1
    ap-south-2 ap-southeast-1 ap-southeast-2 ap-southeast-3 ap-southeast-4 ap-southeast-5
    ap-southeast-6 ap-southeast-7 aws-global ca-central-1 ca-west-1 eu-central-1 eu-central-2
    eu-north-1 eu-south-1 eu-south-2 eu-west-1 eu-west-2 eu-west-3 il-central-1 me-central-1
    me-south-1 me-west-1 mx-central-1 sa-east-1 sa-west-1 us-east-1 us-east-2 us-west-1
    us-west-2
    """,
    "amazonaws.com",
    "api.aws",
    "us-east-1",
)

#: In ``aws.partition`` order. The first entry is also the fallback for unknown regions.
PARTITIONS: tuple[Partition, ...] = (
    AWS,
    _partition(
        "aws-cn",
        r"^cn\-\w+\-\d+$",
        "aws-cn-global cn-north-1 cn-northwest-1",
        "amazonaws.com.cn",
        "api.amazonwebservices.com.cn",
        "cn-northwest-1",
    ),
    _partition(
        "aws-eusc",
        r"^eusc\-(de)\-\w+\-\d+$",
        "eusc-de-east-1",
        "amazonaws.eu",
        "api.amazonwebservices.eu",
        "eusc-de-east-1",
    ),
    _partition(
        "aws-iso",
        r"^us\-iso\-\w+\-\d+$",
        "aws-iso-global us-iso-east-1 us-iso-west-1",
        "c2s.ic.gov",
        "api.aws.ic.gov",
        "us-iso-east-1",
    ),
    _partition(
        "aws-iso-b",
        r"^us\-isob\-\w+\-\d+$",
        "aws-iso-b-global us-isob-east-1 us-isob-west-1",
        "sc2s.sgov.gov",
        "api.aws.scloud",
        "us-isob-east-1",
    ),
    _partition(
        "aws-iso-e",
        r"^eu\-isoe\-\w+\-\d+$",
        "aws-iso-e-global eu-isoe-west-1",
        "cloud.adc-e.uk",
        "api.cloud-aws.adc-e.uk",
        "eu-isoe-west-1",
    ),
    _partition(
        "aws-iso-f",
        r"^us\-isof\-\w+\-\d+$",
        "aws-iso-f-global us-isof-east-1 us-isof-south-1",
        "csp.hci.ic.gov",
        "api.aws.hci.ic.gov",
        "us-isof-south-1",
    ),
    _partition(
        "aws-us-gov",
        r"^us\-gov\-\w+\-\d+$",
        "aws-us-gov-global us-gov-east-1 us-gov-west-1",
        "amazonaws.com",
        "api.aws",
        "us-gov-west-1",
    ),
)


def partition_for(region: str) -> Partition:
    """The rule-set function ``aws.partition``: the first partition that claims ``region``.

    A region no partition claims (``foo``, ``US-EAST-1``) belongs to the ``aws`` partition, as
    in botocore's ``RuleSetStandardLibrary.aws_partition``.
    """
    return next((p for p in PARTITIONS if p.matches(region)), AWS)


def known_regions() -> dict[str, tuple[str, ...]]:
    """The regions each partition lists by name, keyed by partition name."""
    return {p.name: p.regions for p in PARTITIONS}

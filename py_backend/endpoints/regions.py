"""What a botocore client does to a region name before the endpoint rules see it.

``Session.create_client`` rejects a region that cannot be a host label, and ``ClientCreator``
turns the legacy FIPS pseudo-regions (``fips-us-gov-west-1``, ``us-gov-west-1-fips``) into the
real region plus ``use_fips_endpoint=True``. The rule sets themselves know nothing of either.
"""

from __future__ import annotations

import re

from py_backend.errors import ConfigurationError, EndpointResolutionError

# botocore.utils.validate_region_name: up to 63 letters, digits and hyphens, no leading or
# trailing hyphen, not all digits. It allows the empty string, like botocore.
_REGION_NAME = re.compile(r"^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$")
# One DNS label (RFC 1123 section 2.1), as botocore.utils.is_valid_endpoint_url checks hosts.
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z\d-]{1,63}(?<!-)")


def validate_region_name(
    region: str, error: type[ConfigurationError] = EndpointResolutionError
) -> None:
    """Raise ``error`` with botocore's message (``InvalidRegionError``) for a malformed region."""
    if _REGION_NAME.match(region) is None:
        raise error(f"Provided region_name '{region}' doesn't match a supported format.")


def normalize_fips_region(region: str) -> tuple[str, bool]:
    """Strip the ``fips-``/``-fips`` pseudo-region markers; say whether there were any.

    Mirrors ``botocore.client.ClientCreator._normalize_fips_region``, which removes every
    occurrence, so the result is the region to sign for and the second item turns FIPS on.
    """
    normalized = region.replace("fips-", "").replace("-fips", "")
    return normalized, normalized != region


def check_region_host(url: str, region: str) -> str:
    """Return ``url`` unless ``region``, spliced into it as a label, makes the host invalid.

    ``validate_region_name`` lets ``""`` and a trailing newline through; botocore then refuses
    the endpoint it built (``EndpointCreator.create_endpoint``) with this message.
    """
    if _HOST_LABEL.fullmatch(region) is None:
        raise EndpointResolutionError(f"Invalid endpoint: {url}")
    return url

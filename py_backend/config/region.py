"""The region: botocore's ``region`` config chain.

botocore reads, in order, the ``region_name`` argument, ``AWS_DEFAULT_REGION`` and the profile's
``region``. It does not read ``AWS_REGION`` (the AWS CLI v2 and the .NET SDK do; botocore only
looks at it to pick a defaults mode). We read ``AWS_REGION`` last, only where botocore would
find no region at all, so every region botocore resolves stays the same and scripts written for
the AWS CLI v2 or the AWS Tools still get theirs. An empty value counts as unset here, whereas
botocore would stop at an empty ``AWS_DEFAULT_REGION``.
"""

from __future__ import annotations

from collections.abc import Mapping

from py_backend.config.context import ConfigContext
from py_backend.config.shared_files import ConfigValue, load_shared_files, selected_profile
from py_backend.endpoints.regions import validate_region_name
from py_backend.errors import ConfigurationError

REGION_VARIABLE = "AWS_DEFAULT_REGION"
#: Read after everything botocore reads (see the module docstring).
FALLBACK_REGION_VARIABLE = "AWS_REGION"


def resolve_region(context: ConfigContext, region_name: str | None = None) -> str | None:
    """The region to call, or ``None`` when it is set nowhere.

    Raises :class:`ProfileNotFound` for a missing profile that was asked for, and
    :class:`ConfigurationError` for a region that is not a host label.
    """
    if region_name:
        return validate_region(region_name)
    return region_from(context.environ, selected_profile(load_shared_files(context), context))


def region_from(
    environ: Mapping[str, str],
    profile: Mapping[str, ConfigValue],
    region_name: str | None = None,
) -> str | None:
    """The first non-empty region of the argument, the environment and the profile."""
    configured = profile.get("region")
    candidates = (
        region_name,
        environ.get(REGION_VARIABLE),
        configured,
        environ.get(FALLBACK_REGION_VARIABLE),
    )
    found = next((c for c in candidates if isinstance(c, str) and c), None)
    return validate_region(found) if found is not None else None


def validate_region(region: str) -> str:
    """``region`` itself, if it is a valid host label (botocore's ``InvalidRegionError`` text)."""
    validate_region_name(region, ConfigurationError)
    return region

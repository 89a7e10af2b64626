"""Parameter values read from files: ``file://PATH`` (text) and ``fileb://PATH`` (bytes).

The AWS CLI v1 also downloads ``http://`` and ``https://`` values (``cli_follow_urlparam``);
this tool never does: such values are used as they are, which is what the AWS CLI does with
``cli_follow_urlparam = false``.
"""

from __future__ import annotations

import os
from pathlib import Path

from py_backend.errors import TokenBridgeError


class ResourceLoadingError(TokenBridgeError):
    """A ``file://`` value whose file cannot be read."""


def load_paramfile(value: object) -> str | bytes | None:
    """The content a ``file://`` or ``fileb://`` value names; ``None`` for any other value."""
    if not isinstance(value, str):
        return None
    if value.startswith("file://"):
        return _read(value, "file://", binary=False)
    if value.startswith("fileb://"):
        return _read(value, "fileb://", binary=True)
    return None


def _read(value: str, prefix: str, *, binary: bool) -> str | bytes:
    path = os.path.expandvars(os.path.expanduser(value[len(prefix) :]))
    try:
        # Text in the locale's encoding, as the AWS CLI's open() reads it.
        return Path(path).read_bytes() if binary else Path(path).read_text()
    except UnicodeDecodeError:
        raise ResourceLoadingError(
            f"Unable to load paramfile ({path}), text contents could not be decoded.  If this "
            "is a binary file, please use the fileb:// prefix instead of the file:// prefix."
        ) from None
    except OSError as error:
        raise ResourceLoadingError(f"Unable to load paramfile {value}: {error}") from None

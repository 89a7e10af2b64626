"""Writing private files atomically: token caches and the shared config file.

A reader (this library, botocore, the AWS CLI) must see the old file or the new one, never
half of either, and nobody else may read a token. So a write goes to a temporary file in
the same directory, created with mode 0600 (``tempfile.mkstemp``), is flushed to disk
(``fsync``) and then renamed over the target (``os.replace``, atomic on POSIX and on
NTFS). Directories this module creates get mode 0700. On Windows the mode bits are
ignored; the user's profile directory ACL protects the files instead.

This is stricter than the AWS CLI v2, whose ``JSONFileCache`` truncates and rewrites the
file in place, and the same as current botocore (``mkstemp``, ``fsync``, ``os.replace``).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

__all__ = ["PRIVATE_DIR_MODE", "PRIVATE_FILE_MODE", "make_private_dirs", "write_private_file"]

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700


def make_private_dirs(directory: Path) -> None:
    """Create ``directory`` and any missing parents, each new one with mode 0700.

    Directories that exist already keep their mode: ``~/.aws`` belongs to the user.
    """
    missing: list[Path] = []
    current = directory
    while not current.exists() and current.parent != current:
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        with contextlib.suppress(FileExistsError):  # another process made it meanwhile
            path.mkdir(mode=PRIVATE_DIR_MODE)


def write_private_file(path: Path, data: bytes, *, mode: int = PRIVATE_FILE_MODE) -> None:
    """Replace ``path`` with ``data`` atomically; the new file has ``mode`` (default 0600).

    On any failure the temporary file is removed and ``path`` is left as it was.
    """
    make_private_dirs(path.parent)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode != PRIVATE_FILE_MODE:
            os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    _sync_directory(path.parent)


def _sync_directory(directory: Path) -> None:
    # POSIX: the rename is durable only once the directory entry is on disk. Windows cannot
    # open a directory this way, and nothing depends on it, so failures are ignored.
    if os.name == "nt":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)

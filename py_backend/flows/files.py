"""Writing private files atomically: token caches and the shared config file.

A reader (this library, botocore, the AWS CLI) must see the old file or the new one, never
half of either, and nobody else may read a token. So a write goes to a temporary file in
the same directory, created with mode 0600 (``tempfile.mkstemp``), is flushed to disk
(``fsync``) and then renamed over the target (``os.replace``, atomic on POSIX and on
NTFS). On Windows the mode bits are ignored; the user's profile directory ACL protects the
files instead. This is stricter than the AWS CLI v2, whose ``JSONFileCache`` truncates and
rewrites the file in place, and the same as current botocore.

Every write, and every read-modify-write, holds an exclusive lock on the target's directory,
so concurrent writers, in this process or another, lose no update. The lock is the operating
system's, so a killed writer never leaves it held: ``flock`` on the directory itself on POSIX
(no file is added to it); on Windows, which cannot lock a directory, ``msvcrt.locking`` on a
lock file in it (:data:`LOCK_NAME`).
"""

from __future__ import annotations

import contextlib
import os
import re
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

from py_backend.errors import FileAccessError

__all__ = [
    "LOCK_NAME",
    "PRIVATE_DIR_MODE",
    "PRIVATE_FILE_MODE",
    "locked_target",
    "make_private_dirs",
    "replace_private_file",
    "write_private_file",
]

#: Windows only: the lock file of a directory written to (empty; kept, as removing it races).
LOCK_NAME = ".aws-token-bridge.lock"
_TEMP_MARK = ".awstb-"
_OWN_TEMPORARY = re.compile(r"\..+\.awstb-[A-Za-z0-9_]+\.tmp")
#: Threads of this process also exclude each other (flock already does across processes).
_THREAD_LOCKS: dict[str, threading.Lock] = {}
_THREAD_LOCKS_GUARD = threading.Lock()

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
    """Replace ``path`` (or the file its link points to) with ``data``, atomically and under
    the directory's lock; the new file has ``mode`` (default 0600).

    On any failure the temporary file is removed and the file is left as it was.
    """
    with locked_target(path) as target:
        replace_private_file(target, data, mode=mode)


@contextlib.contextmanager
def locked_target(path: Path) -> Iterator[Path]:
    """Hold the write lock of ``path``'s directory; yield the real file to read and replace.

    The real file is ``path`` with symbolic links resolved (dotfile managers link
    ``~/.aws/config``): the link's final target is replaced, the link stays, as the AWS CLI
    does. Inside the block, read it and write it with :func:`replace_private_file`: no other
    writer runs in between. An ``OSError`` (a read-only directory, a file where a directory
    must be) becomes a :class:`FileAccessError` that names ``path``.
    """
    try:
        target = Path(os.path.realpath(path))
        make_private_dirs(target.parent)
        with _thread_lock(target.parent), _directory_lock(target.parent):
            _remove_stale_temporaries(target.parent)
            yield target
    except FileAccessError:
        raise  # already names its file
    except OSError as error:
        raise FileAccessError.from_os_error(error, path, "write") from None


def replace_private_file(path: Path, data: bytes, *, mode: int = PRIVATE_FILE_MODE) -> None:
    """Replace ``path`` with ``data`` atomically (no lock: see :func:`locked_target`)."""
    make_private_dirs(path.parent)
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}{_TEMP_MARK}", suffix=".tmp"
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


def _remove_stale_temporaries(directory: Path) -> None:
    # Temporary files of our naming (.NAME.awstb-XXXXXXXX.tmp). Called with the lock held: one
    # that exists now was left by a writer that died, since a live one holds the lock while
    # its file exists.
    with contextlib.suppress(OSError):
        for entry in os.scandir(directory):
            if _OWN_TEMPORARY.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)


@contextlib.contextmanager
def _thread_lock(directory: Path) -> Iterator[None]:
    with _THREAD_LOCKS_GUARD:
        lock = _THREAD_LOCKS.setdefault(os.path.normcase(str(directory)), threading.Lock())
    with lock:
        yield


@contextlib.contextmanager
def _directory_lock(directory: Path) -> Iterator[None]:
    """An exclusive lock on ``directory``, released even if the process dies."""
    descriptor = _open_lock(directory)
    try:
        _lock(descriptor)
        try:
            yield
        finally:
            _unlock(descriptor)
    finally:
        os.close(descriptor)


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _open_lock(directory: Path) -> int:
        return os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)

    def _lock(descriptor: int) -> None:
        while True:
            try:
                msvcrt.locking(descriptor, msvcrt.LK_NBLCK, 1)
                return
            except OSError:
                time.sleep(0.01)  # held by another writer: writes take milliseconds

    def _unlock(descriptor: int) -> None:
        os.lseek(descriptor, 0, os.SEEK_SET)
        msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _open_lock(directory: Path) -> int:
        return os.open(directory, os.O_RDONLY)

    def _lock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_EX)

    def _unlock(descriptor: int) -> None:
        fcntl.flock(descriptor, fcntl.LOCK_UN)

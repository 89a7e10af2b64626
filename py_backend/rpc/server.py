"""The stdio server: ``aws-token-bridge rpc`` / ``python -m py_backend rpc`` (docs/rpc.md)."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from typing import BinaryIO

from py_backend._version import __version__
from py_backend.rpc.backend import CmdletBackend
from py_backend.rpc.dispatcher import Dispatcher
from py_backend.rpc.framing import (
    MAX_LINE_BYTES,
    FrameProblem,
    FrameWriter,
    LineSource,
    read_frames,
)
from py_backend.rpc.logs import LOG_FORMAT, LOG_LEVELS, quiet_libraries

__all__ = ["LOG_LEVEL_ENV", "main", "serve"]

LOG_LEVEL_ENV = "AWSTB_LOG_LEVEL"
"""Environment variable read for the log level when ``--log-level`` is not given."""

logger = logging.getLogger(__name__)


def serve(
    instream: LineSource,
    outstream: BinaryIO,
    *,
    dispatcher: Dispatcher | None = None,
    backend: CmdletBackend | None = None,
    max_line_bytes: int = MAX_LINE_BYTES,
) -> int:
    """Answer requests read from ``instream`` on ``outstream``; return the exit code.

    Returns 0 after ``shutdown`` or at the end of input (once the requests in flight are
    done), 1 when ``outstream`` can no longer be written.
    """
    dispatcher = dispatcher or Dispatcher(backend=backend, max_line_bytes=max_line_bytes)
    writer = FrameWriter(outstream)
    try:
        for frame in read_frames(instream, max_line_bytes):
            if isinstance(frame, FrameProblem):
                dispatcher.handle_frame_problem(frame, writer.write)
            else:
                dispatcher.handle_line(frame, writer.write)
            if dispatcher.stopped or writer.broken:
                break
    except OSError as error:  # stdin itself failed: as good as the end of input
        logger.warning("input failed: %s", type(error).__name__)
    if not dispatcher.stopped:
        dispatcher.close(0 if writer.broken else None)
    return 1 if writer.broken else 0


def main(argv: Sequence[str] | None = None, *, backend: CmdletBackend | None = None) -> int:
    """Run the server on this process's stdin and stdout (options: ``--log-level``,
    ``--version``); return the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse has printed the usage on stderr
        return exit_.code if isinstance(exit_.code, int) else 2
    if args.version:
        sys.stdout.write(f"aws-token-bridge {__version__}\n")
        return 0
    instream, outstream = _take_stdio()
    _configure_logging(args.log_level)
    _ignore_interrupts()
    logger.info("aws-token-bridge %s rpc backend started (pid %d)", __version__, os.getpid())
    with instream, outstream:
        return serve(instream, outstream, backend=backend)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aws-token-bridge rpc",
        description="Serve the AwsTokenBridge module's JSON-RPC backend on stdin/stdout.",
    )
    parser.add_argument(
        "--log-level",
        type=str.lower,
        choices=LOG_LEVELS,
        help=f"log level on stderr (default: ${LOG_LEVEL_ENV}, else warning)",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    return parser


def _take_stdio() -> tuple[BinaryIO, BinaryIO]:
    """Duplicates of fds 0 and 1 for the protocol; then fd 0 reads nothing, fd 1 is stderr, so
    neither ``print`` in library code nor a child process that inherits them can touch it."""
    sys.stdout.flush()
    instream = os.fdopen(os.dup(0), "rb")
    outstream = os.fdopen(os.dup(1), "wb")
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.dup2(2, 1)
    sys.stdout = sys.stderr  # print() too, whatever buffer the old sys.stdout had
    return instream, outstream


def _configure_logging(option: str | None) -> None:
    level = option or os.environ.get(LOG_LEVEL_ENV, "").strip().lower() or "warning"
    unknown = level not in LOG_LEVELS
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.WARNING if unknown else level.upper(),
        format=LOG_FORMAT,
        force=True,
    )
    quiet_libraries(logging.root.level)
    if unknown:
        logger.warning("%s: unknown level %.20r; using warning", LOG_LEVEL_ENV, level)


def _ignore_interrupts() -> None:
    # Ctrl+C in the PowerShell console reaches every process of the console: the module
    # cancels through $/cancelRequest and stops the backend with shutdown, never with SIGINT.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)

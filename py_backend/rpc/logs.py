"""The backend's log settings, for both transports, without loading the stdio server (argparse,
gettext, signal) in the in-process host."""

from __future__ import annotations

import logging

__all__ = ["LOG_FORMAT", "LOG_LEVELS", "quiet_libraries"]

LOG_LEVELS = ("debug", "info", "warning", "error", "critical")
"""The backend's log levels (both transports), lowest first."""

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
"""How the backend's log lines look on stderr (both transports)."""


def quiet_libraries(level: int) -> None:
    """Log httpcore and hpack at ``level`` or above, never below warning: their debug output
    includes response headers."""
    for name in ("httpcore", "hpack"):
        logging.getLogger(name).setLevel(max(logging.WARNING, level))

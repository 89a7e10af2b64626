"""``python -m py_backend.emulator``: run the emulator (see :func:`server.main`)."""

from __future__ import annotations

import sys

from py_backend.emulator.server import main

if __name__ == "__main__":
    sys.exit(main())

"""``python -m py_backend``: the ``aws-token-bridge`` command line."""

import sys

from py_backend.cli import main

if __name__ == "__main__":
    sys.exit(main())

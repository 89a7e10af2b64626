"""``aws-token-bridge configure export-credentials``: the AWS CLI v2's command, with no AWS CLI.

Prints the profile's current credentials in one of the AWS CLI v2's formats (``process`` by
default), so that any tool can use a profile this product signs in:
``credential_process = aws-token-bridge configure export-credentials --profile dev``.
Errors go to stderr with the AWS CLI v2's configuration-error exit code (253); nothing opens a
browser.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

#: The AWS CLI v2's exit code for configuration errors (``awscli/constants.py``).
CONFIGURATION_ERROR_EXIT = 253


def export_parser() -> argparse.ArgumentParser:
    """The options of ``configure export-credentials`` (as ``aws configure export-credentials``)."""
    from py_backend.flows.export_credentials import FORMATS

    parser = argparse.ArgumentParser(prog="aws-token-bridge configure export-credentials")
    parser.add_argument("--profile", help="the profile whose credentials to print")
    parser.add_argument(
        "--format",
        choices=list(FORMATS),
        default="process",
        help="the output format (default: process, the credential_process JSON)",
    )
    return parser


def export_credentials_command(argv: Sequence[str]) -> int:
    """Run ``configure export-credentials``; return 0 (errors raise)."""
    args = export_parser().parse_args(argv)
    from py_backend.config.context import ConfigContext
    from py_backend.flows.export_credentials import (
        LF_ONLY,
        export_credentials,
        format_credentials,
    )

    # The recursion guard's profile chain goes into our own environment, so that a
    # credential_process this resolution starts inherits it (as in the AWS CLI v2).
    # Errors are the caller's: :func:`configure` runs this through the sign-in commands' ``run``.
    context = ConfigContext.from_environ(profile=args.profile)
    credentials = export_credentials(context, environ=os.environ)
    text = format_credentials(credentials, args.format)
    stream = sys.stdout
    if args.format in LF_ONLY and hasattr(stream, "reconfigure"):
        # POSIX shells must see "\n" even on Windows (Git Bash keeps a "\r" in each value).
        stream.reconfigure(newline="\n")
    stream.write(text)
    stream.flush()
    return 0


def configure(argv: list[str]) -> int:
    """``aws-token-bridge configure <command>``: ``export-credentials``."""
    if argv[:1] != ["export-credentials"]:
        sys.stderr.write(
            "usage: aws-token-bridge configure export-credentials [--profile P] [--format F]\n"
        )
        return 2
    if argv[1:] == ["help"]:
        sys.stdout.write(export_parser().format_help())
        return 0
    from py_backend.cli.login import run

    try:
        return run(export_credentials_command, argv[1:], error_exit=CONFIGURATION_ERROR_EXIT)
    except SystemExit as stop:  # argparse: a usage error (status 2) or --help
        return stop.code if isinstance(stop.code, int) else 0

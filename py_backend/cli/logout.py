"""``aws-token-bridge sso logout`` (the AWS CLI v2's) and ``aws-token-bridge logout [--all]``.

``sso logout`` without ``--access-token`` ends every cached SSO token at the portal and removes
the cache files, as the AWS CLI v2 does; with ``--access-token`` (or the raw command's other
options) it stays the AWS CLI v1's portal operation. ``logout`` removes ``aws login`` caches
(:mod:`py_backend.flows.logout` says why no token is revoked).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

#: Options that make ``sso logout`` the AWS CLI v1's raw ``Logout`` call.
RAW_OPTIONS = ("--access-token", "--cli-input-json", "--generate-cli-skeleton", "help")


def is_raw_logout(argv: Sequence[str]) -> bool:
    """Whether ``sso logout ARGS`` is the v1 portal operation rather than the v2 sweep."""
    return any(arg.split("=", 1)[0] in RAW_OPTIONS for arg in argv)


def sso_logout_command(argv: Sequence[str]) -> int:
    """Run the AWS CLI v2's ``sso logout``; return the exit code."""
    parser = argparse.ArgumentParser(prog="aws-token-bridge sso logout")
    parser.add_argument("--no-verify-ssl", action="store_true", help="do not verify TLS")
    parser.add_argument("--ca-bundle", help="CA bundle to verify TLS with")
    args = parser.parse_args(argv)
    from py_backend.flows.logout import sso_logout

    sso_logout(verify=False if args.no_verify_ssl else args.ca_bundle)
    return 0


def logout_command(argv: Sequence[str]) -> int:
    """Run ``logout [--profile P] [--all]``; return the exit code."""
    parser = argparse.ArgumentParser(prog="aws-token-bridge logout")
    parser.add_argument("--profile", help="the profile whose login session to remove")
    parser.add_argument(
        "--all", action="store_true", help="remove the cached sessions of every login profile"
    )
    args = parser.parse_args(argv)
    from py_backend.config.context import ConfigContext
    from py_backend.flows.logout import login_logout

    done = login_logout(ConfigContext.from_environ(profile=args.profile), all_sessions=args.all)
    (sys.stderr if done.to_stderr else sys.stdout).write(done.message)
    return 0


def logout(argv: list[str]) -> int:
    """``aws-token-bridge logout``."""
    from py_backend.cli.login import run

    return run(logout_command, argv)

"""``aws-token-bridge sso status`` and ``aws-token-bridge login status``: still signed in?

Print who is signed in, which session, and when the token and credentials expire; the exit code
says what to do: 0 signed in and valid, 1 expired but refreshable (the next use refreshes), 2 a
new login is needed (the output names the command). ``--output json`` prints the same facts as
one JSON object. Nothing is refreshed, sent or opened. A profile that cannot be read is an error
(exit 255, as the other commands).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py_backend.flows.status import SignInStatus


def status_parser(*, sso: bool) -> argparse.ArgumentParser:
    """The options of ``sso status`` or ``login status``."""
    parser = argparse.ArgumentParser(prog=f"aws-token-bridge {'sso' if sso else 'login'} status")
    if sso:
        group = parser.add_mutually_exclusive_group()
        group.add_argument("--profile", help="the profile whose SSO session to check")
        group.add_argument("--sso-session", help="the [sso-session] to check")
    else:
        parser.add_argument("--profile", help="the profile whose login session to check")
    parser.add_argument("--output", choices=("text", "json"), default="text")
    return parser


def render_text(status: SignInStatus) -> str:
    """The text lines of a status (no secret: there is none in a status)."""
    facts = status.to_dict()
    labels = (
        ("Status", "Status"),
        ("Profile", "Profile"),
        ("Session", "SSO session" if status.kind == "sso" else "Login session"),
        ("StartUrl", "Start URL"),
        ("AccountId", "Account"),
        ("TokenExpiration", "Token expires"),
        ("CredentialsExpiration", "Credentials expire"),
        ("Refreshable", "Refreshable"),
        ("Reason", "Reason"),
    )
    lines = []
    for key, label in labels:
        value = facts[key]
        if value is None:
            continue
        if isinstance(value, bool):
            value = "yes" if value else "no"
        lines.append(f"{label}: {value}")
    if status.exit_code == 2:
        lines.append(f"To sign in, run: {status.login_command}")
    return "\n".join(lines) + "\n"


def status_command(argv: Sequence[str], *, sso: bool) -> int:
    """Run ``sso status`` (``sso=True``) or ``login status``; return 0, 1 or 2 (errors raise)."""
    args = status_parser(sso=sso).parse_args(argv)
    from py_backend.config.context import ConfigContext
    from py_backend.flows.status import login_status, sso_status

    # Errors (a profile that cannot be read, an empty --profile) are the caller's:
    # :func:`py_backend.cli.login.run` prints them and exits 255, as for the other commands.
    context = ConfigContext.from_environ(profile=args.profile)
    status = sso_status(context, sso_session=args.sso_session) if sso else login_status(context)
    if args.output == "json":
        sys.stdout.write(json.dumps(status.to_dict(), indent=4) + "\n")
    else:
        sys.stdout.write(render_text(status))
    return status.exit_code

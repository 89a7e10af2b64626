"""The ``aws-token-bridge`` command line.

The first word picks a front end (:data:`COMMANDS`); each is imported only when used, so a
one-shot command loads no more than it needs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib import import_module

#: First word -> "module:function" taking the remaining arguments and returning an exit code.
COMMANDS: dict[str, str] = {
    "configure": "py_backend.cli.configure:configure",
    "demo": "py_backend.demo:main",
    "emulator": "py_backend.emulator.server:main",
    "login": "py_backend.cli.login:login",
    "logout": "py_backend.cli.logout:logout",
    "rpc": "py_backend.rpc.server:main",
    "signin": "py_backend.cli.driver:signin",
    "sso": "py_backend.cli.login:sso",
    "sso-oidc": "py_backend.cli.driver:sso_oidc",
}
#: A first word starting with "-" is a global option of the AWS-CLI-style commands
#: (``aws-token-bridge --output text sso-oidc ...``, ``--version``).
GLOBAL_OPTIONS_ENTRY = "py_backend.cli.driver:main"

USAGE = """usage: aws-token-bridge <command> [<args>]

commands:
  sso-oidc    SSO OIDC operations, as the AWS CLI runs them (aws-token-bridge sso-oidc help)
  signin      AWS Sign-In CreateOAuth2Token, as the AWS CLI runs it (aws-token-bridge signin help)
  sso         the IAM Identity Center portal: list-accounts, list-account-roles,
              get-role-credentials, logout (aws-token-bridge sso help)
  sso login   sign in to IAM Identity Center and cache the token (as aws sso login)
  login       sign in with AWS Sign-In and cache the session (as aws login)
  logout      remove cached aws login sessions (as aws logout [--all])
  configure export-credentials
              print a profile's credentials for other tools (as the AWS CLI v2's)
  demo        run every sign-in flow against a local emulator
  emulator    serve the local Sign-In, SSO OIDC and portal emulator
  rpc         serve the JSON-RPC backend of the PowerShell module on stdin/stdout
"""


def _entry(target: str) -> Callable[[list[str]], int]:
    module, _, function = target.partition(":")
    entry: Callable[[list[str]], int] = getattr(import_module(module), function)
    return entry


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command named by the first argument; return the process exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help", "help"):
        sys.stdout.write(USAGE)
        return 0 if args else 2
    if args[0].startswith("-"):
        return _entry(GLOBAL_OPTIONS_ENTRY)(args)
    target = COMMANDS.get(args[0])
    if target is None:
        sys.stderr.write(USAGE + f"\naws-token-bridge: error: unknown command {args[0]!r}\n")
        return 2
    return _entry(target)(args[1:])

"""``aws-token-bridge sso login`` and ``aws-token-bridge login``: the AWS CLI v2's sign-in commands.

``sso login`` signs in to IAM Identity Center for the profile's ``sso_session`` (authorization
code + PKCE with a loopback listener, or ``--use-device-code``) and caches the token in
``~/.aws/sso/cache``; ``login`` signs in with AWS Sign-In (authorization code + PKCE + DPoP,
same-device or ``--remote``) and caches the session in ``~/.aws/login/cache``. Both caches are
the AWS CLI's own, so the AWS CLI v2 and boto3 use what these commands write.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from typing import Any

from py_backend.cli.errors import EXIT_ERROR, EXIT_INTERRUPTED
from py_backend.errors import FileAccessError, TokenBridgeError
from py_backend.url_secrets import redact_userinfo


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", help="the profile to sign in for (default: AWS_PROFILE)")
    parser.add_argument("--endpoint-url", help="send the requests to this URL (an emulator)")
    parser.add_argument("--no-browser", action="store_true", help="print the URL; do not open it")
    parser.add_argument("--no-verify-ssl", action="store_true", help="do not verify TLS")
    parser.add_argument("--ca-bundle", help="CA bundle to verify TLS with")


def sso_parser() -> argparse.ArgumentParser:
    """The options of ``sso login`` (as ``aws sso login``)."""
    parser = argparse.ArgumentParser(prog="aws-token-bridge sso login")
    _common(parser)
    parser.add_argument("--sso-session", help="the [sso-session] to sign in to")
    parser.add_argument("--use-device-code", action="store_true", help="use the device code flow")
    return parser


def login_parser() -> argparse.ArgumentParser:
    """The options of ``login`` (as ``aws login``)."""
    parser = argparse.ArgumentParser(prog="aws-token-bridge login")
    _common(parser)
    parser.add_argument("--region", help="the Sign-In region (default: the profile's)")
    parser.add_argument(
        "--remote", action="store_true", help="sign in on another device and paste the code"
    )
    return parser


def _common_options(args: argparse.Namespace) -> dict[str, Any]:
    """The arguments both flows take from :func:`_common`'s options."""
    from py_backend.flows._clients import ClientFactory
    from py_backend.flows.interaction import Interaction

    verify = False if args.no_verify_ssl else args.ca_bundle
    return {
        "no_browser": args.no_browser,
        "clients": ClientFactory(endpoint_url=args.endpoint_url, verify=verify),
        "interaction": Interaction(on_progress=_progress_printer()),
        "profile": args.profile,
    }


def _progress_printer() -> Callable[[object], None]:
    from py_backend.flows.interaction import Progress, render_progress_line

    interactive = sys.stderr.isatty()

    def show(progress: object) -> None:
        assert isinstance(progress, Progress)
        line = render_progress_line(progress)
        sys.stderr.write(("\r" + line) if interactive else line + "\n")
        if interactive and progress.percent_complete == 100:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return show


def sso_login_command(argv: Sequence[str]) -> int:
    """Run ``sso login``; return the exit code."""
    args = sso_parser().parse_args(argv)
    from py_backend.config.context import ConfigContext
    from py_backend.flows.profiles import sso_settings
    from py_backend.flows.sso_login import sso_login

    settings = sso_settings(
        ConfigContext.from_environ(profile=args.profile), sso_session=args.sso_session
    )
    token = sso_login(
        settings.start_url,
        settings.region,
        session_name=settings.session_name,
        scopes=settings.scopes,
        use_device_code=args.use_device_code,
        **_common_options(args),
    )
    print(f"Successfully logged into Start URL: {token.start_url}")
    return 0


def login_command(argv: Sequence[str]) -> int:
    """Run ``login``; return the exit code."""
    args = login_parser().parse_args(argv)
    from py_backend.flows.signin_login import signin_login

    credentials = signin_login(
        region=args.region, remote=args.remote, update_profile=True, **_common_options(args)
    )
    profile = args.profile or "default"
    print(
        f"Updated profile {profile} to use {credentials.login_session} credentials.\n"
        "Successfully logged in."
    )
    return 0


def run(
    command: Callable[[Sequence[str]], int], argv: Sequence[str], *, error_exit: int = EXIT_ERROR
) -> int:
    """Run a command, turning errors into the AWS CLI's message and ``error_exit`` (255, or
    the configuration-error code 253 that ``configure export-credentials`` passes)."""
    try:
        return command(argv)
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except TokenBridgeError as error:
        sys.stderr.write(f"\n{redact_userinfo(str(error).rstrip())}\n")
        return error_exit
    except OSError as error:  # a file the flow needs: name it, never a traceback
        sys.stderr.write(f"\n{FileAccessError.from_os_error(error, error.filename, 'use')}\n")
        return error_exit


def sso(argv: list[str]) -> int:
    """``aws-token-bridge sso <command>``: ``login`` (the AWS CLI v2's ``aws sso login``), or
    an operation of the IAM Identity Center portal (the AWS CLI v1's ``aws sso ...``)."""
    if argv[:1] == ["login"]:
        if argv == ["login", "help"]:
            return _help(sso_parser())
        return run(sso_login_command, argv[1:])
    if argv[:1] == ["status"]:
        from py_backend.cli.status import status_command

        return run(functools.partial(status_command, sso=True), argv[1:])
    if argv[:1] == ["logout"]:
        from py_backend.cli.logout import is_raw_logout, sso_logout_command

        if not is_raw_logout(argv[1:]):
            return run(sso_logout_command, argv[1:])
    from py_backend.cli.driver import main

    return main(["sso", *argv])


def login(argv: list[str]) -> int:
    """``aws-token-bridge login``."""
    if argv == ["help"]:
        return _help(login_parser())
    if argv[:1] == ["status"]:
        from py_backend.cli.status import status_command

        return run(functools.partial(status_command, sso=False), argv[1:])
    return run(login_command, argv)


def _help(parser: argparse.ArgumentParser) -> int:
    # ``help`` after any command prints its help, as in the AWS CLI (README promises it).
    sys.stdout.write(parser.format_help())
    return 0

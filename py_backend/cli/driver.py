"""The AWS-CLI-compatible front end: ``aws-token-bridge [options] <service> <command> [options]``.

The steps and their order are the AWS CLI v1's (``clidriver.py``), so the same mistakes
fail the same way: global options, service, command, its options, the values of the options,
the profile, ``--cli-input-json``, ``--generate-cli-skeleton``, the client, validation, the
call, and the output.
"""

from __future__ import annotations

import argparse
import platform
import sys
from collections.abc import Sequence
from typing import Any

from py_backend._version import __version__
from py_backend.cli.commands import SERVICES
from py_backend.cli.errors import EXIT_INTERRUPTED, EXIT_OK, UnknownArgumentError, write_error
from py_backend.cli.global_options import GlobalOptions, resolve_global_options
from py_backend.cli.model import Operation, Service
from py_backend.cli.parser import main_parser, service_parser

#: First words this front end takes (``help`` lists them).
COMMANDS = (*sorted(SERVICES), "help")


def version_string() -> str:
    """``aws-token-bridge/0.1.0 Python/3.11.7 Linux/6.8.0``: what ``--version`` prints."""
    return (
        f"aws-token-bridge/{__version__} Python/{platform.python_version()} "
        f"{platform.system()}/{platform.release()}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status (0, 2 for usage errors, 255, 130)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _main(args)
    except KeyboardInterrupt:
        # The shell convention for a signal is 128 + its number; SIGINT is 2.
        sys.stdout.write("\n")
        return EXIT_INTERRUPTED
    except SystemExit as stop:  # argparse: --version, or a usage error (status 2)
        return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 1


def sso_oidc(argv: Sequence[str]) -> int:
    """``aws-token-bridge sso-oidc ...``."""
    return main(["sso-oidc", *argv])


def signin(argv: Sequence[str]) -> int:
    """``aws-token-bridge signin ...``."""
    return main(["signin", *argv])


def _main(args: list[str]) -> int:
    parsed, remaining = main_parser(COMMANDS, version_string()).parse_known_args(args)
    from py_backend.cli.debug import LOG, debug_logging

    with debug_logging(bool(parsed.debug)):
        try:
            options = resolve_global_options(parsed)
            if options.debug:
                from py_backend.cli.redact import redact_argv

                LOG.debug("CLI version: %s", version_string())
                LOG.debug("Arguments entered to CLI: %s", redact_argv(args))
            if options.command == "help":
                from py_backend.cli.help import provider_help

                sys.stdout.write(provider_help())
                return EXIT_OK
            return _run_service(SERVICES[options.command], remaining, options)
        except Exception as error:
            LOG.debug("Exception caught in main(): %s", type(error).__name__)
            LOG.debug("Exiting with rc 255")
            return write_error(error, sys.stderr)


def _run_service(service: Service, args: list[str], options: GlobalOptions) -> int:
    table = service.command_table()
    parsed, remaining = service_parser([*table, "help"]).parse_known_args(args)
    if parsed.operation == "help":
        from py_backend.cli.help import service_help

        sys.stdout.write(service_help(service))
        return EXIT_OK
    return _run_operation(table[parsed.operation], remaining, options)


def _run_operation(operation: Operation, args: list[str], options: GlobalOptions) -> int:
    from py_backend.cli.arguments import build_parameters, operation_parser

    parsed, remaining = operation_parser(operation, args).parse_known_args(args)
    if parsed.help == "help":
        from py_backend.cli.help import operation_help

        sys.stdout.write(operation_help(operation))
        return EXIT_OK
    if parsed.help:
        remaining.append(parsed.help)
    if remaining:
        # The AWS CLI echoes stray words as they are: a secret option this operation does not
        # take (--client-secret on register-client) would print its value.
        from py_backend.cli.redact import redact_stray

        raise UnknownArgumentError(redact_stray(args, remaining))
    return _execute(operation, parsed, build_parameters(operation, parsed), options)


def _execute(
    operation: Operation, parsed: argparse.Namespace, params: dict[str, Any], options: GlobalOptions
) -> int:
    from py_backend.cli.arguments import add_cli_input_json
    from py_backend.cli.paging import pagination_config, write_pages
    from py_backend.cli.settings import Profile
    from py_backend.cli.skeleton import generate_skeleton, input_skeleton_text

    # Checked as soon as the options are parsed, as the AWS CLI does.
    paging = pagination_config(operation, parsed, options.paginate)
    # A missing profile is an error even for a skeleton, as in the AWS CLI.
    profile = Profile.load(options.profile)
    if parsed.cli_input_json is not None:
        add_cli_input_json(params, parsed.cli_input_json)
    if parsed.generate_cli_skeleton == "input":
        # Nothing is sent: the client and its imports (httpx, pydantic) are not needed.
        sys.stdout.write(input_skeleton_text(operation.input))
        return EXIT_OK
    from py_backend.cli.invoke import call, check_parameters, create_client, paginate
    from py_backend.cli.output import write_output

    output = options.output or profile.output
    with create_client(operation, options, profile) as client:
        if parsed.generate_cli_skeleton == "output":
            check_parameters(operation, params)
            response = generate_skeleton(operation.output, use_member_names=True)
        elif paging is not None:
            # Pages are fetched while printed (text prints each as it comes), as in the AWS CLI.
            pages = paginate(client, operation, options, params, paging)
            write_pages(output, operation, pages, query=options.query, color=options.color)
            return EXIT_OK
        else:
            response = call(client, operation, options, params)
    write_output(output, operation.name, response, query=options.query, color=options.color)
    return EXIT_OK

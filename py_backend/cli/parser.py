"""argparse configured as the AWS CLI configures it, so usage errors read the same.

Three parsers run in turn, each on what the previous one left: the main parser (global
options, anywhere on the line, and the service), the service parser (the operation) and the
operation parser (its options). Usage errors exit with status 2, as in the AWS CLI v1.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

PROG = "aws-token-bridge"
USAGE = (
    f"{PROG} [options] <command> <subcommand> [<subcommand> ...] [parameters]\n"
    "To see help text, you can run:\n"
    "\n"
    f"  {PROG} help\n"
    f"  {PROG} <command> help\n"
    f"  {PROG} <command> <subcommand> help\n"
)


class CLIArgParser(argparse.ArgumentParser):
    """An ArgumentParser with the AWS CLI's usage text and invalid-choice message."""

    #: How many choices the invalid-choice message lists per line.
    choices_per_line = 2

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            prog=PROG,
            usage=USAGE,
            add_help=False,
            conflict_handler="resolve",
            formatter_class=argparse.RawTextHelpFormatter,
            **kwargs,
        )

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        # The AWS CLI overrides this private hook too: it is the only way to change the text.
        choices = list(action.choices) if action.choices is not None else None
        if choices is None or value in choices:
            return
        lines = ["Invalid choice, valid choices are:\n"]
        for start in range(0, len(choices), self.choices_per_line):
            row = choices[start : start + self.choices_per_line]
            lines.append(" | ".join(f"{choice:<40}" for choice in row))
        possible = get_close_matches(value, choices, cutoff=0.8)
        if possible:
            lines.append(f"\n\nInvalid choice: {value!r}, maybe you meant:\n")
            lines.extend(f"  * {word}" for word in possible)
        raise argparse.ArgumentError(action, "\n".join(lines))


def main_parser(commands: Sequence[str], version: str) -> CLIArgParser:
    """The global options, ``--version`` and the command (the service) to run."""
    parser = CLIArgParser()
    add = parser.add_argument
    add("--debug", action="store_true")
    add("--endpoint-url")
    add("--no-verify-ssl", action="store_false", dest="verify_ssl")
    add("--no-paginate", action="store_false", dest="paginate")
    add("--output", choices=["json", "text", "table"])
    add("--query")
    add("--profile")
    add("--region")
    add("--color", choices=["on", "off", "auto"], default="auto")
    add("--no-sign-request", action="store_false", dest="sign_request")
    add("--ca-bundle", dest="ca_bundle")
    add("--cli-read-timeout", dest="read_timeout")
    add("--cli-connect-timeout", dest="connect_timeout")
    add("--version", action="version", version=version)
    add("command", choices=list(commands))
    return parser


def service_parser(operations: Sequence[str]) -> CLIArgParser:
    """The operation of a service command."""
    parser = CLIArgParser()
    parser.add_argument("operation", choices=list(operations))
    return parser


class OperationParser(CLIArgParser):
    """An operation's options; ``help`` alone is never a usage error."""

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse ``args``; ``["help"]`` asks for help whatever is required."""
        if args is not None and list(args) == ["help"]:
            return argparse.Namespace(help="help"), []
        return super().parse_known_args(args, namespace)

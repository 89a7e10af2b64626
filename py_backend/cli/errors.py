"""What the command line prints for each failure, and its exit status (the AWS CLI v1's).

Status 255 for everything that fails after the command line was understood (service errors,
invalid parameters, configuration), 2 for usage errors (argparse), 130 for Ctrl+C. The
message goes to stderr after an empty line, as the AWS CLI writes it; the missing region and
credentials messages have no empty line before them, as in the AWS CLI.
"""

from __future__ import annotations

from typing import TextIO

from py_backend.cli.parser import USAGE
from py_backend.errors import (
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    TokenBridgeError,
    problem_lines,
    validation_message,
)
from py_backend.url_secrets import redact_userinfo

EXIT_OK = 0
EXIT_ERROR = 255
EXIT_INTERRUPTED = 130


class CLIError(TokenBridgeError):
    """A failure with a message ready to print (the AWS CLI prints ``str(error)``)."""


class ParamError(CLIError):
    """An option value that cannot be read: ``Error parsing parameter '--x': ...``."""

    def __init__(self, cli_name: str, message: str) -> None:
        self.cli_name = cli_name
        super().__init__(f"Error parsing parameter '{cli_name}': {message}")


class UnknownArgumentError(CLIError):
    """Words on the command line that no parser took."""

    def __init__(self, remaining: list[str]) -> None:
        super().__init__("Unknown options: " + ", ".join(remaining))


def write_error(error: BaseException, stderr: TextIO) -> int:
    """Print ``error`` as the AWS CLI does and return the exit status."""
    if isinstance(error, UnknownArgumentError):
        stderr.write(f"usage: {USAGE}\n{error}\n")
    elif isinstance(error, NoRegionError):
        stderr.write(f'{error} You can also configure your region by running "aws configure".\n')
    elif isinstance(error, NoCredentialsError):
        stderr.write(f'{error}. You can configure credentials by running "aws configure".\n')
    else:
        stderr.write(f"\n{redact_userinfo(message_of(error))}\n")
    return EXIT_ERROR


def message_of(error: BaseException) -> str:
    """The text of ``error`` as botocore would word it."""
    if isinstance(error, ParamValidationError):
        return validation_message(problem_lines(error.problems), heading=True)
    if isinstance(error, ConnectTimeoutError):
        return f'Connect timeout on endpoint URL: "{error.endpoint_url}"'
    if isinstance(error, EndpointConnectionError):
        # The core adds the socket-level reason; botocore's messages stop at the URL.
        if error.not_sent:
            return f'Could not connect to the endpoint URL: "{error.endpoint_url}"'
        return (
            "Connection was closed before we received a valid response from endpoint URL: "
            f'"{error.endpoint_url}".'
        )
    return str(error)

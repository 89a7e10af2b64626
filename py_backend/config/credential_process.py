"""Credentials from a profile's ``credential_process``: botocore's ``ProcessProvider``.

The command runs without a shell; it prints a JSON object on stdout::

    {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...",
     "SessionToken": "...", "Expiration": "2030-01-01T00:00:00Z"}

See "Sourcing credentials with an external process" in the AWS SDKs and Tools reference guide.
Error messages say what was wrong with the output but never quote it: it holds secrets.
"""

from __future__ import annotations

import json
import shlex
import subprocess
import sys
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from typing import Any, TypeAlias

from py_backend.auth.credentials import Credentials
from py_backend.clock import Clock, utc_now
from py_backend.errors import CredentialProcessError

#: Runs a command (an argument list, or on Windows a command line) and captures its output.
ProcessRunner: TypeAlias = Callable[[str | list[str]], subprocess.CompletedProcess[bytes]]

SOURCE = "custom-process"
#: How much of the process's stderr an error message quotes.
STDERR_LIMIT = 500


def run_process(command: str | list[str]) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` without a shell and capture stdout and stderr.

    stdin stays the caller's, so a process that prompts (for an MFA code, say) on the terminal
    still can.
    """
    return subprocess.run(command, capture_output=True, check=False)


def split_command(command: str, platform: str = sys.platform) -> str | list[str]:
    """Split ``command`` as botocore's ``compat_shell_split`` does.

    POSIX shell rules elsewhere; on Windows the command line is passed on whole, because there
    the started program's C runtime splits it (which is what botocore's splitter imitates).
    """
    return command if platform == "win32" else shlex.split(command)


def credentials_from_process(
    command: str,
    profile: str,
    *,
    runner: ProcessRunner = run_process,
    clock: Clock = utc_now,
) -> Credentials:
    """Run ``credential_process`` for ``profile`` and return the credentials it prints."""
    try:
        completed = runner(split_command(command))
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise _error(profile, f"the process could not be started ({reason})") from None
    if completed.returncode != 0:
        raise _error(profile, _exit_message(completed.returncode, completed.stderr))
    return parse_process_output(completed.stdout, profile, clock=clock)


def parse_process_output(stdout: bytes, profile: str, *, clock: Clock = utc_now) -> Credentials:
    """Credentials from the JSON a credential process printed (format version 1)."""
    try:
        parsed: Any = json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise _error(profile, "the process did not print JSON") from None
    if not isinstance(parsed, dict):
        raise _error(profile, "the process did not print a JSON object")
    if parsed.get("Version") != 1:
        raise _error(profile, "Unsupported version for credential process, supported versions: 1")
    expiry = _check_expiration(parsed.get("Expiration"), profile, clock)
    return Credentials.from_strings(
        _required(parsed, "AccessKeyId", profile),
        _required(parsed, "SecretAccessKey", profile),
        _optional(parsed, "SessionToken", profile),
        source=SOURCE,
        expiry=expiry,
    )


def _required(parsed: Mapping[str, Any], key: str, profile: str) -> str:
    if key not in parsed:
        raise _error(profile, f"Missing required key in response: '{key}'")
    value = _optional(parsed, key, profile)
    if not value:
        raise _error(profile, f"'{key}' is empty")
    return value


def _optional(parsed: Mapping[str, Any], key: str, profile: str) -> str | None:
    value = parsed.get(key)
    if value is not None and not isinstance(value, str):
        raise _error(profile, f"'{key}' is not a string")
    return value


def _check_expiration(value: object, profile: str, clock: Clock) -> datetime | None:
    """The expiry; refuse expired credentials, as botocore does after its one refresh attempt."""
    if value is None:
        return None
    expires = parse_timestamp(value) if isinstance(value, str) else None
    if expires is None:
        raise _error(profile, "'Expiration' is not an ISO 8601 timestamp")
    if expires <= clock():
        raise _error(profile, "the process returned credentials that have already expired")
    return expires


def parse_timestamp(text: str) -> datetime | None:
    """An ISO 8601 timestamp as an aware datetime (UTC when it has no offset); ``None`` if bad."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00").replace("z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def _exit_message(returncode: int, stderr: bytes | None) -> str:
    detail = (stderr or b"").decode("utf-8", errors="replace").strip()
    if len(detail) > STDERR_LIMIT:
        detail = detail[:STDERR_LIMIT] + "..."
    message = f"the process exited with code {returncode}"
    return f"{message}: {detail}" if detail else message


def _error(profile: str, detail: str) -> CredentialProcessError:
    return CredentialProcessError(
        f"Error when retrieving credentials from {SOURCE} (profile {profile}): {detail}"
    )

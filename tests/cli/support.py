"""Running the AWS CLI v1 and ``aws-token-bridge`` as subprocesses with the same environment."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

REPO = Path(__file__).resolve().parents[2]
AWS = Path(sys.executable).with_name("aws")
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#: The AWS CLI v1 advertises v2 in every usage message; this tool does not.
_V2_NOTE = re.compile(r"usage: \r[^\n]*\n\nusage: ")

K = TypeVar("K")


@dataclass(frozen=True)
class Run:
    """What a command printed and its exit status."""

    stdout: str
    stderr: str
    code: int


def make_environ(home: Path, **extra: str) -> dict[str, str]:
    """The environment both command lines get: fixed keys, region, files, no pager."""
    config = home / "config"
    credentials = home / "credentials"
    if not config.exists():
        config.write_text("[default]\ncli_follow_urlparam = false\n")
        credentials.write_text("")
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "AWS_ACCESS_KEY_ID": ACCESS_KEY,
        "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
        "AWS_DEFAULT_REGION": "us-east-1",
        "AWS_CONFIG_FILE": str(config),
        "AWS_SHARED_CREDENTIALS_FILE": str(credentials),
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_PAGER": "",
    }
    environ.update(extra)
    return environ


def aws_command(args: Sequence[str]) -> list[str]:
    """The AWS CLI v1 of the test environment."""
    return [str(AWS), *args]


def our_command(args: Sequence[str]) -> list[str]:
    """This project's command line."""
    return [sys.executable, "-m", "py_backend", *args]


def run(command: Sequence[str], environ: Mapping[str, str], timeout: float = 60) -> Run:
    """Run ``command`` to completion."""
    done = subprocess.run(
        list(command),
        env=dict(environ),
        cwd=REPO,
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    return Run(done.stdout.decode(), done.stderr.decode(), done.returncode)


def run_all(jobs: Iterable[tuple[Sequence[str], Mapping[str, str]]], workers: int = 4) -> list[Run]:
    """Run many commands, a few at a time (each is one CPU-bound Python start-up)."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda job: run(*job), jobs))


def run_pairs(
    cases: Mapping[K, tuple[Sequence[str], Mapping[str, str]]],
) -> dict[K, tuple[Run, Run]]:
    """Run each case's arguments with the AWS CLI and with this tool: ``{key: (aws, ours)}``."""
    jobs = [
        job
        for args, environ in cases.values()
        for job in ((aws_command(args), environ), (our_command(args), environ))
    ]
    runs = run_all(jobs)
    return {key: (runs[2 * i], runs[2 * i + 1]) for i, key in enumerate(cases)}


def as_aws(text: str) -> str:
    """This tool's usage text as the AWS CLI words it, minus the AWS CLI's v2 advert."""
    return text.replace("aws-token-bridge", "aws")


def without_v2_note(text: str) -> str:
    """The AWS CLI's stderr without its "AWS CLI version 2" note."""
    return _V2_NOTE.sub("usage: ", text)

"""Asking the AWS CLI v1's own code (in a subprocess) what it makes of many inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

_SCRIPT = Path(__file__).with_name("awscli_oracle.py")


def ask_awscli(kind: str, inputs: list[Any]) -> list[dict[str, Any]]:
    """``[{"out": ..., "error": <exception type or None>}]``, one per input."""
    done = subprocess.run(
        [sys.executable, str(_SCRIPT)],
        input=json.dumps({"kind": kind, "inputs": inputs}).encode(),
        capture_output=True,
        check=True,
        timeout=120,
    )
    answers: list[dict[str, Any]] = json.loads(done.stdout)
    return answers

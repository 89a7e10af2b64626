"""Helpers for the cmdlet tests: log recording, seed parsing, emulator flows."""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from py_backend.cmdlets import InvocationHooks, ShellContext, invoke_cmdlet
from py_backend.transport import use_http_transport

BASE_URL = "http://127.0.0.1:8123"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
START_URL = "https://d-1234567890.awsapps.com/start"
#: No real profile, credentials or instance metadata.
CLEAN = {
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/nonexistent/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
}
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@dataclass
class Recorder:
    """Collects every log call of an invocation; :meth:`invoke` sends through ``transport``."""

    transport: httpx.BaseTransport | None = None
    logs: list[tuple[str, str]] = field(default_factory=list)
    progress: list[Mapping[str, Any]] = field(default_factory=list)
    cancelled: threading.Event = field(default_factory=threading.Event)

    @property
    def hooks(self) -> InvocationHooks:
        """Hooks that record into this recorder."""
        return InvocationHooks(
            log=lambda level, message: self.logs.append((level, message)),
            progress=self.progress.append,
            cancelled=self.cancelled,
        )

    def invoke(self, name: str, given: Mapping[str, Any], shell: ShellContext) -> Any:
        """Run cmdlet ``name`` with these hooks, its HTTP layer being ``transport`` (if any)."""
        with use_http_transport(self.transport):
            return invoke_cmdlet(name, given, shell, self.hooks)

    def messages(self, level: str) -> list[str]:
        """The messages logged at ``level``."""
        return [message for logged, message in self.logs if logged == level]


def write(path: Path, text: str) -> Path:
    """Write ``text`` (dedented by the caller) to ``path``."""
    path.write_text(text, encoding="utf-8")
    return path


# --- seeds ----------------------------------------------------------------------------------


@dataclass
class SeedParameter:
    """One parameter as a reference page shows it."""

    name: str
    type: str
    help: str
    required: bool
    position: int | None
    by_value: bool
    by_property_name: bool
    aliases: tuple[str, ...] = ()


@dataclass
class SeedCmdlet:
    """A reference page: the cmdlet's name, texts and parameters."""

    name: str
    synopsis: str
    description: str
    outputs: str
    parameters: dict[str, SeedParameter]


_SECTIONS = (
    "Synopsis",
    "Syntax",
    "Description",
    "Parameters",
    "Common Credential and Region Parameters",
    "Outputs",
    "Supported Version",
)
_HEADER = re.compile(r"^-(\w+) <([^>]+)>$")


def seed_file(prefix: str) -> Path | None:
    """The seed file ``<prefix>_*.txt``, or ``None`` when the seeds are not on this machine."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    return found[0] if found else None


def parse_seed(text: str) -> SeedCmdlet:
    """Read a reference page's text (as the seeds store it)."""
    sections = _sections(text)
    syntax = [line.strip() for line in sections["Syntax"] if line.strip()]
    syntax_types = {m.group(1): m.group(2) for m in map(_HEADER.match, syntax[1:]) if m}
    blocks = _blocks(sections["Parameters"]) + _blocks(
        sections["Common Credential and Region Parameters"]
    )
    _name_headerless(blocks, syntax_types)
    return SeedCmdlet(
        name=syntax[0],
        synopsis=" ".join(sections["Synopsis"]).strip(),
        description="\n".join(sections["Description"]).strip(),
        outputs=" ".join(sections["Outputs"]).strip(),
        parameters={b.name: b for b in blocks},
    )


def _sections(text: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {name: [] for name in _SECTIONS}
    current: str | None = None
    for line in text.splitlines():
        if line.strip() in _SECTIONS:
            current = line.strip()
        elif current is not None:
            sections[current].append(line)
    return sections


def _blocks(lines: list[str]) -> list[SeedParameter]:
    """Parameter blocks: ``-Name <Type>``, help, Required?, Position?, Accept pipeline input?,
    then an optional Aliases line. A block may lack its header line (the seeds' -Force)."""
    blocks: list[SeedParameter] = []
    help_lines: list[str] = []
    fields: dict[str, str] = {}
    name, type_name = "", ""
    for raw in lines:
        line = raw.strip()
        header = _HEADER.match(line)
        if header:
            name, type_name, help_lines, fields = header.group(1), header.group(2), [], {}
        elif line.startswith("Aliases") and blocks and not help_lines and not fields:
            blocks[-1].aliases = tuple(a.strip() for a in line[len("Aliases") :].split(","))
        elif line.startswith(("Required?", "Position?", "Accept pipeline input?")):
            key, _, value = line.partition("?")
            fields[key] = value.strip()
            if key == "Accept pipeline input":
                blocks.append(_block(name, type_name, help_lines, fields))
                name, type_name, help_lines, fields = "", "", [], {}
        elif line:
            help_lines.append(line)
    return blocks


def _block(
    name: str, type_name: str, help_lines: list[str], fields: dict[str, str]
) -> SeedParameter:
    pipeline = fields["Accept pipeline input"]
    position = fields["Position"]
    return SeedParameter(
        name=name,
        type=type_name,
        help=" ".join(help_lines),
        required=fields["Required"] == "True",
        position=None if position == "Named" else int(position) - 1,
        by_value="ByValue" in pipeline,
        by_property_name="ByPropertyName" in pipeline,
    )


def _name_headerless(blocks: list[SeedParameter], syntax: dict[str, str]) -> None:
    """Give a block without a header the one syntax parameter no block names."""
    unnamed = [b for b in blocks if not b.name]
    missing = [name for name in syntax if name not in {b.name for b in blocks}]
    assert len(unnamed) == len(missing) <= 1, (unnamed, missing)
    for block, name in zip(unnamed, missing, strict=True):
        block.name, block.type = name, syntax[name]


def squash(text: str) -> str:
    """``text`` without any whitespace: the pages run paragraphs together, the specs do not."""
    return re.sub(r"\s+", "", text)

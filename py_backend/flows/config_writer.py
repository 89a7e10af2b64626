"""Setting values in one section of the shared config file, leaving the rest of it alone.

This is the part of the AWS CLI's ``ConfigFileWriter`` that ``aws login`` and
``aws configure sso`` use: find ``[profile NAME]`` (or ``[default]``, ``[sso-session
NAME]``), replace the lines of the settings being set, add the missing ones at the end of
the section, or add the section at the end of the file. Comments, blank lines, other
sections and the order of everything else stay as they were.

Lines are what configparser (and so botocore and the AWS CLI) sees as lines: ``\n``,
``\r\n`` or ``\r``. Values, keys and section names may hold no line break of any kind
(``str.splitlines``'s too), so nothing written can be read back as another line.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping
from pathlib import Path

from py_backend.errors import ParamValidationError
from py_backend.flows.files import PRIVATE_FILE_MODE, locked_target, replace_private_file

__all__ = ["profile_section", "set_section_values", "sso_session_section", "update_config_section"]

_HEADER = re.compile(r"^\s*\[(?P<name>[^\]]*)\]")
_SETTING = re.compile(r"^(?P<key>[^\s=:#;\[][^=:]*?)\s*[=:]")
#: A line as configparser reads a file (universal newlines), with its terminator.
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
#: Everything ``str.splitlines`` breaks at: none of it may be in what is written.
_LINE_BREAKS = frozenset("\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def profile_section(profile: str) -> str:
    """The config file section of a profile: ``default`` or ``profile NAME``."""
    return "default" if profile == "default" else f"profile {profile}"


def sso_session_section(name: str) -> str:
    """The config file section of an ``sso-session``."""
    return f"sso-session {name}"


def update_config_section(path: Path, section: str, values: Mapping[str, str]) -> None:
    """Set ``values`` in ``[section]`` of the config file at ``path`` (created if missing),
    as :mod:`.files` writes: the file keeps its mode (a new one gets 0600)."""
    _check(section, values)
    with locked_target(path) as target:
        try:
            text = target.read_bytes().decode("utf-8-sig")
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            text, mode = "", PRIVATE_FILE_MODE
        updated = set_section_values(text, section, values).encode("utf-8")
        replace_private_file(target, updated, mode=mode)


def set_section_values(text: str, section: str, values: Mapping[str, str]) -> str:
    """``text`` (an INI file) with ``values`` set in ``[section]``; a pure function."""
    _check(section, values)
    lines = _LINE.findall(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    start = _find_section(lines, section)
    if start is None:
        if lines and lines[-1].strip():
            lines.append("\n")
        lines.append(f"[{section}]\n")
        lines.extend(f"{key} = {value}\n" for key, value in values.items())
        return "".join(lines)
    end = _section_end(lines, start)
    body = lines[start + 1 : end]
    for key, value in values.items():
        body = _set_value(body, key, value)
    return "".join(lines[: start + 1] + body + lines[end:])


def _check(section: str, values: Mapping[str, str]) -> None:
    # A line break would let a value start a new setting or section of its own.
    checked = [("section", section), *((key, key) for key in values), *values.items()]
    problems = [
        (name, "must not contain a line break")
        for name, text in checked
        if not _LINE_BREAKS.isdisjoint(text)
    ]
    if problems:
        raise ParamValidationError(problems)


def _normalize(name: str) -> str:
    # botocore reads [profile "my name"] as the profile "my name": compare shell words.
    try:
        return " ".join(shlex.split(name))
    except ValueError:
        return " ".join(name.split())


def _find_section(lines: list[str], section: str) -> int | None:
    wanted = _normalize(section)
    for index, line in enumerate(lines):
        header = _HEADER.match(line)
        if header and _normalize(header.group("name")) == wanted:
            return index
    return None


def _section_end(lines: list[str], start: int) -> int:
    for index in range(start + 1, len(lines)):
        if _HEADER.match(lines[index]):
            return index
    return len(lines)


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith(("#", ";"))


def _set_value(body: list[str], key: str, value: str) -> list[str]:
    new_line = f"{key} = {value}\n"
    for index, line in enumerate(body):
        setting = _SETTING.match(line)
        if setting and setting.group("key").strip().lower() == key.lower():
            after = index + 1
            while after < len(body) and body[after][:1].isspace() and body[after].strip():
                after += 1  # the indented lines of a nested value belong to the old setting
            return [*body[:index], new_line, *body[after:]]
    # After the last setting: trailing comments usually introduce the next section.
    last = max((i for i, line in enumerate(body) if _is_content(line)), default=-1)
    return [*body[: last + 1], new_line, *body[last + 1 :]]

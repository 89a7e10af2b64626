"""The shared ``config`` and ``credentials`` files, read the way botocore's configloader reads them.

Both are INI files parsed by :class:`configparser.RawConfigParser` with its defaults, as botocore
does: section names keep their case, setting names are lowercased, whole-line ``#``/``;``
comments are skipped, and a ``#`` after a value is part of the value (botocore strips no
inline comments). A setting whose value starts on the next, indented lines is a nested block::

    [services local]
    sso_oidc =
      endpoint_url = http://127.0.0.1:8080

In the config file ``[default]`` and ``[profile NAME]`` are profiles, and ``[sso-session NAME]``
and ``[services NAME]`` are named sections; in the credentials file every ``[NAME]`` is a
profile. A missing file reads as empty. One difference from botocore: files are decoded as
UTF-8 (a byte-order mark is allowed) rather than in the locale's encoding.
"""

from __future__ import annotations

import configparser
import re
import shlex
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeAlias

from py_backend.config.context import ConfigContext
from py_backend.errors import ConfigurationError, ProfileNotFound

#: A setting's value: a string, or the ``key = value`` pairs of a nested block.
ConfigValue: TypeAlias = str | dict[str, str]
#: The settings of one section, by lowercased name.
Section: TypeAlias = dict[str, ConfigValue]

_HEADER = re.compile(r"\[(?P<header>.+)\]")  # configparser.RawConfigParser.SECTCRE
_NAMED_SECTIONS = ("profile", "sso-session", "services")


@dataclass(frozen=True)
class SharedFiles:
    """The parsed contents of the config and credentials files (out of the repr: they hold keys,
    and URLs that may carry a password)."""

    #: Config file profiles: ``[default]`` and ``[profile NAME]``, by name.
    profiles: Mapping[str, Section] = field(repr=False)
    #: Config file ``[sso-session NAME]`` sections, by name.
    sso_sessions: Mapping[str, Section] = field(repr=False)
    #: Config file ``[services NAME]`` sections, by name.
    services: Mapping[str, Section] = field(repr=False)
    #: Credentials file sections, by their plain ``[NAME]``.
    credentials: Mapping[str, Section] = field(repr=False)

    def profile(self, name: str) -> Section | None:
        """A profile's settings from both files, the credentials file winning a clash.

        This is botocore's ``Session.full_config`` profile; ``None`` when neither file has it.
        """
        if name not in self.profiles and name not in self.credentials:
            return None
        return {**self.profiles.get(name, {}), **self.credentials.get(name, {})}


def load_shared_files(context: ConfigContext) -> SharedFiles:
    """Read and parse both shared files named by ``context``."""
    named = _split_sections(parse_ini_file(context.config_path))
    return SharedFiles(
        profiles=named["profile"],
        sso_sessions=named["sso-session"],
        services=named["services"],
        credentials=parse_ini_file(context.credentials_path),
    )


def selected_profile(files: SharedFiles, context: ConfigContext) -> Section:
    """The settings of the profile ``context`` selects.

    A profile that was asked for (explicitly or by ``AWS_PROFILE``) must exist; ``default`` is
    optional when nobody asked, as in botocore's ``Session.get_scoped_config``.
    """
    name = context.profile_name
    found = files.profile(name or "default")
    if found is None and name is not None:
        raise ProfileNotFound(name)
    return found or {}


def get_profile(context: ConfigContext, name: str | None = None) -> dict[str, str]:
    """The string settings of profile ``name`` (by default the selected one).

    Nested blocks are left out. Raises :class:`ProfileNotFound` when the profile is missing.
    """
    files = load_shared_files(context)
    if name is None:
        return scalar_settings(selected_profile(files, context))
    found = files.profile(name)
    if found is None:
        raise ProfileNotFound(name)
    return scalar_settings(found)


def get_sso_session(context: ConfigContext, name: str) -> dict[str, str]:
    """The string settings of ``[sso-session NAME]``, with botocore's error when it is missing."""
    found = load_shared_files(context).sso_sessions.get(name)
    if found is None:
        raise ConfigurationError(f'The specified sso-session does not exist: "{name}"')
    return scalar_settings(found)


def scalar_settings(section: Mapping[str, ConfigValue]) -> dict[str, str]:
    """The settings of ``section`` that are plain strings."""
    return {key: value for key, value in section.items() if isinstance(value, str)}


def parse_ini_file(path: Path | None) -> dict[str, Section]:
    """Every section of an INI file, by name: botocore's ``configloader.raw_config_parse``.

    A path that is not a readable file gives ``{}``. A malformed file raises
    :class:`ConfigurationError` naming the file and the line, never quoting the line, which may
    hold a secret.
    """
    text = _read_text(path)
    if path is None or text is None:
        return {}
    parser = configparser.RawConfigParser()
    try:
        parser.read_string(text, source=str(path))
    except configparser.Error as error:
        raise _parse_error(path, _error_line(error), _describe(error)) from None
    return {name: _section(parser, name, path, text) for name in parser.sections()}


def _read_text(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        data = path.read_bytes() if path.is_file() else None
    except OSError:
        # configparser.read, which botocore uses, skips a file it cannot open.
        return None
    if data is None:
        return None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _parse_error(path, line, "the file is not UTF-8 text") from None


def _section(parser: configparser.RawConfigParser, name: str, path: Path, text: str) -> Section:
    section: Section = {}
    for option in parser.options(name):
        value = parser.get(name, option)
        if not value.startswith("\n"):
            section[option] = value
            continue
        nested = _parse_nested(value)
        if nested is None:
            line = _bad_nested_line(text, name, option)
            raise _parse_error(
                path, line, f"the block of '{option}' in [{name}] needs 'key = value'"
            )
        section[option] = nested
    return section


def _parse_nested(value: str) -> dict[str, str] | None:
    """botocore's ``configloader._parse_nested``; ``None`` where botocore raises ``ValueError``."""
    parsed: dict[str, str] = {}
    for line in filter(None, (raw.strip() for raw in value.splitlines())):
        key, equals, rest = line.partition("=")
        if not equals:
            return None
        parsed[key.strip()] = rest.strip()
    return parsed


def _bad_nested_line(text: str, section: str, option: str) -> int | None:
    """The line number of the first line without ``=`` inside ``option``'s nested block."""
    in_section = in_option = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", ";")):
            continue
        if line[0].isspace():
            if in_section and in_option and "=" not in stripped:
                return number
            continue
        header = _HEADER.match(stripped)
        if header:
            in_section, in_option = header.group("header") == section, False
        elif in_section:
            in_option = re.split("[=:]", stripped, maxsplit=1)[0].strip().lower() == option
    return None


def _split_sections(parsed: dict[str, Section]) -> dict[str, dict[str, Section]]:
    """botocore's ``configloader.build_profile_map``: profiles and the other named sections."""
    named: dict[str, dict[str, Section]] = {kind: {} for kind in _NAMED_SECTIONS}
    for key, values in parsed.items():
        kind = next((k for k in _NAMED_SECTIONS if key.startswith(k)), None)
        if kind is not None:
            name = _section_name(key)
            if name is not None:
                named[kind][name] = values
        elif key == "default":
            named["profile"][key] = values
    return named


def _section_name(header: str) -> str | None:
    """``profile "my name"`` -> ``my name``: the second of exactly two shell-like words."""
    try:
        parts = shlex.split(header)
    except ValueError:
        return None
    return parts[1] if len(parts) == 2 else None


def _error_line(error: configparser.Error) -> int | None:
    # MissingSectionHeaderError is a ParsingError without ``errors`` (before Python 3.12).
    errors = getattr(error, "errors", None)
    if errors:
        return int(errors[0][0])
    line = getattr(error, "lineno", None)
    return line if isinstance(line, int) else None


def _describe(error: configparser.Error) -> str:
    if isinstance(error, configparser.MissingSectionHeaderError):
        return "a setting comes before the first [section] header"
    if isinstance(error, configparser.DuplicateSectionError):
        return f"section [{error.section}] appears more than once"
    if isinstance(error, configparser.DuplicateOptionError):
        return f"'{error.option}' appears more than once in [{error.section}]"
    if isinstance(error, configparser.ParsingError):
        return "expected 'name = value', a [section] header or a comment"
    return type(error).__name__


def _parse_error(path: Path, line: int | None, reason: str) -> ConfigurationError:
    where = f"{path}, line {line}" if line is not None else str(path)
    return ConfigurationError(f"Unable to parse config file: {where}: {reason}")

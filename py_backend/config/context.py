"""Where configuration comes from: the environment, the two shared files and the profile.

Every resolver in :mod:`py_backend.config` reads the environment through a
:class:`ConfigContext` and never through ``os.environ``, so tests (and the PowerShell front
end, which passes its own ``-ProfileName``/``-ProfileLocation``) can inject all of it.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from py_backend.errors import ParamValidationError

#: botocore's defaults (``configprovider.BOTOCORE_DEFAUT_SESSION_VARIABLES``).
DEFAULT_CONFIG_FILE = "~/.aws/config"
DEFAULT_CREDENTIALS_FILE = "~/.aws/credentials"
#: botocore looks the profile up in these variables, in this order.
PROFILE_VARIABLES = ("AWS_DEFAULT_PROFILE", "AWS_PROFILE")

_POSIX_VARIABLE = re.compile(r"\$(\w+|\{[^}]*\})")
_WINDOWS_VARIABLE = re.compile(r"%([^%]+)%")


@dataclass(frozen=True)
class ConfigContext:
    """The inputs of configuration resolution, fixed once.

    ``config_path`` or ``credentials_path`` is ``None`` when that file is not to be read at
    all (the PowerShell ``-ProfileLocation`` names one credentials file and nothing else).
    ``profile`` is the profile the caller named explicitly; like botocore's
    ``Session(profile=...)``, naming one turns off the environment-variable credentials.
    """

    #: Left out of the repr: the environment may hold secret keys and tokens.
    environ: Mapping[str, str] = field(repr=False)
    config_path: Path | None
    credentials_path: Path | None
    profile: str | None = None

    @classmethod
    def from_environ(
        cls,
        environ: Mapping[str, str] | None = None,
        *,
        profile: str | None = None,
        config_file: str | os.PathLike[str] | None = None,
        credentials_file: str | os.PathLike[str] | None = None,
    ) -> ConfigContext:
        """Build a context, reading ``os.environ`` once when no ``environ`` is given.

        Paths not given come from ``AWS_CONFIG_FILE`` / ``AWS_SHARED_CREDENTIALS_FILE``, then
        ``~/.aws/config`` / ``~/.aws/credentials``; ``~`` and ``$VAR`` are expanded against
        ``environ``, as botocore's ``raw_config_parse`` expands them against the process's.
        """
        if profile == "":
            raise ParamValidationError.single("profile_name", "must not be empty")
        env = MappingProxyType(dict(os.environ if environ is None else environ))
        config = config_file or env.get("AWS_CONFIG_FILE") or DEFAULT_CONFIG_FILE
        creds = credentials_file or env.get("AWS_SHARED_CREDENTIALS_FILE")
        return cls(
            environ=env,
            config_path=expand_path(os.fspath(config), env),
            credentials_path=expand_path(os.fspath(creds or DEFAULT_CREDENTIALS_FILE), env),
            profile=profile,
        )

    @property
    def profile_name(self) -> str | None:
        """The profile asked for: the explicit one, else ``AWS_DEFAULT_PROFILE``/``AWS_PROFILE``.

        ``None`` means nobody asked for a profile; ``default`` is then used if it exists.
        """
        if self.profile is not None:
            return self.profile
        # An empty variable is treated as unset (PowerShell cannot even set one).
        return next((self.environ[v] for v in PROFILE_VARIABLES if self.environ.get(v)), None)

    @property
    def active_profile(self) -> str:
        """The profile whose settings apply: :attr:`profile_name`, or ``default``."""
        return self.profile_name or "default"


def expand_path(path: str, environ: Mapping[str, str]) -> Path:
    """Expand ``$VAR``, ``${VAR}`` (and ``%VAR%`` on Windows) and a leading ``~`` in ``path``.

    Like :func:`os.path.expandvars` and :func:`os.path.expanduser`, but against ``environ``;
    unknown variables are left as they are.
    """

    def lookup(match: re.Match[str]) -> str:
        name = match.group(1).strip("{}")
        return environ.get(name, match.group(0))

    expanded = _POSIX_VARIABLE.sub(lookup, path)
    if os.name == "nt":
        expanded = _WINDOWS_VARIABLE.sub(lookup, expanded)
    return Path(_expand_home(expanded, environ))


def _expand_home(path: str, environ: Mapping[str, str]) -> str:
    if path != "~" and not path.startswith(("~/", "~" + os.sep)):
        # ``~user`` forms need the password database: leave them to the standard library.
        return os.path.expanduser(path)
    # The variables os.path.expanduser consults on this platform (ntpath ignores HOME).
    home = environ.get("USERPROFILE") if os.name == "nt" else environ.get("HOME")
    if home is None:
        return os.path.expanduser(path)
    return home + path[1:]

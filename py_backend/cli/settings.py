"""The few settings the command line reads itself: the output format and the retry mode.

Everything else (region, credentials, endpoint, CA bundle) the core resolves. Reading the
profile also checks that a profile asked for exists, at the point where the AWS CLI v1
checks it: after the options are read, before anything else happens.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from py_backend.config.context import ConfigContext
from py_backend.config.shared_files import ConfigValue, load_shared_files, selected_profile


@dataclasses.dataclass(frozen=True)
class Profile:
    """The settings of the selected profile, for the few the command line reads itself."""

    #: Both out of the repr: the environment and the shared files may hold secret keys.
    environ: Mapping[str, str] = dataclasses.field(repr=False)
    settings: Mapping[str, ConfigValue] = dataclasses.field(repr=False)

    @classmethod
    def load(cls, profile: str | None) -> Profile:
        """Read the shared files; :class:`ProfileNotFound` when a named profile is missing."""
        context = ConfigContext.from_environ(profile=profile)
        return cls(context.environ, selected_profile(load_shared_files(context), context))

    def value(self, variable: str, key: str) -> str | None:
        """An environment variable, else the profile's setting."""
        if variable in self.environ:
            return self.environ[variable]
        found = self.settings.get(key)
        return found if isinstance(found, str) else None

    @property
    def output(self) -> str:
        """``AWS_DEFAULT_OUTPUT``, the profile's ``output``, or ``json``."""
        return self.value("AWS_DEFAULT_OUTPUT", "output") or "json"

"""The generator of the AwsTokenBridge PowerShell module's files (Python; no PowerShell needed).

``python -m py_backend.psmodule generate [--check] [--module-dir DIR] [--samples FILE]`` writes
``module/Public/<Verb-Noun>.ps1`` (one function per cmdlet: comment-based help, attributes and
param block from :mod:`py_backend.cmdlets.specs`, a thin body), the manifest and the format
file; ``--check`` writes nothing and exits 1 with a diff when the committed files differ.

- :mod:`~py_backend.psmodule.text`: ASCII, quoting, wrapping, comment-help safety;
- :mod:`~py_backend.psmodule.examples`, :mod:`~py_backend.psmodule.help`: the help;
- :mod:`~py_backend.psmodule.params`, :mod:`~py_backend.psmodule.function`: the functions;
- :mod:`~py_backend.psmodule.manifest`, :mod:`~py_backend.psmodule.formats`: psd1, ps1xml;
- :mod:`~py_backend.psmodule.wire`, :mod:`~py_backend.psmodule.samples`: what the module sends;
- :mod:`~py_backend.psmodule.files`: render, write, check.
"""

from __future__ import annotations

from py_backend.psmodule.files import DEFAULT_MODULE_DIR, Drift, check, generate, render_module
from py_backend.psmodule.samples import render_samples

__all__ = ["DEFAULT_MODULE_DIR", "Drift", "check", "generate", "render_module", "render_samples"]

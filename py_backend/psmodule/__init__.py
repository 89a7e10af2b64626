"""The generator of the AwsTokenBridge PowerShell module's files (Python; no PowerShell needed).

``python -m py_backend.psmodule generate [--check] [--module-dir DIR] [--samples FILE]`` writes
``module/Public/<Verb-Noun>.ps1`` (one function per cmdlet: comment-based help, attributes and
param block from :mod:`py_backend.cmdlets.specs`, a thin body), the manifest and the format
file; ``--check`` writes nothing and exits 1 with a diff when the committed files differ.
"""

from __future__ import annotations

from py_backend.psmodule.files import DEFAULT_MODULE_DIR, Drift, check, generate, render_module
from py_backend.psmodule.samples import render_samples

__all__ = ["DEFAULT_MODULE_DIR", "Drift", "check", "generate", "render_module", "render_samples"]

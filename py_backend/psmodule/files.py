"""Render every generated module file, write them, or compare them with the committed ones.

Generated: ``Public/<Verb-Noun>.ps1`` (one per cmdlet), ``AwsTokenBridge.psd1`` and
``AwsTokenBridge.Format.ps1xml``; optionally the Pester fixture of sample invocations. The rest
of ``module/`` (``AwsTokenBridge.psm1``, ``Private/``, ``en-US/``) is written by hand.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

from py_backend.cmdlets.specs import CMDLET_NAMES, CMDLETS, describe_cmdlets
from py_backend.psmodule.formats import collect_output_types, render_formats
from py_backend.psmodule.function import render_function
from py_backend.psmodule.manifest import FORMAT_FILE, MODULE_NAME, render_manifest
from py_backend.psmodule.samples import render_samples
from py_backend.rpc.methods import PROTOCOL_VERSION

#: The module folder of a source checkout (``<repo>/module``).
DEFAULT_MODULE_DIR = Path(__file__).resolve().parents[2] / "module"
PUBLIC = "Public"


@dataclass(frozen=True)
class Drift:
    """A generated file that differs from the one on disk (or is missing, or is extra)."""

    path: Path
    diff: str


def render_module() -> dict[str, str]:
    """Every generated file of ``module/``, by path relative to it (``/``-separated)."""
    files = {
        f"{PUBLIC}/{name}.ps1": render_function(
            CMDLETS[name], related=[n for n in CMDLET_NAMES if n != name]
        )
        for name in CMDLET_NAMES
    }
    files[f"{MODULE_NAME}.psd1"] = render_manifest(CMDLET_NAMES, PROTOCOL_VERSION)
    files[FORMAT_FILE] = render_formats(collect_output_types(describe_cmdlets()))
    return files


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def _diff(path: Path, expected: str, actual: str | None) -> Drift:
    lines = difflib.unified_diff(
        (actual or "").splitlines(keepends=True),
        expected.splitlines(keepends=True),
        fromfile=f"{path} (on disk)" if actual is not None else f"{path} (missing)",
        tofile=f"{path} (generated)",
    )
    return Drift(path, "".join(lines))


def planned_files(module_dir: Path, samples: Path | None = None) -> dict[Path, str]:
    """Every generated file at its place under ``module_dir`` (and the samples fixture)."""
    files = {module_dir / rel: text for rel, text in render_module().items()}
    if samples is not None:
        files[samples] = render_samples()
    return files


def stale_public_files(module_dir: Path, files: dict[Path, str]) -> list[Path]:
    """``Public/*.ps1`` files that no specification generates."""
    public = module_dir / PUBLIC
    return sorted(p for p in public.glob("*.ps1") if p not in files) if public.is_dir() else []


def generate(module_dir: Path = DEFAULT_MODULE_DIR, samples: Path | None = None) -> list[Path]:
    """Write every generated file (LF line ends), delete stale ``Public/`` files; return the
    paths that changed."""
    files = planned_files(module_dir, samples)
    changed = [path for path, text in files.items() if _read(path) != text]
    for path in changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[path].encode("ascii"))
    for path in stale_public_files(module_dir, files):
        path.unlink()
        changed.append(path)
    return changed


def check(module_dir: Path = DEFAULT_MODULE_DIR, samples: Path | None = None) -> list[Drift]:
    """Compare the committed files with a fresh generation; empty when they are equal."""
    files = planned_files(module_dir, samples)
    drifts = [
        _diff(path, text, actual) for path, text in files.items() if (actual := _read(path)) != text
    ]
    stale = stale_public_files(module_dir, files)
    return drifts + [
        Drift(path, f"{path}: not generated from any specification\n") for path in stale
    ]

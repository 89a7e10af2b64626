"""The package graph of ``py_backend`` is acyclic and layered: imports only go down.

Every ``import``/``from ... import`` in the source counts, also those inside functions and under
``TYPE_CHECKING``: an import put off until run time is still a dependency.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1] / "py_backend"

#: The layers of DESIGN.md ("Layers (imports only go down)"), lowest first. A package may import
#: its own layer and those below. ``_version``, ``cancellation``, ``url_secrets``, ``lazy_names``,
#: ``redaction`` and ``service_members`` (the models' members, generated) are values with no I/O,
#: so they sit with layer 1. The package's own ``__init__``/``__main__`` are above all.
LAYERS: tuple[frozenset[str], ...] = (
    frozenset({"clock", "errors", "models", "client_config", "retries"})
    | frozenset(
        {"_version", "cancellation", "url_secrets", "service_members", "lazy_names", "redaction"}
    ),
    frozenset({"auth", "endpoints"}),
    frozenset({"config"}),
    frozenset({"transport", "operations"}),
    frozenset({"client", "session"}),
    frozenset({"flows"}),
    frozenset({"cli", "cmdlets", "rpc", "psmodule", "emulator", "demo"}),
    frozenset({"__init__", "__main__"}),
)
FRONT_ENDS = frozenset({"cli", "cmdlets", "rpc", "psmodule"})
#: They stand beside the front ends and use none of them.
BESIDE = frozenset({"emulator", "demo"})


def _package(parts: tuple[str, ...]) -> str:
    """The top-level unit of a module path below ``py_backend`` (a subpackage or a module)."""
    return parts[0].removesuffix(".py")


def _imports(path: Path) -> Iterator[str]:
    """The ``py_backend`` modules ``path`` imports, as dotted names."""
    module = path.relative_to(ROOT.parent).with_suffix("").parts
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(module if path.name == "__init__.py" else module[:-1])
                base = base[: len(base) - node.level + 1]
                yield ".".join([*base, *([node.module] if node.module else [])])
            else:
                yield node.module or ""


def package_edges() -> dict[str, dict[str, str]]:
    """For each unit, the units it imports and one file that does (for the message)."""
    edges: dict[str, dict[str, str]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        source = _package(path.relative_to(ROOT).parts)
        for name in _imports(path):
            parts = name.split(".")
            if parts[0] != "py_backend" or len(parts) < 2 or parts[1] == source:
                continue
            edges.setdefault(source, {}).setdefault(parts[1], str(path.relative_to(ROOT)))
    return edges


def layer_of(unit: str) -> int:
    for index, layer in enumerate(LAYERS):
        if unit in layer:
            return index
    raise AssertionError(f"py_backend/{unit} is in no layer: add it to LAYERS in {__file__}")


def test_every_unit_has_a_layer() -> None:
    units = {_package(p.relative_to(ROOT).parts) for p in ROOT.rglob("*.py")}
    for unit in units:
        layer_of(unit)


def test_imports_only_go_down() -> None:
    wrong = [
        f"{source} (layer {layer_of(source) + 1}) imports {target} "
        f"(layer {layer_of(target) + 1}) in {where}"
        for source, targets in package_edges().items()
        for target, where in targets.items()
        if layer_of(target) > layer_of(source) or (source in BESIDE and target in FRONT_ENDS)
    ]
    assert wrong == []


def test_no_cycle_between_packages() -> None:
    edges = package_edges()
    cycles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        for target in edges.get(node, {}):
            if target == path[0]:
                cycles.append([*path, target])
            elif target not in path and target > path[0]:
                visit(target, [*path, target])

    for start in sorted(edges):
        visit(start, [start])
    assert [" -> ".join(cycle) for cycle in cycles] == []


def test_the_checks_see_a_cycle_and_an_upward_import() -> None:
    """The graph really is read: known downward edges are there, and a reversed one would fail."""
    edges = package_edges()
    assert "auth" in edges["client"] and "config" in edges["session"]
    assert layer_of("config") > layer_of("auth")


@pytest.mark.parametrize(
    "module",
    ["py_backend.cmdlets.specs", "py_backend.cmdlets.spec_model"],
)
def test_the_cmdlet_specs_are_data(module: str) -> None:
    """Importing the specifications loads no HTTP, validation or crypto library."""
    code = (
        f"import sys, {module}\n"
        "print(sorted(m for m in ('httpx', 'pydantic', 'cryptography') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"

"""``module/Private/InProcessProbe.py``: what the module learns before it loads Python."""

from __future__ import annotations

import importlib.util
import runpy
import sys
import sysconfig
from pathlib import Path
from typing import Any

import pytest

from tests.inprocess.dotnet import PROBE, run_probe

probe_module: dict[str, Any] = runpy.run_path(str(PROBE))  # its functions, without running it


def test_the_probe_describes_this_python() -> None:
    found = run_probe()
    assert found["executable"] == sys.executable
    assert found["backend"] is True  # the tests run with py_backend installed
    pythonnet = importlib.util.find_spec("pythonnet")
    assert (found["runtimeDll"] is not None) == (pythonnet is not None)
    if found["runtimeDll"] is not None:
        assert Path(found["runtimeDll"]).name == "Python.Runtime.dll"
        assert Path(found["runtimeDll"]).is_file()
    if found["pythonDll"] is not None:
        assert Path(found["pythonDll"]).is_file()
    assert (found["problems"] == []) == all(
        (found["pythonDll"], found["runtimeDll"], found["backend"])
    )


def test_the_probe_finds_a_shared_libpython_where_sysconfig_says() -> None:
    if not sys.platform.startswith("linux") or not sysconfig.get_config_var("Py_ENABLE_SHARED"):
        pytest.skip("a shared libpython in LIBDIR is a Linux build's layout")
    found = run_probe()
    assert found["pythonDll"] is not None
    assert Path(found["pythonDll"]).parent in {
        Path(sysconfig.get_config_var("LIBDIR")),
        Path(sysconfig.get_config_var("LIBDIR")) / (sysconfig.get_config_var("MULTIARCH") or ""),
    }


def test_pythonnet_pydll_names_the_library_when_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = tmp_path / "libpython-chosen.so"
    library.write_bytes(b"")
    monkeypatch.setenv("PYTHONNET_PYDLL", str(library))
    found = run_probe()
    assert found["pythonDll"] == str(library)
    assert not [p for p in found["problems"] if "PYTHONNET_PYDLL" in p]


def test_a_pythonnet_pydll_that_is_no_file_is_a_problem_that_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-such-libpython.so"
    monkeypatch.setenv("PYTHONNET_PYDLL", str(missing))
    found = run_probe()
    assert found["pythonDll"] is None
    (problem,) = [p for p in found["problems"] if "PYTHONNET_PYDLL" in p]
    assert str(missing) in problem and "not a file" in problem


def test_folders_given_to_the_probe_are_searched_for_the_backend(tmp_path: Path) -> None:
    package = tmp_path / "py_backend_probe_marker"
    package.mkdir()
    (package / "__init__.py").write_text("")
    found = probe_module["probe"]
    spec_before = importlib.util.find_spec("py_backend_probe_marker")
    assert spec_before is None
    assert found([str(tmp_path)], "py_backend_probe_marker")["backend"] is True
    assert found([], "py_backend_probe_marker")["backend"] is False
    assert run_probe(str(tmp_path))["backend"] is True  # py_backend itself, folder or not


def test_each_missing_part_is_one_sentence_that_says_what_to_do() -> None:
    problems = probe_module["problems"]({"pythonDll": None, "runtimeDll": None, "backend": False})
    assert len(problems) == 3
    assert any("--enable-shared" in p for p in problems)
    assert any("pip install" in p and "inprocess" in p for p in problems)
    assert any("aws-token-bridge" in p for p in problems)
    assert problems_for_complete() == []


def problems_for_complete() -> list[str]:
    complete = {"pythonDll": "/lib/x.so", "runtimeDll": "/x/Python.Runtime.dll", "backend": True}
    result: list[str] = probe_module["problems"](complete)
    return result

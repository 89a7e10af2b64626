"""Where the in-process transport finds what it loads, printed as one JSON object.

The AwsTokenBridge module runs this file with the Python it would start for the stdio
transport (``python InProcessProbe.py [FOLDER...]``, the folders it would put on the backend's
PYTHONPATH), once per PowerShell session, before it loads that Python into its own process
through pythonnet. It prints:

- ``pythonDll``: the shared libpython (``Runtime.PythonDLL``), or null: the file
  ``PYTHONNET_PYDLL`` names when it is set (pythonnet's own setting, which wins), otherwise
  the one this interpreter's ``sysconfig`` says it was built with;
- ``runtimeDll``: ``Python.Runtime.dll`` from the installed ``pythonnet`` package, or null;
- ``executable``: ``sys.executable`` (``PythonEngine.ProgramName``: from it, and the
  ``pyvenv.cfg`` beside it, the embedded interpreter finds its standard library and, in a
  virtual environment, the environment's site-packages and ``.pth`` files, as this one did);
- ``backend``: whether ``py_backend`` is importable (from the folders too); ``pythonVersion``;
  and ``problems``, one
  sentence per missing part (empty when the in-process transport can be used).

Standard library only, and nothing is imported from ``pythonnet`` or ``py_backend``: this runs
in a child process the in-process transport exists to avoid, so it must start fast.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import json
import os
import platform
import sys
import sysconfig
from collections.abc import Sequence


def libpython_candidates() -> list[str]:
    """The paths where this interpreter's shared library may be, most likely first."""
    if os.name == "nt":
        name = f"python{sys.version_info[0]}{sys.version_info[1]}.dll"
        homes = (sys.base_prefix, os.path.dirname(sys.executable), sys.base_exec_prefix)
        return [os.path.join(home, name) for home in homes]
    var = sysconfig.get_config_var
    names = [n for n in (var("INSTSONAME"), var("LDLIBRARY")) if n and not n.endswith(".a")]
    folders = [var("LIBDIR") or "", os.path.join(var("LIBDIR") or "", var("MULTIARCH") or "")]
    folders += [var("PYTHONFRAMEWORKPREFIX") or "", os.path.join(sys.base_prefix, "lib")]
    return [os.path.join(folder, name) for name in names for folder in folders if folder]


#: pythonnet's environment variable for the shared library to load (``Runtime.PythonDLL``).
PYDLL_VARIABLE = "PYTHONNET_PYDLL"


def find_libpython() -> str | None:
    """``PYTHONNET_PYDLL`` if it is set and a file, otherwise the first candidate that exists
    (macOS framework builds name the library ``Python``)."""
    named = os.environ.get(PYDLL_VARIABLE)
    if named:
        return named if os.path.isfile(named) else None
    return next((path for path in libpython_candidates() if os.path.isfile(path)), None)


def find_runtime_dll() -> str | None:
    """``pythonnet/runtime/Python.Runtime.dll`` of the installed pythonnet, if any."""
    spec = importlib.util.find_spec("pythonnet")  # finds the package without importing it
    for folder in (spec.submodule_search_locations or []) if spec else []:
        path = os.path.join(folder, "runtime", "Python.Runtime.dll")
        if os.path.isfile(path):
            return path
    return None


def importable(package: str, folders: Sequence[str]) -> bool:
    """Whether ``package`` can be imported here, or from one of ``folders``."""
    if importlib.util.find_spec(package) is not None:  # finds it without importing it
        return True
    return bool(folders) and importlib.machinery.PathFinder.find_spec(package, folders) is not None


def problems(found: dict[str, object]) -> list[str]:
    """One sentence per part that is missing."""
    found_problems = []
    named = os.environ.get(PYDLL_VARIABLE)
    if found["pythonDll"] is None and named:
        found_problems.append(
            f"{PYDLL_VARIABLE} names {named!r}, which is not a file (set it to the path of "
            "the shared Python library, or unset it to use the one sysconfig names)"
        )
    elif found["pythonDll"] is None:
        found_problems.append(
            f"no shared Python library found for {sys.executable} (a Python built with "
            "--enable-shared is needed; on Debian or Ubuntu install libpython3.X; or set "
            f"{PYDLL_VARIABLE} to the library's path)"
        )
    if found["runtimeDll"] is None:
        found_problems.append(
            "pythonnet is not installed: pip install 'aws-token-bridge[inprocess]'"
        )
    if not found["backend"]:
        found_problems.append("the aws-token-bridge package (py_backend) is not installed")
    return found_problems


def probe(folders: Sequence[str] = (), package: str = "py_backend") -> dict[str, object]:
    """Everything the module needs to know, as printed."""
    found: dict[str, object] = {
        "pythonVersion": platform.python_version(),
        "executable": sys.executable,
        "pythonDll": find_libpython(),
        "runtimeDll": find_runtime_dll(),
        "backend": importable(package, list(folders)),
    }
    found["problems"] = problems(found)
    return found


if __name__ == "__main__":
    sys.stdout.write(json.dumps(probe(sys.argv[1:])) + "\n")

"""``py_backend.flows`` loads a flow only when it is used (issue 15.3: start-up).

The CLI's credential chain needs ``flows.signin_token`` (the ``aws login`` provider); it must
not pull in the other flows (loopback listeners, browsers, prompts). The public names stay
what they were: each resolves to the object of its module, ``sso_login`` to the function.
"""

from __future__ import annotations

import ast
import importlib
import subprocess
import sys

import py_backend.flows as flows


def test_every_public_name_is_its_modules_object() -> None:
    for name in flows.__all__:
        module = importlib.import_module(f"py_backend.flows.{flows._LAZY[name]}")
        assert getattr(flows, name) is getattr(module, name), name


def test_a_function_named_like_its_module_stays_the_function() -> None:
    module = importlib.import_module("py_backend.flows.sso_login")
    assert flows.sso_login is module.sso_login
    assert callable(flows.signin_login) and not isinstance(flows.signin_login, type(sys))


def test_the_login_provider_loads_no_other_flow() -> None:
    code = (
        "import sys, py_backend.flows.signin_token\n"
        "print(sorted(m for m in sys.modules if m.startswith('py_backend.flows.')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(ast.literal_eval(done.stdout))
    assert "py_backend.flows.signin_token" in loaded
    assert not loaded & {
        "py_backend.flows.sso_login",
        "py_backend.flows.signin_login",
        "py_backend.flows.loopback",
        "py_backend.flows.device",
    }

"""Backend start (issue 15): ``initialize`` is answered before the heavy libraries are loaded.

The backend runs as the module spawns it (``python -m py_backend rpc`` is ``cli.main(["rpc"])``),
with one probe added: the first line it writes on the protocol stream (the ``initialize``
answer) is preceded, on stderr, by the list of heavy modules loaded at that moment. Then the
warm-up thread loads them, and the first ``invoke`` and ``describe`` work as they always did.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import pytest

import py_backend.cmdlets
from py_backend.rpc import warmup
from py_backend.rpc.dispatcher import Dispatcher
from tests.rpc.client import RpcClient

HEAVY = (
    "pydantic",
    "httpx",
    "cryptography",
    "py_backend.cmdlets.invoke",
    # The operations load a service's models on its first use; the warm-up loads them all.
    "py_backend.models.sso_oidc",
    "py_backend.models.sso",
    "py_backend.models.signin",
    "py_backend.models.signin_tokens",
)

PROBED_BACKEND = f"""
import sys
from py_backend.rpc import framing

HEAVY = {HEAVY!r}
write = framing.FrameWriter.write

def probed(self, line):
    loaded = [name for name in HEAVY if name in sys.modules]
    sys.stderr.write("PROBE " + repr((line[:40], loaded)) + "\\n")
    sys.stderr.flush()
    return write(self, line)

framing.FrameWriter.write = probed
from py_backend.cli import main
sys.exit(main(["rpc"]))
"""


def _probes(stderr: str) -> list[tuple[bytes, list[str]]]:
    lines = stderr.splitlines()
    return [ast.literal_eval(line[6:]) for line in lines if line.startswith("PROBE ")]


def test_initialize_is_answered_before_pydantic_httpx_and_cryptography_are_imported() -> None:
    with RpcClient(command=[sys.executable, "-c", PROBED_BACKEND]) as client:
        answer = client.result("initialize", {"protocolVersion": "1.0"})
        assert answer["cmdlets"] == list(py_backend.cmdlets.CMDLET_NAMES)
        refused = client.error(
            "invoke", {"cmdlet": "New-SSOOIDCToken", "parameters": {"Region": "us-east-1"}}
        )
        assert refused["code"] == -32000  # the cmdlet layer ran: it names the missing parameter
        assert "ClientId" in refused["message"]
        client.close()
        probes = _probes(client.stderr)
    assert probes, client.stderr
    first_line, loaded_at_initialize = probes[0]
    assert b'"id":1' in first_line and b'"result"' in first_line
    assert loaded_at_initialize == []
    # By the invoke's answer the cmdlet layer (and with it pydantic and httpx) was loaded.
    assert {"pydantic", "httpx", "py_backend.cmdlets.invoke"} <= set(probes[-1][1])


def test_the_warm_up_loads_the_first_invokes_modules_without_any_request() -> None:
    # The warm-up is joined before the next line is read, so what it loaded is reported
    # before any other request could have loaded anything.
    code = PROBED_BACKEND.replace(
        "from py_backend.cli import main",
        "import threading\n"
        "from py_backend.rpc import warmup\n"
        "start = warmup.start\n"
        "def joined(*a):\n"
        "    thread = start(*a)\n"
        "    if thread is not None:\n"
        "        thread.join()\n"
        "    sys.stderr.write('WARM ' + repr([m for m in HEAVY if m in sys.modules]) + '\\n')\n"
        "    return thread\n"
        "warmup.start = joined\n"
        "from py_backend.cli import main",
    )
    with RpcClient(command=[sys.executable, "-c", code]) as client:
        client.result("initialize", {"protocolVersion": "1.0"})
        client.result("describe", {})
        client.close()
        stderr = client.stderr
    warm = [line for line in stderr.splitlines() if line.startswith("WARM ")]
    assert warm, stderr
    assert set(ast.literal_eval(warm[0][5:])) == set(HEAVY)
    assert _probes(stderr)[0][1] == []


def test_the_names_initialize_announces_are_the_cmdlet_layers() -> None:
    # initialize answers before the cmdlet layer is loaded, from a list kept beside it.
    assert warmup.CMDLET_NAMES == py_backend.cmdlets.CMDLET_NAMES, (
        "a cmdlet was added or renamed: set CMDLET_NAMES in py_backend/rpc/warmup.py to "
        f"{py_backend.cmdlets.CMDLET_NAMES!r}"
    )


def test_every_warm_up_module_exists() -> None:
    # A renamed module would make the warm-up skip it silently (the invoke still imports it).
    import importlib

    for name in warmup.MODULES:
        importlib.import_module(name)


def test_a_failing_warm_up_import_is_left_to_the_invoke(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("DEBUG", logger="py_backend.rpc.warmup")

    def broken_layer() -> None:
        raise ImportError("no")

    warmup._load(broken_layer, ("py_backend.no_such_module", "json"))
    assert "the cmdlet layer not loaded (ImportError)" in caplog.text
    assert "py_backend.no_such_module not loaded (ModuleNotFoundError)" in caplog.text


def test_a_fake_backends_names_are_announced_and_no_warm_up_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.rpc.fakes import FakeLayer

    started: list[object] = []
    monkeypatch.setattr(warmup, "start", lambda *args: started.append(args))
    layer = FakeLayer()
    dispatcher = Dispatcher(backend=layer.backend())
    line = json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "1.0"}}
    )
    answer = json.loads(dispatcher.call(line, timeout=10)[0])
    assert answer["result"]["cmdlets"] == list(layer.backend().names)
    assert started == []


def test_the_default_backend_starts_the_warm_up_once_initialize_is_answered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started: list[object] = []
    monkeypatch.setattr(warmup, "start", lambda *args: started.append(args))
    dispatcher = Dispatcher()
    refused = json.dumps(
        {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "9.0"}}
    )
    assert "error" in json.loads(dispatcher.call(refused, timeout=10)[0])
    assert started == []
    accepted = refused.replace("9.0", "1.0").replace('"id": 1', '"id": 2')
    assert "result" in json.loads(dispatcher.call(accepted, timeout=10)[0])
    assert len(started) == 1


def test_the_in_process_host_imports_neither_the_stdio_server_nor_argparse() -> None:
    # The .NET in-process host imports this module at its cold start; the stdio server's
    # command line (argparse, gettext) and signal handling are no part of it.
    code = (
        "import sys\n"
        "import py_backend.rpc.inprocess_dotnet\n"
        "print(repr(sorted(m for m in ('argparse', 'gettext', 'signal', 'py_backend.rpc.server')"
        " if m in sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert ast.literal_eval(done.stdout.strip()) == []

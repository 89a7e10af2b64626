"""The backend as a process: stdio ownership, options, exit codes and the malformed-input matrix.

Spawned exactly as the PowerShell module spawns it (``python -m py_backend rpc``), except the
stdout-ownership test, which runs the same ``main()`` with a fake cmdlet layer that writes to
stdout every way library code can.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator

import pytest

import py_backend
from tests.rpc.client import REPO_ROOT, WAIT, RpcClient, child_environ

FAKE_SERVER = (
    "import sys; from tests.rpc.fakes import FakeLayer; from py_backend.rpc.server import main; "
    "sys.exit(main(sys.argv[1:], backend=FakeLayer().backend()))"
)


@pytest.fixture(scope="module")
def backend() -> Iterator[RpcClient]:
    """One real backend shared by the malformed-input tests (each ends with a live check)."""
    with RpcClient() as client:
        client.result("initialize", {"protocolVersion": "1.0"})
        yield client


def rpc(*args: str, stdin: bytes = b"", **environ: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "py_backend", "rpc", *args],
        input=stdin,
        capture_output=True,
        env=child_environ(environ),
        cwd=REPO_ROOT,
        timeout=WAIT,
        check=False,
    )


def test_version_prints_the_package_version() -> None:
    done = rpc("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == f"aws-token-bridge {py_backend.__version__}"


def test_an_unknown_option_is_a_usage_error_on_stderr() -> None:
    done = rpc("--log-level", "chatty")
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"--log-level" in done.stderr


def test_the_end_of_input_is_a_clean_exit() -> None:
    done = rpc(stdin=b"")
    assert (done.returncode, done.stdout) == (0, b"")


def test_shutdown_answers_null_and_exits_zero() -> None:
    with RpcClient() as client:
        assert client.result("shutdown") is None
        assert client.wait_exit() == 0


def test_the_log_level_comes_from_the_option_or_the_environment() -> None:
    request = b'{"jsonrpc":"2.0","id":1,"method":"shutdown"}\n'
    assert b"DEBUG" in rpc("--log-level", "debug", stdin=request).stderr
    assert b"DEBUG" in rpc(stdin=request, AWSTB_LOG_LEVEL="DEBUG").stderr
    assert b"DEBUG" not in rpc(stdin=request).stderr
    unknown = rpc(stdin=request, AWSTB_LOG_LEVEL="loud")
    assert b"AWSTB_LOG_LEVEL" in unknown.stderr
    assert b"DEBUG" not in unknown.stderr
    assert unknown.stdout == b'{"jsonrpc":"2.0","id":1,"result":null}\n'


def test_library_output_never_reaches_the_protocol() -> None:
    with RpcClient(command=[sys.executable, "-c", FAKE_SERVER]) as client:
        answer = client.result("invoke", {"cmdlet": "Write-Everywhere"})
        assert answer == {"items": ["wrote everywhere"]}
        assert client.result("describe")  # the child that read stdin took nothing
        assert client.close() == 0
    assert client.corrupt == []
    for noise in ("print", "sys.stdout", "file descriptor 1", "a child process"):
        assert f"noise from {noise}" in client.stderr or f"noise on {noise}" in client.stderr


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_an_interrupt_does_not_stop_the_backend() -> None:
    with RpcClient(command=[sys.executable, "-c", FAKE_SERVER]) as client:
        client.result("describe")  # main() has installed its handlers
        client.process.send_signal(signal.SIGINT)
        assert client.result("describe")
        assert client.process.poll() is None


# --- the malformed-input matrix, against the real backend ---------------------------------

MALFORMED: list[tuple[str, bytes, int]] = [
    ("invalid JSON", b'{"jsonrpc":"2.0","id":1,"method":}\n', -32700),
    ("invalid UTF-8", b'{"jsonrpc":"2.0","id":1,"method":"describe\xff"}\n', -32700),
    ("not an object", b"[1,2,3]\n", -32600),
    ("an id of the wrong type", b'{"jsonrpc":"2.0","id":true,"method":"describe"}\n', -32600),
    ("a wrong jsonrpc version", b'{"jsonrpc":"1.0","id":"v","method":"describe"}\n', -32600),
    (
        "params of the wrong type",
        b'{"jsonrpc":"2.0","id":"p","method":"invoke","params":{"cmdlet":1}}\n',
        -32602,
    ),
    ("an unknown method", b'{"jsonrpc":"2.0","id":"u","method":"frobnicate"}\n', -32601),
    (
        "a 2 MiB line",
        b'{"jsonrpc":"2.0","id":"big","method":"describe","params":{"x":"'
        + b"x" * (2 << 20)
        + b'"}}\n',
        -32600,
    ),
]


@pytest.mark.parametrize(("case", "data", "code"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_a_bad_line_gets_one_error_answer_and_the_backend_lives(
    backend: RpcClient, case: str, data: bytes, code: int
) -> None:
    before = backend.wait_for_answers(0)
    backend.send_raw(data)
    alive = backend.request("describe", {"cmdlet": "New-SSOOIDCToken"})
    assert "result" in backend.response(alive)
    assert backend.wait_for_answers(before + 2) == before + 2
    [error] = [a for a in backend.answer_log[before:] if a["id"] != alive]
    assert error["error"]["code"] == code
    assert backend.corrupt == []


def test_a_request_without_id_gets_no_answer(backend: RpcClient) -> None:
    before = backend.wait_for_answers(0)
    backend.send_raw(b'{"jsonrpc":"2.0","method":"describe"}\n')
    assert "result" in backend.call("describe", {"cmdlet": "New-SSOOIDCToken"})
    assert backend.wait_for_answers(before + 1) == before + 1


def test_a_thousand_pipelined_requests_each_get_one_answer(backend: RpcClient) -> None:
    lines = [
        {"jsonrpc": "2.0", "id": f"pipe-{n}", "method": "describe" if n % 3 else "nope"}
        for n in range(1000)
    ]
    backend.send_raw(b"".join(json.dumps(line).encode() + b"\n" for line in lines))
    assert "result" in backend.call("describe", {"cmdlet": "New-SSOOIDCToken"})
    for line in lines:
        assert len(backend.answers.get(line["id"], [])) == 1, line["id"]


def test_a_partial_line_at_the_end_is_answered_then_the_backend_exits() -> None:
    partial = b'{"jsonrpc":"2.0","id":1,"method":"describe"'
    done = rpc(stdin=b'{"jsonrpc":"2.0","id":0,"method":"nope"}\n' + partial)
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert done.returncode == 0
    assert [(a["id"], a["error"]["code"]) for a in answers] == [(0, -32601), (None, -32700)]

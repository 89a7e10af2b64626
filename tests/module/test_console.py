"""The module in an interactive PowerShell console, driven through a pseudo-terminal.

A POSIX pty (``pty.openpty``, the shell's controlling terminal, so Ctrl+C is a real SIGINT),
or on Windows a ConPTY through pywinpty (the ``windows`` extra). Checked: the confirmation
prompt without ``-Force`` (declining makes no call), the device code loop from
``Get-Help New-SSOOIDCToken -Examples`` with its progress, and Ctrl+C cancelling a call that
the emulator holds for a minute. Skipped, with the reason, where ``pwsh`` is not installed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.psmodule.examples import examples_for
from tests.module.paths import MODULE, REPO, find_powershell
from tests.support.peers import CLEAN_ENVIRON

WAIT = 60.0  # seconds; only a broken console ever waits this long
#: Device Status Report "where is the cursor?" and a terminal's answer (row 1, column 1).
CURSOR_POSITION_QUERY = b"\x1b[6n"
CURSOR_POSITION_ANSWER = b"\x1b[1;1R"
ROWS, COLUMNS = 50, 220
_ANSI = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]"
)


class Terminal:
    """A process on a pseudo-terminal: what it printed (escape sequences removed) and input."""

    def __init__(self, write: Callable[[bytes], None], close: Callable[[], None]) -> None:
        self._write = write
        self._close = close
        self._output = ""
        self._changed = threading.Condition()
        self.position = 0

    def feed(self, data: bytes) -> None:
        """Called by the reader thread with each chunk the process wrote."""
        with self._changed:
            self._output += _ANSI.sub("", data.decode("utf-8", "replace")).replace("\r", "")
            self._changed.notify_all()

    def send(self, text: str) -> None:
        """Type ``text``."""
        self._write(text.encode("utf-8"))

    def run(self, command: str) -> None:
        """Type a command line and Enter."""
        self.send(command + "\r")

    def expect(self, pattern: str, timeout: float = WAIT) -> re.Match[str]:
        """Wait for ``pattern`` after the last expectation; fail with the output on timeout."""
        regex = re.compile(pattern)
        with self._changed:
            found = self._changed.wait_for(
                lambda: regex.search(self._output, self.position), timeout
            )
            assert found, (
                f"{pattern!r} did not appear; the console shows:\n{self._output[self.position :]}"
            )
            self.position = found.end()
            return found

    def since(self, start: int) -> str:
        """The output from ``start`` to the last expectation."""
        return self._output[start : self.position]

    def close(self) -> None:
        """End the process."""
        self._close()


def _posix_terminal(argv: list[str], environ: dict[str, str]) -> Terminal:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))

    def controlling_terminal() -> None:  # in the child: its own session, the pty as its tty
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=environ, preexec_fn=controlling_terminal
    )
    os.close(slave)

    def close() -> None:
        if process.poll() is None:
            process.kill()
        process.wait(WAIT)
        os.close(master)

    terminal = Terminal(lambda data: os.write(master, data) and None, close)

    def pump() -> None:
        tail = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                return
            if not chunk:
                return
            # Answer each cursor position query as a terminal does: .NET's console (and so
            # PSReadLine) sends one before each prompt and reads the answer from its input,
            # where, unanswered, it would swallow and garble the next typed line.
            try:
                for _ in range((tail + chunk).count(CURSOR_POSITION_QUERY)):
                    os.write(master, CURSOR_POSITION_ANSWER)
            except OSError:
                return  # the test closed the terminal (the shell is gone) meanwhile
            tail = (tail + chunk)[-(len(CURSOR_POSITION_QUERY) - 1) :]
            terminal.feed(chunk)

    threading.Thread(target=pump, daemon=True).start()
    return terminal


def _windows_terminal(argv: list[str], environ: dict[str, str]) -> Terminal:
    winpty: Any = pytest.importorskip(
        "winpty", reason="pywinpty is not installed: pip install aws-token-bridge[windows]"
    )
    process = winpty.PtyProcess.spawn(argv, env=environ, dimensions=(ROWS, COLUMNS))
    terminal = Terminal(
        lambda data: process.write(data.decode("utf-8")) and None,
        lambda: process.terminate(force=True),
    )

    def pump() -> None:
        while True:
            try:
                chunk = process.read(65536)
            except EOFError:
                return
            terminal.feed(chunk.encode("utf-8"))

    threading.Thread(target=pump, daemon=True).start()
    return terminal


@pytest.fixture(scope="module")
def pwsh() -> str:
    path = find_powershell("pwsh")
    if path is None:
        pytest.skip(
            "pwsh is not on PATH (nor in ~/.dotnet/tools): the console test needs PowerShell 7 "
            "(https://aka.ms/powershell)"
        )
    return path


@pytest.fixture
def emulator() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=EmulatorConfig(device_interval=1)) as server:
        yield server


@pytest.fixture
def console(pwsh: str, emulator: EmulatorServer) -> Iterator[Terminal]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "AWSTB_"))}
    environ.update(CLEAN_ENVIRON)
    environ.update(
        {
            "AWSTB_PYTHON": sys.executable,
            "PYTHONPATH": str(REPO),
            "TERM": "xterm-256color",
            "COLUMNS": str(COLUMNS),
            "LINES": str(ROWS),
        }
    )
    argv = [pwsh, "-NoLogo", "-NoProfile"]
    spawn = _windows_terminal if sys.platform == "win32" else _posix_terminal
    terminal = spawn(argv, environ)
    try:
        manifest = MODULE / "AwsTokenBridge.psd1"
        # Type once the prompt is there, as a user does: a line typed before the console has
        # set up its terminal is read with the tty's cooked-mode newline, not as Enter.
        terminal.expect(r"PS [^\n]*> ")
        terminal.run(
            "if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }; "
            f"$ProgressPreference = 'Continue'; Import-Module '{manifest}'; 'READY' + '-0'"
        )
        terminal.expect("READY-0")
        yield terminal
    finally:
        terminal.run("exit")
        terminal.close()


def _operations(emulator: EmulatorServer, name: str) -> int:
    return int(emulator.app.state.operations[name])


def _wait_for(condition: Callable[[], bool]) -> None:
    event = threading.Event()
    for _ in range(int(WAIT * 10)):
        if condition():
            return
        event.wait(0.1)
    raise AssertionError("the condition did not come true")


def test_the_confirmation_prompt_appears_without_force_and_declining_makes_no_call(
    console: Terminal, emulator: EmulatorServer
) -> None:
    before = _operations(emulator, "RegisterClient")
    console.run(
        "Register-SSOOIDCClient -ClientName console-a -ClientType public -Region us-east-1 "
        f"-EndpointUrl {emulator.base_url} -Confirm"
    )
    console.expect("Are you sure you want to perform this action")
    console.expect(
        re.escape('Performing the operation "Register-SSOOIDCClient (RegisterClient)" ')
        + re.escape('on target "console-a".')
    )
    console.expect(r"\[N\] No")
    console.run("N")
    console.run("'DECLINED' + '-1'")
    console.expect("DECLINED-1")
    assert _operations(emulator, "RegisterClient") == before

    start = console.position
    console.run(
        "Register-SSOOIDCClient -ClientName console-b -ClientType public -Region us-east-1 "
        f"-EndpointUrl {emulator.base_url} -Confirm -Force; 'FORCED' + '-2'"
    )
    console.expect(r"ClientSecret\s*:\s*\*\*\*\* \(\d+ characters\)")
    console.expect("FORCED-2")
    assert "Are you sure" not in console.since(start)
    assert _operations(emulator, "RegisterClient") == before + 1


def test_the_device_code_loop_from_the_help_shows_progress_and_gets_a_token(
    console: Terminal, emulator: EmulatorServer, tmp_path: Path
) -> None:
    script = tmp_path / "device-loop.ps1"
    script.write_text(examples_for("New-SSOOIDCToken")[0].code + "\n", encoding="ascii")
    console.run(
        f"$PSDefaultParameterValues['*-SSOOIDC*:EndpointUrl'] = '{emulator.base_url}'; . '{script}'"
    )
    user_code = console.expect(r"check that it shows (\S+)").group(1)
    console.expect("Waiting for the device authorization")
    httpx.post(
        f"{emulator.base_url}/__emulator/device/approve", json={"userCode": user_code}
    ).raise_for_status()
    console.expect(r"AccessToken\s*:\s*\*\*\*\* \(\d+ characters\)")
    console.run("'LOOPED' + '-3'")
    console.expect("LOOPED-3")


def test_ctrl_c_cancels_the_call_in_flight_and_the_next_call_works(
    console: Terminal, emulator: EmulatorServer
) -> None:
    httpx.post(
        f"{emulator.base_url}/__emulator/faults",
        json={"path": "/token", "delaySeconds": 60, "count": 1},  # the emulator's longest
    ).raise_for_status()
    before = _operations(emulator, "CreateToken")
    console.run(
        "New-SSOOIDCToken -ClientId c -ClientSecret s -GrantType refresh_token -RefreshToken r "
        f"-Region us-east-1 -EndpointUrl {emulator.base_url}"
    )
    _wait_for(lambda: _operations(emulator, "CreateToken") > before)  # the emulator holds it
    start = console.position
    console.send("\x03")
    # Uncancelled, the held request would answer after 60 s with the service's error for the
    # unknown client, before the prompt came back.
    console.run("'CANCELLED' + '-4'")
    console.expect("CANCELLED-4")
    assert "InvalidClient" not in console.since(start)
    registered = _operations(emulator, "RegisterClient")
    console.run(
        "'after-cancel-' + [bool](Register-SSOOIDCClient -ClientName after-cancel "
        f"-ClientType public -Region us-east-1 -EndpointUrl {emulator.base_url}).ClientId"
    )
    console.expect("after-cancel-True")
    assert _operations(emulator, "RegisterClient") == registered + 1


_INTERACTIVE_CHILD = """
import sys, time
print("child ready", flush=True)
for line in sys.stdin:
    if line.strip() == "hold":
        try:
            print("holding", flush=True)
            time.sleep(120)
        except KeyboardInterrupt:
            print("interrupted by the terminal", flush=True)
    else:
        print("got " + line.strip().upper(), flush=True)
"""


@pytest.mark.skipif(sys.platform == "win32", reason="the POSIX pty harness; Windows uses pywinpty")
def test_the_pty_harness_types_lines_and_delivers_ctrl_c_as_the_terminal_does() -> None:
    # The console tests above need pwsh; this checks their terminal with a Python child, so a
    # skipped console test is never a broken harness in disguise.
    environ = {**os.environ, "PYTHONUNBUFFERED": "1"}
    terminal = _posix_terminal([sys.executable, "-c", _INTERACTIVE_CHILD], environ)
    try:
        terminal.expect("child ready")
        terminal.run("hello")
        terminal.expect("got HELLO")
        terminal.run("hold")
        terminal.expect("holding")
        terminal.send("\x03")
        terminal.expect("interrupted by the terminal")
        terminal.run("after")
        terminal.expect("got AFTER")
    finally:
        terminal.close()

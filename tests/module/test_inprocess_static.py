"""``module/Private/InProcessTransport.ps1`` read with a real PowerShell parser.

Without PowerShell: the functions are there, make the pythonnet calls in the order pythonnet
needs them, give the GIL back in a ``finally``, import a Python module that exists and call
what it defines; and the Mono host (``hosts/dotnet/InProcessHost.cs``, which runs for real in
``tests/inprocess/test_dotnet_host.py``) makes the same pythonnet calls.
"""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

from py_backend.rpc import inprocess_dotnet
from tests.module import psast
from tests.module.paths import MODULE, REPO
from tests.module.pwsh7 import seven_only

TRANSPORT = MODULE / "Private" / "InProcessTransport.ps1"
CONFIGURATION = MODULE / "Private" / "Configuration.ps1"
HOST = REPO / "hosts" / "dotnet" / "InProcessHost.cs"
FUNCTIONS = (
    "Get-AwsTokenBridgeInProcessProbe",
    "Get-AwsTokenBridgeInProcessFolder",
    "Import-AwsTokenBridgeInProcessEntry",
    "Initialize-AwsTokenBridgeInProcess",
    "Start-AwsTokenBridgeInProcessTransport",
)
#: The pythonnet members the module uses, in the order a first load uses them.
PYTHONNET_STEPS = (
    "PythonDLL",
    "ProgramName",
    "Initialize",
    "BeginAllowThreads",
    "GIL",
    "Import",
    "InvokeMethod",
    "GetItem",
    "AsManagedObject",
)

TREE = psast.parse_file(TRANSPORT)
DEFINED = psast.functions(TREE.root_node)


def members(node: psast.Node) -> list[tuple[int, str]]:
    """``(position, name)`` of every member accessed or invoked under ``node``."""
    found = []
    for child in psast.walk(node):
        if child.type in ("member_access", "invokation_expression"):
            name = next((c for c in child.named_children if c.type == "member_name"), None)
            if name is not None:
                found.append((name.start_byte, psast.text(name)))
    return sorted(found)


def first(node: psast.Node, name: str) -> int:
    """Where ``name`` is first used under ``node`` (fails when it is not)."""
    positions = [position for position, member in members(node) if member == name]
    assert positions, f"{name} is never used"
    return positions[0]


def string_arguments(node: psast.Node, member: str) -> list[str]:
    """The literal first arguments of every ``.member('...')`` call under ``node``."""
    found = []
    for child in psast.walk(node):
        if child.type != "invokation_expression":
            continue
        name = next((c for c in child.named_children if c.type == "member_name"), None)
        arguments = next((c for c in child.named_children if c.type == "argument_list"), None)
        if name is None or psast.text(name) != member or arguments is None:
            continue
        literal = next(
            (c for c in psast.walk(arguments) if c.type == "string_literal"),
            None,
        )
        if literal is not None:
            found.append(psast.literal(literal))
    return found


def script_assignment(root: psast.Node, variable: str) -> psast.Node:
    """The value assigned to ``$script:<variable>`` at the top of a file."""
    for node in psast.walk(root):
        if node.type != "assignment_expression":
            continue
        target = psast.text(node.named_children[0]).strip()
        if target.lower() == f"$script:{variable}".lower():
            return node.named_children[-1]
    raise AssertionError(f"$script:{variable} is never assigned")


def test_the_file_parses_and_runs_in_windows_powershell_5_1() -> None:
    assert psast.problems(TREE) == []
    assert [str(f) for f in seven_only(TREE)] == []


@pytest.mark.parametrize("name", FUNCTIONS)
def test_each_function_is_an_advanced_function_with_a_synopsis(name: str) -> None:
    function = DEFINED[name]
    attributes = [psast.text(n) for n in psast.walk(function) if n.type == "attribute_name"]
    assert "CmdletBinding" in attributes
    assert ".SYNOPSIS" in (psast.help_comment(function) or "")


def test_the_start_function_takes_the_python_command_as_the_stdio_one_does() -> None:
    start_backend = psast.functions(
        psast.parse_file(MODULE / "Private" / "Start-Backend.ps1").root_node
    )
    stdio = [
        p.name
        for p in psast.function_parameters(start_backend["Start-AwsTokenBridgeStdioTransport"])
    ]
    inprocess = [
        p.name for p in psast.function_parameters(DEFINED["Start-AwsTokenBridgeInProcessTransport"])
    ]
    # -DeferStderr is the child process's own (the early start reads its stderr later); an
    # in-process backend has no stderr pipe to defer.
    assert inprocess == [name for name in stdio if name != "DeferStderr"]
    assert "Python" in inprocess


def test_python_is_configured_before_it_starts_and_gives_the_gil_back() -> None:
    initialize = DEFINED["Initialize-AwsTokenBridgeInProcess"]
    order = [first(initialize, step) for step in ("PythonDLL", "ProgramName", "Initialize")]
    assert order == sorted(order)
    assert first(initialize, "BeginAllowThreads") > first(initialize, "Initialize")
    # Initialize runs only while the engine is not initialized: once per process.
    assert first(initialize, "IsInitialized") < first(initialize, "Initialize")


@pytest.mark.parametrize(
    "name", ["Import-AwsTokenBridgeInProcessEntry", "Start-AwsTokenBridgeInProcessTransport"]
)
def test_every_gil_taken_is_given_back_in_a_finally_block(name: str) -> None:
    function = DEFINED[name]
    assert any(member == "GIL" for _, member in members(function))
    finally_blocks = [n for n in psast.walk(function) if n.type == "finally_clause"]
    disposed = [
        psast.text(n)
        for block in finally_blocks
        for n in psast.walk(block)
        if n.type == "invokation_expression" and psast.text(n).replace(" ", "") == "$gil.Dispose()"
    ]
    assert len(disposed) == 1
    taken = [
        n
        for n in psast.walk(function)
        if n.type == "assignment_expression" and "::GIL()" in psast.text(n)
    ]
    assert [psast.text(n.named_children[0]).strip() for n in taken] == ["$gil"]


def test_the_entry_point_module_exists_and_defines_what_the_module_calls() -> None:
    entry_name = psast.literal(script_assignment(TREE.root_node, "InProcessEntryModule"))
    entry = importlib.import_module(entry_name)
    called = string_arguments(DEFINED["Start-AwsTokenBridgeInProcessTransport"], "InvokeMethod")
    assert called and set(called) == {"connect"}
    connect = entry.connect
    assert connect is inprocess_dotnet.connect
    # Called with no argument, or with the configured log level.
    signature = inspect.signature(connect)
    signature.bind()
    signature.bind("debug")


def test_the_writer_and_reader_are_taken_in_the_order_connect_returns_them() -> None:
    start = psast.text(DEFINED["Start-AwsTokenBridgeInProcessTransport"])
    assert re.search(r"GetItem\(0\)\.AsManagedObject\(\[System\.IO\.TextWriter\]\)", start)
    assert re.search(r"GetItem\(1\)\.AsManagedObject\(\[System\.IO\.TextReader\]\)", start)
    # connect() returns the writer first: its docstring and its last line say so.
    assert "``(System.IO.TextWriter, System.IO.TextReader)``" in (
        inprocess_dotnet.connect.__doc__ or ""
    )
    assert inspect.getsource(inprocess_dotnet.connect).rstrip().endswith("return writer, reader")


def test_the_probe_is_beside_the_transport() -> None:
    assert (TRANSPORT.parent / "InProcessProbe.py").is_file()
    assert "'InProcessProbe.py'" in psast.text(
        script_assignment(TREE.root_node, "InProcessProbePath")
    )


def test_the_configuration_accepts_the_transport() -> None:
    transports = psast.literal(
        script_assignment(psast.parse_file(CONFIGURATION).root_node, "Transports")
    )
    assert "InProcess" in transports
    start = DEFINED["Start-AwsTokenBridgeInProcessTransport"]
    [call] = [c for c in psast.commands(start) if c.name == "New-AwsTokenBridgeConnection"]
    assert "'InProcess'" in psast.text(call.node)


def test_the_dotnet_host_makes_the_same_pythonnet_calls_in_the_same_order() -> None:
    source = HOST.read_text(encoding="utf-8")
    code = re.sub(r"//[^\n]*", "", source)  # comments name the calls too
    positions = []
    for step in PYTHONNET_STEPS:
        match = re.search(rf"\b{step}\b", code)
        assert match, f"the host never uses {step}"
        positions.append(match.start())
    assert positions == sorted(positions)
    module = psast.literal(script_assignment(TREE.root_node, "InProcessEntryModule"))
    assert f'"{module}"' in code
    assert '"connect"' in code
    assert "GetItem(0).AsManagedObject(typeof(TextWriter))" in code
    assert "GetItem(1).AsManagedObject(typeof(TextReader))" in code


def test_the_module_uses_every_pythonnet_step_it_is_checked_for() -> None:
    used = {member for _, member in members(TREE.root_node)}
    assert set(PYTHONNET_STEPS) <= used

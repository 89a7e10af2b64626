"""The waitress server: the command line, the background server, keep-alive, drops, stopping."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from py_backend.emulator import AccessKey, EmulatorServer
from py_backend.emulator.server import _parser, config_from_args

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_main_prints_the_address_and_serves(stop: signal.Signals) -> None:
    command = [sys.executable, "-m", "py_backend.emulator", "--host", "127.0.0.1", "--port", "0"]
    process = subprocess.Popen(
        [*command, "--region", "eu-west-1", "--auto-approve"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("listening on http://127.0.0.1:")
        base_url = line.split()[-1]
        with httpx.Client(base_url=base_url, timeout=10) as http:
            registration = http.post(
                "/client/register", json={"clientName": "x", "clientType": "public"}
            ).json()
            device = http.post(
                "/device_authorization",
                json={
                    "clientId": registration["clientId"],
                    "clientSecret": registration["clientSecret"],
                    "startUrl": "https://x",
                },
            ).json()
            listed = http.get("/__emulator/devices").json()["devices"]
        assert [d["status"] for d in listed] == ["approved"]  # --auto-approve
        assert device["userCode"] == listed[0]["userCode"]
    finally:
        process.send_signal(stop)
        _, stderr = process.communicate(timeout=20)
    assert process.returncode == 0, stderr


def test_command_line_keys_replace_the_default() -> None:
    args = _parser().parse_args(["--access-key", "AKIDONE:s1", "--access-key", "AKIDTWO:s2:tok"])
    config = config_from_args(args)
    assert config.access_keys == (AccessKey("AKIDONE", "s1"), AccessKey("AKIDTWO", "s2", "tok"))


def test_command_line_default_key_and_region() -> None:
    config = config_from_args(_parser().parse_args([]))
    assert config.region == "us-east-1"
    assert [k.access_key_id for k in config.access_keys] == ["AKIDEXAMPLE"]


@pytest.mark.parametrize("text", ["AKIDONLY", ":s3cr3t", "AKIDX:"])
def test_malformed_access_key(text: str) -> None:
    with pytest.raises(ValueError, match="AKID:SECRET") as error:
        AccessKey.parse(text)
    assert "s3cr3t" not in str(error.value)
    assert "AKIDX" not in str(error.value) and "AKIDONLY" not in str(error.value)


def test_access_key_repr_hides_secrets() -> None:
    assert "hunter2" not in repr(AccessKey.parse("AKID:hunter2:tok3n"))
    assert "tok3n" not in repr(AccessKey.parse("AKID:hunter2:tok3n"))


def test_keep_alive_reuses_one_connection() -> None:
    with EmulatorServer() as server, httpx.Client(base_url=server.base_url) as http:
        ports = set()
        for _ in range(3):
            response = http.get("/__emulator/stats", extensions={})
            stream = response.extensions["network_stream"]
            ports.add(stream.get_extra_info("client_addr")[1])
        assert len(ports) == 1


def test_drop_closes_the_socket_without_a_byte() -> None:
    with EmulatorServer() as server:
        httpx.post(f"{server.base_url}/__emulator/faults", json={"path": "/token", "drop": True})
        with socket.create_connection((server.host, server.port), timeout=10) as raw:
            raw.sendall(b"POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}")
            assert raw.recv(1024) == b""


def test_stop_closes_the_listening_socket() -> None:
    server = EmulatorServer().start()
    host, port = server.host, server.port
    assert httpx.get(f"{server.base_url}/__emulator/stats").status_code == 200
    server.stop()
    with pytest.raises(OSError):
        socket.create_connection((host, port), timeout=2).close()


def test_stop_without_start() -> None:
    server = EmulatorServer()
    server.stop()
    assert server.port > 0


@pytest.mark.parametrize("name", ["host", "port", "base_url"])
def test_where_it_listens_is_read_only(name: str) -> None:
    server = EmulatorServer()
    try:
        bound = getattr(server, name)
        with pytest.raises(AttributeError):
            setattr(server, name, "elsewhere")
        assert getattr(server, name) == bound
    finally:
        server.stop()

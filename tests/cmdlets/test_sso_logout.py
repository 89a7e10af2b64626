"""``Invoke-SSOOIDCLogout`` through ``invoke_cmdlet``: ``-EndpointUrl`` and ``$/cancelRequest``
reach the portal's ``Logout`` calls (the flow itself is tested in ``tests/flows``)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from py_backend.cmdlets import CmdletError, ShellContext
from py_backend.flows.cache import sso_token_cache_key
from tests.cmdlets.support import BASE_URL, CLEAN, Recorder

CMDLET = "Invoke-SSOOIDCLogout"


def _tokens(home: Path, count: int) -> list[Path]:
    cache = home / ".aws" / "sso" / "cache"
    cache.mkdir(parents=True)
    paths = []
    for number in range(count):
        path = cache / f"{sso_token_cache_key(f'{BASE_URL}/start{number}')}.json"
        entry = {"accessToken": f"token-{number}", "region": "us-east-1", "startUrl": "x"}
        path.write_text(json.dumps(entry))
        paths.append(path)
    return paths


def _shell(home: Path) -> ShellContext:
    return ShellContext(environ={**CLEAN, "HOME": str(home), "USERPROFILE": str(home)})


def test_endpoint_url_is_where_logout_goes(tmp_path: Path) -> None:
    (path,) = _tokens(tmp_path, 1)
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, content=b"")

    recorder = Recorder(httpx.MockTransport(answer))
    endpoint = "http://127.0.0.1:8124"
    (result,) = recorder.invoke(CMDLET, {"EndpointUrl": endpoint}, _shell(tmp_path))
    assert result["RemovedCount"] == 1 and not path.exists()
    assert [str(request.url) for request in sent] == [f"{endpoint}/logout"]


def test_a_cancel_during_the_sweep_stops_it(tmp_path: Path) -> None:
    paths = _tokens(tmp_path, 2)
    sent: list[httpx.Request] = []
    recorder = Recorder()

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        recorder.cancelled.set()  # $/cancelRequest while the first Logout is in flight
        return httpx.Response(200, content=b"")

    recorder.transport = httpx.MockTransport(answer)
    with pytest.raises(CmdletError) as stopped:
        recorder.invoke(CMDLET, {"EndpointUrl": BASE_URL}, _shell(tmp_path))
    assert stopped.value.to_data()["exceptionType"] == "System.OperationCanceledException"
    # The second token was neither sent to the portal nor removed.
    assert len(sent) == 1
    assert sum(path.exists() for path in paths) == 1

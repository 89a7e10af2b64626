"""Concurrency: 8 RPC callers, 8 RPC backends, 8 threads on one Python client; 500 calls each.

Every answer must come back exactly once, to the caller that asked, carrying that caller's
data: a lost answer times out, a duplicated one is counted, and a crossed one carries
another caller's values (each request has values of its own that its answer echoes).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from py_backend.emulator import EmulatorServer
from tests.reliability.support import Control, device_tokens, oidc_client
from tests.rpc.client import RpcClient

pytestmark = pytest.mark.timeout(90)

CALLERS = 8
CALLS = 500
NETWORK_EVERY = 25  # one call in 25 goes to the emulator; the rest fail before the network


def run_threads(work: Callable[[int], Any]) -> list[Any]:
    """``work(k)`` for k in 0..7 on 8 threads at once; their results (errors re-raised)."""
    barrier = threading.Barrier(CALLERS)

    def start(k: int) -> Any:
        barrier.wait()
        return work(k)

    with ThreadPoolExecutor(max_workers=CALLERS) as pool:
        return list(pool.map(start, range(CALLERS)))


def echoing_request(server: EmulatorServer, tag: str, index: int) -> tuple[dict[str, Any], Any]:
    """A request whose answer carries ``tag``, and what the answer must contain.

    Most are ``New-SSOOIDCToken`` without a region (the backend's environment has none):
    refused before the network, with the ShouldProcess target (the ClientId) as the
    error's target object. Every 25th registers a client with the emulator and selects its
    own ``-ClientName`` parameter, so the answer is that name.
    """
    if index % NETWORK_EVERY == 0:
        parameters = {
            "ClientName": tag,
            "ClientType": "public",
            "Select": "^ClientName",
            "Region": "us-east-1",
            "EndpointUrl": server.base_url,
        }
        return {"cmdlet": "Register-SSOOIDCClient", "parameters": parameters}, [tag]
    parameters = {
        "ClientId": tag,
        "ClientSecret": "s",
        "GrantType": "refresh_token",
        "RefreshToken": "r",
    }
    return {"cmdlet": "New-SSOOIDCToken", "parameters": parameters}, tag


def echoed(answer: dict[str, Any]) -> Any:
    if "result" in answer:
        return answer["result"]["items"]
    assert answer["error"]["data"]["errorCode"] == "NoRegionError", answer
    return answer["error"]["data"]["targetObject"]


def assert_clean(backend: RpcClient, expected_answers: int) -> None:
    assert backend.corrupt == []
    assert len(backend.answer_log) == expected_answers
    assert all(len(answers) == 1 for answers in backend.answers.values())


def test_8_callers_share_one_backend(server: EmulatorServer, control: Control) -> None:
    """8 threads, one backend process: each sends a request and waits for its answer."""
    with RpcClient() as backend:
        backend.result("initialize", {"protocolVersion": "1.0"})
        lock = threading.Lock()

        def caller(k: int) -> int:
            for i in range(CALLS):
                tag = f"caller{k}-call{i}"
                params, expected = echoing_request(server, tag, i)
                with lock:  # one writer at a time, as the module's single pipe writer
                    request_id = backend.request("invoke", params, id=tag)
                assert echoed(backend.response(request_id)) == expected
            return CALLS

        assert sum(run_threads(caller)) == CALLERS * CALLS
        assert_clean(backend, 1 + CALLERS * CALLS)
        assert backend.close() == 0
    assert control.requests("/client/register") == CALLERS * CALLS // NETWORK_EVERY


def test_8_backends_each_with_500_pipelined_requests(
    server: EmulatorServer, control: Control
) -> None:
    """8 backend processes at once, each sent all 500 requests before any answer is read."""

    def pipeline(k: int) -> int:
        with RpcClient() as backend:
            expected = {}
            for i in range(CALLS):
                tag = f"backend{k}-call{i}"
                params, expected[tag] = echoing_request(server, tag, i)
                backend.request("invoke", params, id=i)
            for i in range(CALLS):
                assert echoed(backend.response(i)) == expected[f"backend{k}-call{i}"]
            assert_clean(backend, CALLS)
            assert backend.close() == 0
        return CALLS

    assert sum(run_threads(pipeline)) == CALLERS * CALLS
    assert control.requests("/client/register") == CALLERS * CALLS // NETWORK_EVERY


def test_8_threads_share_one_python_client(server: EmulatorServer, control: Control) -> None:
    """One SSO OIDC client, 8 threads, each refreshing its own registered client's token.

    A crossed answer would hand a thread another client's token: the emulator's records
    say which client each access token was issued to, and the next refresh would fail.
    """
    tokens = server.app.state.access_tokens
    with oidc_client(server.base_url) as oidc:
        chains = [device_tokens(oidc, control) for _ in range(CALLERS)]
        before = control.stats()["operations"]["CreateToken"]

        def refresher(k: int) -> int:
            credentials, token = chains[k]
            refresh = token["refreshToken"]
            for _ in range(CALLS):
                answer = oidc.create_token(
                    **credentials, grantType="refresh_token", refreshToken=refresh
                )
                access = answer.reveal("accessToken")
                assert tokens[access].client_id == credentials["clientId"]
                refresh = answer["refreshToken"]
            return CALLS

        assert sum(run_threads(refresher)) == CALLERS * CALLS
    created = control.stats()["operations"]["CreateToken"] - before
    assert created == CALLERS * CALLS  # none lost, none sent twice

"""``--debug`` logs on the client's own connections: a proxy is used with it as without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.support import make_environ, our_command, run
from tests.support.recording_server import CannedResponse, RecordingServer

TOKEN = {"accessToken": "a-token", "tokenType": "Bearer", "expiresIn": 3600}
SECRET = "planted-client-secret-3f9"
ARGS = [
    "sso-oidc",
    "create-token",
    "--endpoint-url",
    "http://oidc.example.invalid",
    "--client-id",
    "id",
    "--client-secret",
    SECRET,
    "--grant-type",
    "refresh_token",
    "--refresh-token",
    "planted-refresh-token-3f9",
]


@pytest.mark.parametrize("debug", [False, True], ids=["plain", "debug"])
def test_the_proxy_carries_the_call(tmp_path: Path, debug: bool) -> None:
    with RecordingServer() as proxy:
        proxy.respond(CannedResponse.json(200, TOKEN))
        environ = make_environ(tmp_path, HTTP_PROXY=proxy.url)
        done = run(our_command([*ARGS, *(["--debug"] if debug else [])]), environ)
        requests = proxy.take()
    assert done.code == 0, done.stderr
    # The proxy got the request in absolute form: it went through the proxy, not around it.
    assert [r.target for r in requests] == ["http://oidc.example.invalid/token"]
    assert '"tokenType": "Bearer"' in done.stdout
    if debug:
        assert "Sending http request: POST http://oidc.example.invalid/token" in done.stderr
        assert "Response status: 200" in done.stderr
        assert SECRET not in done.stderr and "planted-refresh-token-3f9" not in done.stderr

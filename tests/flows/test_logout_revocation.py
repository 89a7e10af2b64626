"""``aws-token-bridge logout`` ends the sign-in session before it removes the cache (issue 20).

A real ``aws login`` against the emulator, then ``logout`` as a process: the emulator sees one
``RevokeOAuth2TokenWithIAM`` signed with the session's own credentials, the refresh token is
refused afterwards, introspection calls it inactive and ListSessions shows the session
REVOKED. A revocation that fails does not keep the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from py_backend import Session
from py_backend.auth.dpop import load_private_key_pem
from py_backend.flows.cache import login_cache_key
from tests.emulator.support import ACCESS_KEY, SECRET_KEY
from tests.flows.support import REGION, Emulator
from tests.flows.test_export_credentials import ARN, login
from tests.flows.test_export_credentials import env as env  # the fixture, shared
from tests.flows.test_logout import run

__all__ = ["env"]


def _entry(env: dict[str, str]) -> tuple[Path, dict[str, Any]]:
    path = Path(env["AWS_LOGIN_CACHE_DIRECTORY"]) / f"{login_cache_key(ARN)}.json"
    return path, json.loads(path.read_text())


def _signin(emulator: Emulator) -> Any:
    session = Session(
        region_name=REGION,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        environ={"AWS_CONFIG_FILE": "/nonexistent"},
    )
    return session.client("signin", endpoint_url=emulator.base_url)


def _refresh(emulator: Emulator, entry: dict[str, Any]) -> Any:
    with _signin(emulator) as client:
        return client.create_oauth2_token(
            tokenInput={
                "clientId": entry["clientId"],
                "grantType": "refresh_token",
                "refreshToken": entry["refreshToken"],
            },
            dpop_key=load_private_key_pem(entry["dpopKey"]),
        )


@pytest.mark.parametrize("args", [("logout", "--profile", "console"), ("logout", "--all")])
def test_logout_revokes_the_refresh_token_then_removes_the_cache(
    env: dict[str, str], emulator: Emulator, args: tuple[str, ...]
) -> None:
    login(env)
    path, entry = _entry(env)
    with _signin(emulator) as client:
        assert client.introspect_oauth2_token_with_iam(token=entry["refreshToken"]).active
    revocations = emulator.operations().get("RevokeOAuth2TokenWithIAM", 0)
    done = run(env, *args)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Removed ")
    assert not path.exists()
    assert emulator.operations()["RevokeOAuth2TokenWithIAM"] == revocations + 1
    with _signin(emulator) as client:
        answer = client.introspect_oauth2_token_with_iam(token=entry["refreshToken"])
        assert answer.to_dict() == {"active": False}
        statuses = {s.status for s in client.list_sessions().items_}
        assert "REVOKED" in statuses
    with pytest.raises(Exception) as refused:
        _refresh(emulator, entry)
    assert getattr(refused.value, "error_code", "") == "AccessDeniedException"


def test_a_failed_revocation_still_removes_the_cache(
    env: dict[str, str], emulator: Emulator
) -> None:
    login(env)
    path, entry = _entry(env)
    broken = {**entry, "accessToken": {**entry["accessToken"], "secretAccessKey": "x" * 40}}
    path.write_text(json.dumps(broken))
    done = run(env, "logout", "--profile", "console")
    assert done.returncode == 0, done.stderr
    assert not path.exists()
    # The service refused the bad signature: the session stays active (nothing was revoked).
    assert _refresh(emulator, entry).token_output is not None

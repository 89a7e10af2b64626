"""The README's demo runs every flow against the emulator and prints no secret."""

from __future__ import annotations

import subprocess
import sys

import pytest

from py_backend import demo


def test_demo_runs_every_flow_and_masks_every_secret(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    masked: list[str] = []
    real_mask = demo.mask

    def recording_mask(value: object) -> str:
        masked.append(str(value))
        return real_mask(value)

    monkeypatch.setattr(demo, "mask", recording_mask)
    assert demo.main([]) == 0
    out = capsys.readouterr().out
    assert "all 23 steps succeeded" in out
    for flow in ("device code", "auth code + PKCE", "DPoP", "jwt-bearer", "token-exchange"):
        assert flow in out
    for step in ("ListAccounts", "ListAccountRoles", "GetRoleCredentials", "Logout"):
        assert step in out
    assert "3 accounts: Development, Production, Sandbox" in out
    assert "token refused afterwards" in out
    assert "pending -> slow_down -> pending -> approved" in out
    # It ends with the Sign-In token's introspection and revocation (issue 20).
    assert "active=True, refresh_token" in out and "active=False after revoke" in out
    assert "1 session: CLI ACTIVE" in out
    assert out.index("RevokeOAuth2TokenWithIAM") > out.index("token-exchange")
    assert "refused: AccessDeniedException TOKEN_EXPIRED" in out
    assert len(masked) >= 14
    assert not [secret for secret in masked if secret in out]
    assert demo.SECRET_KEY not in out


def test_demo_command_line() -> None:
    finished = subprocess.run(
        [sys.executable, "-m", "py_backend", "demo"], capture_output=True, text=True, timeout=60
    )
    assert finished.returncode == 0, finished.stderr
    assert finished.stdout.startswith("emulator listening on http://127.0.0.1:")
    assert "all 23 steps succeeded" in finished.stdout

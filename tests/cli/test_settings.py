"""``cli.settings.Profile``: the selected profile's settings, never shown by its repr."""

from __future__ import annotations

from pathlib import Path

import pytest

from py_backend.cli.settings import Profile


def test_the_repr_shows_no_key_from_the_environment_or_the_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    credentials = tmp_path / "credentials"
    credentials.write_text("[default]\naws_secret_access_key = file-secret\n")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(credentials))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "config"))
    monkeypatch.setenv("AWS_SESSION_TOKEN", "env-secret")
    profile = Profile.load(None)
    assert profile.settings  # the file was read
    assert "secret" not in repr(profile)

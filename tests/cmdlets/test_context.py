"""ShellContext.from_json: the shell state the module sends with every invoke."""

from __future__ import annotations

import os
from typing import Any

import pytest

from py_backend.cmdlets import CmdletError, ShellContext
from py_backend.cmdlets.context import process_environment


def test_empty_and_missing() -> None:
    assert ShellContext.from_json(None) == ShellContext()
    assert ShellContext.from_json({}) == ShellContext()


def test_stored_keys_and_region() -> None:
    keys = {"AccessKey": "AKID", "SecretKey": "hidden-secret", "Token": None}
    shell = ShellContext.from_json({"storedCredentials": keys, "storedRegion": "eu-west-1"})
    assert shell.stored_credentials == keys and shell.stored_region == "eu-west-1"
    assert "hidden-secret" not in repr(shell)


def test_stored_profile() -> None:
    stored = {"ProfileName": "work", "ProfileLocation": "/tmp/creds"}
    assert ShellContext.from_json({"storedCredentials": stored}).stored_credentials == stored


@pytest.mark.parametrize(
    "data",
    [
        "text",
        {"storedCredentials": "text"},
        {"storedCredentials": {"AccessKey": "a"}},
        {"storedCredentials": {"AccessKey": "a", "SecretKey": ""}},
        {"storedCredentials": {"AccessKey": "a", "SecretKey": 5}},
        {"storedCredentials": {"ProfileName": "p", "AccessKey": "a"}},
        {"storedCredentials": {"ProfileLocation": "/x"}},
        {"storedRegion": 5},
        {"environment": ["x"]},
        {"environment": {"AWS_REGION": 5}},
        {"dpopKey": {"pem": "x"}},
    ],
)
def test_bad_shapes_are_refused_without_quoting_values(data: Any) -> None:
    with pytest.raises(CmdletError) as caught:
        ShellContext.from_json(data)
    assert caught.value.to_data()["category"] == "InvalidArgument"
    assert "/x" not in str(caught.value)


def test_environment_overrides_and_unsets(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "us-west-2")
    monkeypatch.setenv("AWS_PROFILE", "old")
    shell = ShellContext.from_json(
        {"environment": {"AWS_PROFILE": None, "AWS_DEFAULT_REGION": "x"}}
    )
    environ = shell.environment()
    assert environ["AWS_REGION"] == "us-west-2" and environ["AWS_DEFAULT_REGION"] == "x"
    assert "AWS_PROFILE" not in environ


def test_default_environment_is_the_process_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AWS_REGION", "ap-east-1")
    assert ShellContext().environment()["AWS_REGION"] == "ap-east-1"


def test_unknown_keys_are_ignored() -> None:
    assert ShellContext.from_json({"somethingNew": 1}) == ShellContext()


def test_the_process_environment_is_one_snapshot_until_a_variable_changes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWSTB_SNAPSHOT_TEST", "one")
    first = process_environment()
    assert process_environment() is first  # unchanged: the same object, nothing copied
    assert dict(first) == dict(os.environ)
    monkeypatch.setenv("AWSTB_SNAPSHOT_TEST", "two")
    second = process_environment()
    assert second is not first and second["AWSTB_SNAPSHOT_TEST"] == "two"
    assert first["AWSTB_SNAPSHOT_TEST"] == "one"  # a snapshot taken earlier never changes
    monkeypatch.delenv("AWSTB_SNAPSHOT_TEST")
    assert "AWSTB_SNAPSHOT_TEST" not in process_environment()
    assert dict(process_environment()) == dict(os.environ)


def test_the_environment_snapshot_is_read_only() -> None:
    environ: Any = ShellContext().environment()
    with pytest.raises(TypeError):
        environ["AWSTB_SNAPSHOT_TEST"] = "x"

"""Cache names, places and timestamps as the AWS CLI's; private, atomic file writes."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from py_backend.flows.cache import (
    TokenCache,
    format_timestamp,
    login_cache_dir,
    login_cache_key,
    parse_timestamp,
    sso_cache_dir,
    sso_registration_cache_key,
    sso_token_cache_key,
)
from py_backend.flows.files import write_private_file

posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX mode bits")


# --- names (vectors from login-flows.md, taken from botocore's and the CLI's tests) ----------


def test_sso_token_names_are_sha1_of_the_session_or_the_start_url() -> None:
    assert sso_token_cache_key("https://ignored", "admin") == (
        "d033e22ae348aeb5660fc2140aec35850c4da997"
    )
    assert sso_token_cache_key("https://ignored", "test-session") == (
        "70780fa17c57df49aa7c7f603fde6ea7a14148f2"
    )
    # A legacy profile has no session: the start URL names the file.
    assert sso_token_cache_key("admin") == sso_token_cache_key("https://x", "admin")


def test_login_names_are_sha256_of_the_login_session() -> None:
    arn = "arn:aws:sts::012345678910:assumed-role/Admin/admin"
    assert login_cache_key(arn) == (
        "4b0ba8f99f075c0633e122fd73346ce203a3faf18ea0310eb2d29df1bab2e255"
    )


def test_registration_name_hashes_the_clis_json_description() -> None:
    import hashlib

    # The string json.dumps(..., sort_keys=True) gives for the CLI's description dict.
    described = (
        '{"region": "us-east-1", "scopes": null, "session_name": "corp", '
        '"startUrl": "https://d-1.awsapps.com/start", "tool": "botocore"}'
    )
    expected = hashlib.sha1(described.encode()).hexdigest()
    assert sso_registration_cache_key(
        "https://d-1.awsapps.com/start", "us-east-1", None, "corp"
    ) == (expected)


def test_registration_name_changes_with_every_input() -> None:
    base = ("https://d-1.awsapps.com/start", "us-east-1", ["sso:account:access"], "corp")
    variants = [
        ("https://d-2.awsapps.com/start", *base[1:]),
        (base[0], "eu-west-1", *base[2:]),
        (*base[:2], None, base[3]),
        (*base[:2], [], base[3]),
        (*base[:3], None),
    ]
    names = {sso_registration_cache_key(*base)} | {
        sso_registration_cache_key(*variant) for variant in variants
    }
    assert len(names) == len(variants) + 1


def test_cache_directories_follow_home_and_the_override(tmp_path: Path) -> None:
    environ = {"HOME": str(tmp_path), "USERPROFILE": str(tmp_path)}
    assert sso_cache_dir(environ) == tmp_path / ".aws" / "sso" / "cache"
    assert login_cache_dir(environ) == tmp_path / ".aws" / "login" / "cache"
    environ["AWS_LOGIN_CACHE_DIRECTORY"] = "~/elsewhere"
    assert login_cache_dir(environ) == tmp_path / "elsewhere"


# --- timestamps -----------------------------------------------------------------------------


def test_timestamps_are_written_as_the_cli_writes_them() -> None:
    moment = datetime(2025, 11, 19, 0, 15, 0, 123456, tzinfo=timezone.utc)
    assert format_timestamp(moment) == "2025-11-19T00:15:00Z"
    eastern = moment.astimezone(timezone(timedelta(hours=-5)))
    assert format_timestamp(eastern) == "2025-11-19T00:15:00Z"


@pytest.mark.parametrize(
    "text",
    [
        "2025-11-19T00:15:00Z",
        "2025-11-19T00:15:00.000Z",  # the JavaScript SDK's toISOString()
        "2025-11-19T00:15:00+00:00",
        "2025-11-19T00:15:00UTC",  # botocore JSONFileCache's %Z
        "2025-11-19T01:15:00+01:00",
        "2025-11-18T19:15:00-0500",
        "2025-11-19 00:15:00",
    ],
)
def test_every_written_form_of_a_timestamp_is_read(text: str) -> None:
    assert parse_timestamp(text) == datetime(2025, 11, 19, 0, 15, tzinfo=timezone.utc)


def test_fractional_seconds_are_kept() -> None:
    assert parse_timestamp("2025-11-19T00:15:00.5Z").microsecond == 500000


@pytest.mark.parametrize("text", ["", "tomorrow", "2025-11-19", "2025-13-19T00:00:00Z"])
def test_garbage_timestamps_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_timestamp(text)


# --- files ----------------------------------------------------------------------------------


@posix_only
def test_cache_files_are_private_and_new_directories_too(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path / "a" / "b")
    path = cache.save("key", {"accessToken": "x"})
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "a").stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "a" / "b").stat().st_mode) == 0o700


@posix_only
def test_existing_directories_keep_their_mode(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)
    TokenCache(tmp_path).save("key", {})
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o755


def test_a_save_replaces_the_file_with_a_new_one(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    first = cache.save("key", {"n": 1})
    inode = first.stat().st_ino
    cache.save("key", {"n": 2})
    assert cache.load("key") == {"n": 2}
    if os.name != "nt":  # NTFS file ids are not inode numbers
        assert first.stat().st_ino != inode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.json"]


@posix_only
def test_a_reader_of_the_old_file_still_reads_it_whole(tmp_path: Path) -> None:
    # Windows cannot replace a file that is open; POSIX readers keep the old inode.
    cache = TokenCache(tmp_path)
    path = cache.save("key", {"n": 1})
    with path.open("rb") as reader:
        cache.save("key", {"n": 2})
        assert json.loads(reader.read()) == {"n": 1}


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = TokenCache(tmp_path)
    cache.save("key", {"n": 1})

    def crash(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        cache.save("key", {"n": 2})
    assert cache.load("key") == {"n": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["key.json"]


def test_unserialisable_values_touch_nothing(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    with pytest.raises(TypeError):
        cache.save("key", {"when": object()})
    assert list(tmp_path.iterdir()) == []


def test_reads_forgive_missing_and_broken_files(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    assert cache.load("absent") is None
    (tmp_path / "broken.json").write_text("{not json")
    (tmp_path / "list.json").write_text("[1, 2]")
    assert cache.load("broken") is None
    assert cache.load("list") is None
    assert cache.delete("broken") is True
    assert cache.delete("broken") is False


@posix_only
def test_write_private_file_can_keep_another_mode(tmp_path: Path) -> None:
    target = tmp_path / "config"
    write_private_file(target, b"[default]\n", mode=0o644)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert target.read_bytes() == b"[default]\n"


def test_entries_are_every_file_holding_an_object_read_as_load_reads(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    assert list(TokenCache(tmp_path / "absent").entries()) == []
    cache.save("b", {"n": 2})
    (tmp_path / "a-no-suffix").write_text('{"n": 1}')
    (tmp_path / "deep.json").write_text("[" * 100_000)
    (tmp_path / "list.json").write_text("[1, 2]")
    (tmp_path / "sub").mkdir()
    assert list(cache.entries()) == [
        (tmp_path / "a-no-suffix", {"n": 1}),
        (tmp_path / "b.json", {"n": 2}),
    ]
    assert cache.load("deep") is None

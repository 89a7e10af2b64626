"""Writes of the config file and the token caches that cannot be corrupted or lost.

Symbolic links are written through; no value can hold a line break of any kind; concurrent
writers (other processes) lose no update; a writer killed mid-write leaves a temporary file
only until the next write.
"""

from __future__ import annotations

import configparser
import errno
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest

from py_backend.errors import FileAccessError, ParamValidationError
from py_backend.flows.cache import TokenCache, parse_timestamp
from py_backend.flows.config_writer import set_section_values, update_config_section

REPO_ROOT = Path(__file__).resolve().parents[2]
posix_only = pytest.mark.skipif(os.name == "nt", reason="symbolic links and kill -9")

#: Every character ``str.splitlines`` breaks at.
LINE_BREAKS = ["\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def read_config(path: Path) -> configparser.RawConfigParser:
    """The file as botocore reads it."""
    parser = configparser.RawConfigParser()
    parser.read(path, encoding="utf-8")
    return parser


# --- symbolic links ---------------------------------------------------------------------------


@posix_only
def test_a_config_file_that_is_a_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "dotfiles" / "aws-config"
    real.parent.mkdir()
    real.write_text("[profile dev]\nregion = eu-west-1\n")
    link = tmp_path / ".aws" / "config"
    link.parent.mkdir()
    link.symlink_to(real)
    update_config_section(link, "profile dev", {"login_session": "arn:aws:iam::1:user/u"})
    assert link.is_symlink()
    assert read_config(real).get("profile dev", "login_session") == "arn:aws:iam::1:user/u"
    assert read_config(real).get("profile dev", "region") == "eu-west-1"


@posix_only
def test_a_cache_file_that_is_a_link_is_written_through(tmp_path: Path) -> None:
    real = tmp_path / "elsewhere" / "token.json"
    real.parent.mkdir()
    real.write_text("{}")
    cache = TokenCache(tmp_path / "cache")
    cache.directory.mkdir()
    cache.path("key").symlink_to(real)
    cache.save("key", {"accessToken": "new"})
    assert cache.path("key").is_symlink()
    assert cache.load("key") == {"accessToken": "new"}
    assert real.read_text() == '{"accessToken": "new"}'


# --- line breaks ------------------------------------------------------------------------------


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=[f"U+{ord(c):04X}" for c in LINE_BREAKS])
def test_values_keys_and_sections_with_any_line_break_are_refused(tmp_path: Path, brk: str) -> None:
    path = tmp_path / "config"
    path.write_text("[profile a]\nregion = x\n")
    for section, values, named in (
        ("profile a", {"sso_session": f"v{brk}[profile x]"}, "sso_session"),
        ("profile a", {f"k{brk}ey": "v"}, f"k{brk}ey"),
        (f"profile a{brk}b", {"region": "v"}, "section"),
    ):
        with pytest.raises(ParamValidationError) as raised:
            update_config_section(path, section, values)
        assert raised.value.parameters == (named,)
    assert path.read_text() == "[profile a]\nregion = x\n"


def test_lines_are_the_lines_configparser_sees(tmp_path: Path) -> None:
    # A form feed inside an existing value is not a line break for configparser: the
    # settings after it stay in their section when another value is set.
    path = tmp_path / "config"
    path.write_text("[profile a]\nnote = one\x0c[profile x]\nregion = x\n", encoding="utf-8")
    update_config_section(path, "profile a", {"output": "json"})
    parser = read_config(path)
    assert parser.sections() == ["profile a"]
    assert parser.get("profile a", "note") == "one\x0c[profile x]"
    assert parser.get("profile a", "output") == "json"
    assert parser.get("profile a", "region") == "x"


def test_old_mac_line_ends_are_lines() -> None:
    updated = set_section_values("[a]\rregion = x\r[b]\rregion = y\r", "b", {"region": "z"})
    assert updated == "[a]\rregion = x\r[b]\rregion = z\n"


# --- concurrent writers -----------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from py_backend.flows.config_writer import update_config_section
    path, name, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    for n in range(count):
        update_config_section(path, "profile shared", {f"{name}_{n}": str(n)})
    """
)


def test_concurrent_writers_in_other_processes_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "config"
    writers, count = 4, 40
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(path), f"w{k}", str(count)], cwd=REPO_ROOT
        )
        for k in range(writers)
    ]
    assert [process.wait(timeout=120) for process in processes] == [0] * writers
    written = dict(read_config(path).items("profile shared"))
    expected = {f"w{k}_{n}": str(n) for k in range(writers) for n in range(count)}
    assert written == expected


# --- a writer killed mid-write ----------------------------------------------------------------

_STUCK_WRITER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from py_backend.flows import files
    def stuck(source, target):  # the temporary file is complete; the rename never comes
        print("written", flush=True)
        time.sleep(600)
    files.os.replace = stuck
    files.write_private_file(Path(sys.argv[1]), b'{"accessToken": "half"}')
    """
)


@posix_only
def test_a_writer_killed_mid_write_leaves_nothing_after_the_next_write(tmp_path: Path) -> None:
    cache = TokenCache(tmp_path)
    cache.save("key", {"n": 1})
    with subprocess.Popen(
        [sys.executable, "-c", _STUCK_WRITER, str(cache.path("key"))],
        cwd=REPO_ROOT,
        stdout=subprocess.PIPE,
    ) as writer:
        assert writer.stdout is not None
        assert writer.stdout.readline() == b"written\n"
        os.kill(writer.pid, signal.SIGKILL)  # while it holds the lock, too
        writer.wait(timeout=30)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "key.json"]
    assert len(leftovers) == 1 and leftovers[0].endswith(".tmp")  # what kill -9 leaves
    # Someone else's file that merely looks temporary is not ours to remove.
    (tmp_path / "tmpabcdefgh.tmp").write_text("botocore's")
    cache.save("other", {"n": 2})
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "key.json",
        "other.json",
        "tmpabcdefgh.tmp",
    ]
    assert cache.load("key") == {"n": 1}


# --- file-system problems are named errors ----------------------------------------------------


def test_a_read_only_file_system_is_a_named_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root ignores directory permissions, so the read-only file system is played here.
    def read_only(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    cache = TokenCache(tmp_path)
    with pytest.raises(FileAccessError) as raised:
        cache.save("key", {"n": 1})
    assert raised.value.path == str(cache.path("key"))
    assert str(raised.value).startswith(f"Could not write {cache.path('key')}: ")
    assert "Read-only file system" in str(raised.value)
    with pytest.raises(FileAccessError):
        update_config_section(tmp_path / "config", "default", {"region": "x"})


def test_a_file_where_the_directory_must_be_is_a_named_error(tmp_path: Path) -> None:
    (tmp_path / "cache").write_text("not a directory")
    cache = TokenCache(tmp_path / "cache" / "sso")
    with pytest.raises(FileAccessError) as raised:
        cache.save("key", {"n": 1})
    assert raised.value.path == str(cache.path("key"))


@pytest.mark.parametrize(
    "content",
    ["[" * 100_000, '{"expiresAt": "9999-12-31T23:59:59-01:00"}', "\xff\xfe", "[]"],
    ids=["nested", "out-of-range", "not-utf8", "not-an-object"],
)
def test_corrupt_cache_files_read_as_not_cached(tmp_path: Path, content: str) -> None:
    cache = TokenCache(tmp_path)
    cache.path("key").write_text(content, encoding="latin-1")
    value = cache.load("key")
    assert value is None or parse_or_none(value.get("expiresAt")) is None


def parse_or_none(text: object) -> object:
    try:
        return parse_timestamp(str(text))
    except ValueError:
        return None

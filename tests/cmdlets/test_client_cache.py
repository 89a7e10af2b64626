"""The backend's client and credential caches (issue 15.2): reuse, bounds, invalidation.

The invalidation tests run cmdlets over real TLS (a TLS front with a test CA before the
emulator) and change what the client depends on between two calls: a stale client would
still trust the CA, so the second call would succeed; a fresh one fails verification.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.cancellation import Cancellation
from py_backend.client_config import ClientConfig
from py_backend.cmdlets import CmdletError, InvocationHooks, ShellContext, invoke_cmdlet
from py_backend.cmdlets.client_cache import ClientCache, client_key, environ_digest
from py_backend.cmdlets.credential_cache import ADVISORY_REFRESH, CredentialCache
from py_backend.cmdlets.invoke import _settings_environ, plan_call
from py_backend.cmdlets.parameters import BoundParameters
from py_backend.cmdlets.specs import find_cmdlet
from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.emulator.tls import TlsFront, make_test_ca
from py_backend.transport import use_http_transport
from tests.cmdlets.support import write

# --- the cache itself -----------------------------------------------------------------------


class FakeClient:
    def __init__(self, name: str) -> None:
        self.name = name
        self.closed = False

    def close(self) -> None:
        self.closed = True


def lease(cache: ClientCache, key: str, cancelled: threading.Event | None = None) -> FakeClient:
    with cache.lease(key, lambda _: FakeClient(key), cancelled) as client:
        assert isinstance(client, FakeClient)
        return client


def test_a_kept_client_is_reused_for_its_key_only() -> None:
    cache = ClientCache()
    first = lease(cache, "a")
    assert lease(cache, "a") is first
    assert lease(cache, "b") is not first
    assert cache.built == 2


def test_a_leased_client_is_never_shared() -> None:
    cache = ClientCache()
    with (
        cache.lease("a", lambda _: FakeClient("1")) as one,
        cache.lease("a", lambda _: FakeClient("2")) as two,
    ):
        assert one is not two
    assert cache.idle == 2


def test_idle_clients_are_bounded_least_recently_used_first_out() -> None:
    cache = ClientCache(max_idle=2)
    a, b = lease(cache, "a"), lease(cache, "b")
    assert lease(cache, "a") is a  # "a" is now the most recently used
    c = lease(cache, "c")
    assert b.closed and not a.closed and not c.closed
    assert cache.idle == 2
    assert lease(cache, "b") is not b


def test_a_cancelled_call_closes_its_client_and_only_its_own() -> None:
    cache = ClientCache()
    built: list[Cancellation] = []
    call = Cancellation()

    def build(cancellation: Cancellation) -> FakeClient:
        built.append(cancellation)
        return FakeClient("a")

    other = lease(cache, "other")
    with cache.lease("a", build, call) as client:
        call.set()  # $/cancelRequest during the call
        assert built[0].is_set()  # the client's own cancellation (its sockets) follows
    assert client.closed and not other.closed
    assert lease(cache, "a") is not client


def test_the_call_cancellation_is_unlinked_after_the_lease() -> None:
    cache = ClientCache()
    call = Cancellation()
    first = lease(cache, "a", call)
    call.set()  # a later cancel of that call must not reach the kept client
    assert not first.closed
    assert lease(cache, "a") is first


def test_close_closes_idle_and_leased_clients_and_the_cache_goes_on() -> None:
    cache = ClientCache()
    idle = lease(cache, "a")
    with cache.lease("b", lambda _: FakeClient("b")) as leased:
        cache.close()
        assert idle.closed and not leased.closed
    assert leased.closed  # given back after the close: not kept
    fresh = lease(cache, "a")
    assert not fresh.closed and lease(cache, "a") is fresh


def test_the_key_tells_apart_what_a_client_is_built_from() -> None:
    base = {"region_name": "us-east-1", "endpoint_url": None, "aws_secret_access_key": "s1"}

    def key(**changes: Any) -> str:
        environ = changes.pop("environ", {"A": "1"})
        return client_key("sso-oidc", {**base, **changes}, {}, environ, ())

    assert key() == key()
    assert key(aws_secret_access_key="s2") != key()
    assert key(region_name="eu-west-1") != key()
    assert key(environ={"A": "2"}) != key()
    assert "s1" not in key()
    dpop = ec.generate_private_key(ec.SECP256R1())
    assert key(dpop_key=dpop) == key(dpop_key=dpop)
    assert key(dpop_key=dpop) != key(dpop_key=ec.generate_private_key(ec.SECP256R1()))


def test_the_key_reads_every_field_of_a_config_even_one_left_out_of_its_repr() -> None:
    @dataclass(frozen=True)
    class Config:
        proxies: dict[str, str] = field(default_factory=dict)
        hidden: str = field(default="a", repr=False)

    def key(config: Config) -> str:
        return client_key("sso-oidc", {"config": config}, {}, {}, ())

    assert key(Config()) == key(Config())
    assert key(Config(hidden="b")) != key(Config())
    assert key(Config(proxies={"https": "http://p:1"})) != key(Config())
    real = ClientConfig(proxies={"https": "http://user:secret@proxy:3128"})
    assert client_key("sso-oidc", {"config": real}, {}, {}, ()) != key(Config())


def test_the_key_follows_the_shared_files(tmp_path: Path) -> None:
    config = write(tmp_path / "config", "[default]\nregion = us-east-1\n")

    def key() -> str:
        return client_key("sso-oidc", {}, {}, {}, (config, tmp_path / "missing"))

    before = key()
    assert key() == before
    write(config, "[default]\nregion = us-east-1\nca_bundle = /elsewhere.pem\n")
    assert key() != before


# --- credentials ----------------------------------------------------------------------------


class Found:
    def __init__(self, expiry: datetime | None) -> None:
        self.value = type("Keys", (), {"expiry": expiry})()


def test_credentials_are_kept_until_the_advisory_refresh_window() -> None:
    now = [datetime(2030, 1, 1, tzinfo=timezone.utc)]
    cache = CredentialCache(clock=lambda: now[0])
    resolved: list[Found] = []

    def resolve() -> Found:
        resolved.append(Found(now[0] + timedelta(hours=1)))
        return resolved[-1]

    first = cache.resolve("k", resolve)
    assert cache.resolve("k", resolve) is first
    now[0] += timedelta(hours=1) - ADVISORY_REFRESH - timedelta(seconds=1)
    assert cache.resolve("k", resolve) is first
    now[0] += timedelta(seconds=2)  # inside the window: resolved again
    assert cache.resolve("k", resolve) is not first
    assert len(resolved) == 2


def test_credentials_without_an_expiry_are_kept() -> None:
    now = [datetime(2030, 1, 1, tzinfo=timezone.utc)]
    cache = CredentialCache(clock=lambda: now[0])
    first = cache.resolve("k", lambda: Found(None))
    now[0] += timedelta(days=400)
    assert cache.resolve("k", lambda: Found(None)) is first
    assert cache.resolve("other", lambda: Found(None)) is not first


def _process_profile(tmp_path: Path, home: dict[str, str], expires_in: timedelta) -> Path:
    """A default profile whose credential_process counts its runs and sets an Expiration."""
    counter = tmp_path / "runs"
    expiration = (datetime.now(timezone.utc) + expires_in).strftime("%Y-%m-%dT%H:%M:%SZ")
    script = write(
        tmp_path / "process.py",
        "import json, pathlib\n"
        f"counter = pathlib.Path({str(counter)!r})\n"
        "counter.write_text(str(int(counter.read_text() or 0) + 1) if counter.exists() else '1')\n"
        "print(json.dumps({'Version': 1, 'AccessKeyId': 'AKIDPROCESS',"
        f" 'SecretAccessKey': 's', 'SessionToken': 't', 'Expiration': {expiration!r}}}))\n",
    )
    write(
        Path(home["AWS_CONFIG_FILE"]),
        f"[default]\ncredential_process = {sys.executable} {script}\n",
    )
    return counter


def _plan_twice(home: dict[str, str], hooks: InvocationHooks) -> list[Any]:
    spec = find_cmdlet("New-SSOOIDCTokenWithIAM")
    assert spec is not None
    bound = BoundParameters({"Region": "us-east-1"})
    shell = ShellContext(environ=home)
    return [plan_call(spec, bound, shell, hooks).credentials for _ in range(2)]


def test_process_credentials_with_a_distant_expiry_are_resolved_once(
    tmp_path: Path, home: dict[str, str], hooks: InvocationHooks
) -> None:
    counter = _process_profile(tmp_path, home, timedelta(hours=1))
    first, second = _plan_twice(home, hooks)
    assert counter.read_text() == "1"
    assert first is second and first.access_key == "AKIDPROCESS"
    assert first.expiry is not None


def test_process_credentials_near_their_expiry_are_resolved_again(
    tmp_path: Path, home: dict[str, str], hooks: InvocationHooks
) -> None:
    counter = _process_profile(tmp_path, home, ADVISORY_REFRESH - timedelta(minutes=1))
    _plan_twice(home, hooks)
    assert counter.read_text() == "2"


def test_a_changed_profile_file_resolves_afresh(
    tmp_path: Path, home: dict[str, str], hooks: InvocationHooks
) -> None:
    counter = _process_profile(tmp_path, home, timedelta(hours=1))
    _plan_twice(home, hooks)
    config = Path(home["AWS_CONFIG_FILE"])
    write(config, config.read_text() + "region = us-east-1\n")
    _plan_twice(home, hooks)
    assert counter.read_text() == "2"


def test_a_changed_aws_profile_between_calls_resolves_credentials_afresh(
    home: dict[str, str], hooks: InvocationHooks, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The process environment, as the backend has it: the credential key's environment part
    # is kept per snapshot, and must still change with AWS_PROFILE (settings leave it out).
    for name in [name for name in os.environ if name.startswith("AWS_")]:
        monkeypatch.delenv(name)
    for name, value in home.items():
        monkeypatch.setenv(name, value)
    write(
        Path(home["AWS_SHARED_CREDENTIALS_FILE"]),
        "[one]\naws_access_key_id = AKIDONE\naws_secret_access_key = s1\n"
        "[two]\naws_access_key_id = AKIDTWO\naws_secret_access_key = s2\n",
    )
    spec = find_cmdlet("New-SSOOIDCTokenWithIAM")
    assert spec is not None
    bound = BoundParameters({"Region": "us-east-1"})

    def access_key() -> str:
        found: str = plan_call(spec, bound, ShellContext(), hooks).credentials.access_key
        return found

    monkeypatch.setenv("AWS_PROFILE", "one")
    assert access_key() == "AKIDONE"
    assert access_key() == "AKIDONE"
    monkeypatch.setenv("AWS_PROFILE", "two")
    assert access_key() == "AKIDTWO"
    monkeypatch.setenv("AWS_PROFILE", "one")
    assert access_key() == "AKIDONE"


# --- invalidation over TLS ------------------------------------------------------------------


@pytest.fixture(scope="module")
def ca(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_test_ca(tmp_path_factory.mktemp("tls"))


@pytest.fixture(scope="module")
def front(ca: tuple[Path, Path]) -> Iterator[TlsFront]:
    with (
        EmulatorServer(config=EmulatorConfig(), shutdown_timeout=1.0) as emulator,
        TlsFront(emulator.base_url, *ca) as running,
    ):
        yield running


def register(front: TlsFront, environ: dict[str, str], hooks: InvocationHooks) -> Any:
    parameters = {
        "ClientName": "cache",
        "ClientType": "public",
        "Region": "us-east-1",
        "EndpointUrl": front.base_url,
    }
    return invoke_cmdlet("Register-SSOOIDCClient", parameters, ShellContext(environ=environ), hooks)


def test_reuse_then_an_environment_change_selects_a_fresh_client(
    front: TlsFront, ca: tuple[Path, Path], home: dict[str, str], hooks: InvocationHooks
) -> None:
    trusted = {**home, "AWS_CA_BUNDLE": str(ca[0])}
    before = front.handshakes
    register(front, trusted, hooks)
    register(front, trusted, hooks)
    assert front.handshakes == before + 1
    with pytest.raises(CmdletError, match="CERTIFICATE_VERIFY_FAILED"):
        register(front, home, hooks)  # AWS_CA_BUNDLE unset: the kept client would trust it


def test_a_rewritten_config_file_selects_a_fresh_client(
    front: TlsFront, ca: tuple[Path, Path], home: dict[str, str], hooks: InvocationHooks
) -> None:
    config = Path(home["AWS_CONFIG_FILE"])
    write(config, f"[default]\nca_bundle = {ca[0]}\n")
    register(front, home, hooks)
    write(config, "[default]\nregion = us-east-1\n")
    with pytest.raises(CmdletError, match="CERTIFICATE_VERIFY_FAILED"):
        register(front, home, hooks)


def test_a_proxy_set_in_the_shell_is_used_at_once(
    front: TlsFront, ca: tuple[Path, Path], home: dict[str, str], hooks: InvocationHooks
) -> None:
    trusted = {**home, "AWS_CA_BUNDLE": str(ca[0])}
    register(front, trusted, hooks)
    dead_proxy = {**trusted, "HTTPS_PROXY": "http://127.0.0.1:9"}
    with pytest.raises(CmdletError):
        register(front, dead_proxy, hooks)
    register(front, trusted, hooks)


def test_a_call_with_another_injected_transport_gets_another_client() -> None:
    """The transport a call runs under (``use_http_transport``) is part of the key: a client
    kept from a call under one transport must not carry the next call to the first one."""
    seen: list[str] = []

    def answering(name: str) -> httpx.MockTransport:
        def handler(request: httpx.Request) -> httpx.Response:
            seen.append(name)
            return httpx.Response(200, json={"clientId": name, "clientSecret": "s"})

        return httpx.MockTransport(handler)

    hooks = InvocationHooks(
        log=lambda *_: None, progress=lambda _: None, cancelled=threading.Event()
    )
    shell = ShellContext(
        environ={"AWS_CONFIG_FILE": "/nonexistent", "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent"}
    )
    given = {"ClientName": "n", "ClientType": "public", "Region": "us-east-1"}
    for name in ("first", "second", "first"):
        with use_http_transport(answering(name)):
            invoke_cmdlet("Register-SSOOIDCClient", given, shell, hooks)
    assert seen == ["first", "second", "first"]


def test_a_key_from_an_environment_or_its_digest_is_the_same() -> None:
    environ = {"A": "1", "B": "2"}
    files: tuple[()] = ()
    assert client_key("sso-oidc", {}, {}, environ, files) == client_key(
        "sso-oidc", {}, {}, environ_digest(environ), files
    )
    assert client_key("sso-oidc", {}, {}, environ_digest({"A": "2"}), files) != client_key(
        "sso-oidc", {}, {}, environ, files
    )


def test_the_process_environment_changing_between_calls_selects_a_fresh_client(
    front: TlsFront,
    ca: tuple[Path, Path],
    home: dict[str, str],
    hooks: InvocationHooks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """With no environment from the shell, the backend's own (kept as one snapshot while it is
    unchanged) is what the key covers: a variable set or unset in between is seen."""
    for name, value in {**home, "AWS_CA_BUNDLE": str(ca[0])}.items():
        monkeypatch.setenv(name, value)
    parameters = {
        "ClientName": "process",
        "ClientType": "public",
        "Region": "us-east-1",
        "EndpointUrl": front.base_url,
    }
    before = front.handshakes
    for _ in range(2):
        invoke_cmdlet("Register-SSOOIDCClient", parameters, ShellContext(), hooks)
    assert front.handshakes == before + 1
    monkeypatch.delenv("AWS_CA_BUNDLE")
    with pytest.raises(CmdletError, match="CERTIFICATE_VERIFY_FAILED"):
        invoke_cmdlet("Register-SSOOIDCClient", parameters, ShellContext(), hooks)
    monkeypatch.setenv("AWS_CA_BUNDLE", str(ca[0]))
    invoke_cmdlet("Register-SSOOIDCClient", parameters, ShellContext(), hooks)


def test_the_settings_environment_leaves_out_profile_variables_and_keeps_keys_out_of_reprs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "planted-env-secret")
    monkeypatch.setenv("AWS_PROFILE", "someone")
    settings = _settings_environ(ShellContext())
    assert settings.environ["AWS_SECRET_ACCESS_KEY"] == "planted-env-secret"
    assert "AWS_PROFILE" not in settings.environ
    assert "planted-env-secret" not in repr(settings)
    assert _settings_environ(ShellContext()) is settings  # unchanged: derived once
    monkeypatch.setenv("AWS_CONFIG_FILE", "/elsewhere/config")
    changed = _settings_environ(ShellContext())
    assert changed.digest != settings.digest
    assert str(changed.files[0]) == "/elsewhere/config"

"""The one place that builds an ``httpx.Client``, sends operations over it and maps ``httpx``
exceptions to the project's errors. Tests replace the network through one seam,
:func:`use_http_transport`, and exercise the same code.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import ipaddress
import os
import platform
import random
import socket
import ssl
import sys
import threading
import time
import uuid
import weakref
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import certifi
import httpcore
import httpx

from py_backend._version import __version__
from py_backend.cancellation import on_cancel
from py_backend.clock import utc_now
from py_backend.errors import (
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
    RequestCancelledError,
    ServiceError,
    SSLError,
    TransportError,
)
from py_backend.errors.parsing import error_from_response
from py_backend.retries import (
    DEFAULT_MAX_ATTEMPTS,
    Failure,
    backoff_delay,
    is_retryable_answer,
    should_retry,
)
from py_backend.url_secrets import redact_userinfo

#: The AWS CLI's and botocore's defaults, in seconds.
DEFAULT_CONNECT_TIMEOUT = 60.0
DEFAULT_READ_TIMEOUT = 60.0


@dataclass(frozen=True)
class TransportSettings:
    """How requests travel: timeouts, TLS, proxies and retries."""

    #: Seconds, or ``None`` for no timeout.
    connect_timeout: float | None = DEFAULT_CONNECT_TIMEOUT
    read_timeout: float | None = DEFAULT_READ_TIMEOUT
    #: ``True`` (verify with the default CA store), ``False``, or a CA bundle file path.
    verify: bool | str = True
    max_attempts: int = DEFAULT_MAX_ATTEMPTS
    retry_mode: str = "standard"
    #: Explicit proxies (``{"https": "http://proxy:3128"}``); by default the environment's. As in
    #: botocore a key may also be ``scheme://host``; ``None`` as a value means "no proxy" (what
    #: :func:`environment_proxies` makes of ``NO_PROXY``).
    proxies: Mapping[str, str | None] | None = None
    user_agent_extra: str = ""


def user_agent(settings: TransportSettings, features: str = "") -> str:
    """A botocore-style User-Agent naming this library, the platform and the retry mode."""
    parts = [
        f"aws-token-bridge/{__version__}",
        "ua/2.1",
        f"os/{sys.platform}#{platform.release() or 'unknown'}",
        f"md/arch#{platform.machine().lower() or 'unknown'}",
        f"lang/python#{platform.python_version()}",
        f"md/pyimpl#{platform.python_implementation()}",
    ]
    if features:
        parts.append(f"m/{features}")
    parts.append(f"cfg/retry-mode#{settings.retry_mode}")
    if settings.user_agent_extra:
        parts.append(settings.user_agent_extra)
    return " ".join(parts)


@functools.lru_cache(maxsize=8)
def _ssl_context(verify: bool | str) -> ssl.SSLContext | bool:
    """One TLS context per CA choice, made once: loading a CA bundle costs tens of ms, and the
    RPC backend builds a client per call. ``True`` uses certifi's bundle, as httpx does, read
    on the first TLS connection; a bundle file given by the caller is read now, so a missing
    one is reported when the client is made (the CLI's ``SSL validation failed``)."""
    if verify is False:
        return False
    if isinstance(verify, str):
        return ssl.create_default_context(cafile=verify)
    return DeferredCAContext.create(certifi.where())


class DeferredCAContext(ssl.SSLContext):
    """``ssl.create_default_context(cafile=...)`` that reads the CA file on its first TLS
    connection (``wrap_socket``, or ``wrap_bio`` for TLS through an HTTPS proxy).

    A command sent over plain HTTP (the emulator, a local endpoint) never pays for reading
    certifi's 150 certificates (about 15 ms: issue 15, the one-shot CLI), as the AWS CLI's
    urllib3 does not. Until the file is read no certificate is trusted, so nothing can be
    verified early: every connection reads it first, once, under a lock.
    """

    _pending_cafile: str | None = None
    _load_lock: threading.Lock

    @classmethod
    def create(cls, cafile: str) -> DeferredCAContext:
        """A client context set as ``ssl.create_default_context`` sets one, CA file pending."""
        context = cls(ssl.PROTOCOL_TLS_CLIENT)
        context.verify_mode = ssl.CERT_REQUIRED
        context.check_hostname = True
        # The verification flags the standard library adds (3.13: partial chain and strict),
        # taken from its own default context for the other purpose, which loads no CA.
        context.verify_flags = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).verify_flags
        keylog = os.environ.get("SSLKEYLOGFILE")
        if keylog and not sys.flags.ignore_environment:
            context.keylog_filename = keylog
        context._pending_cafile = cafile
        context._load_lock = threading.Lock()
        return context

    def load_pending_cas(self) -> None:
        """Read the CA file now, if it was not read yet."""
        if self._pending_cafile is None:
            return
        with self._load_lock:
            if self._pending_cafile is not None:
                self.load_verify_locations(cafile=self._pending_cafile)
                self._pending_cafile = None

    def wrap_socket(self, *args: Any, **kwargs: Any) -> ssl.SSLSocket:
        """:meth:`ssl.SSLContext.wrap_socket`, the CA file read first."""
        self.load_pending_cas()
        return super().wrap_socket(*args, **kwargs)

    def wrap_bio(self, *args: Any, **kwargs: Any) -> ssl.SSLObject:
        """:meth:`ssl.SSLContext.wrap_bio`, the CA file read first."""
        self.load_pending_cas()
        return super().wrap_bio(*args, **kwargs)


def environment_proxies(environ: Mapping[str, str]) -> dict[str, str | None]:
    """The proxies ``environ`` asks for, in :attr:`TransportSettings.proxies`' form.

    Reads ``HTTP_PROXY``, ``HTTPS_PROXY``, ``ALL_PROXY`` and ``NO_PROXY`` (the lower-case name
    wins, as in urllib) the way httpx reads the process environment, so a caller that resolves
    per call (the RPC backend, with the shell's variables) gets what ``trust_env`` would give.
    """

    def read(name: str) -> str:
        return (environ.get(name) or environ.get(name.upper()) or "").strip()

    proxies: dict[str, str | None] = {}
    for scheme in ("http", "https", "all"):
        url = read(f"{scheme}_proxy")
        if url:
            proxies[f"{scheme}://"] = url if "://" in url else f"http://{url}"
    for host in read("no_proxy").split(","):
        host = host.strip()
        if host == "*":
            return {}
        if host:
            proxies[_no_proxy_pattern(host)] = None
    return proxies


def _no_proxy_pattern(host: str) -> str:
    # As httpx: a URL as is, an IP address or localhost exactly, a domain with its subdomains.
    if "://" in host:
        return host
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return f"all://{host}" if host.lower() == "localhost" else f"all://*{host.lstrip('.')}"
    return f"all://[{address}]" if address.version == 6 else f"all://{address}"


def _proxy_mounts(
    proxies: Mapping[str, str | None], verify: bool | str
) -> dict[str, httpx.BaseTransport | None]:
    return {
        (key if "://" in key else f"{key}://"): (
            None if url is None else httpx.HTTPTransport(proxy=url, verify=_ssl_context(verify))
        )
        for key, url in proxies.items()
    }


#: A context variable, not a global: each RPC call, test or thread sees only what
#: :func:`use_http_transport` set around it.
_INJECTED_TRANSPORT: contextvars.ContextVar[httpx.BaseTransport | None] = contextvars.ContextVar(
    "aws_token_bridge_http_transport", default=None
)


@contextmanager
def use_http_transport(transport: httpx.BaseTransport | None) -> Iterator[None]:
    """Every ``httpx.Client`` built inside the block sends through ``transport`` (``None``:
    the network), so tests need not pass a transport down through every call. A thread started
    inside the block sees it only when run in a copy of the context (``copy_context().run``).
    """
    token = _INJECTED_TRANSPORT.set(transport)
    try:
        yield
    finally:
        _INJECTED_TRANSPORT.reset(token)


def injected_http_transport() -> httpx.BaseTransport | None:
    """The transport :func:`use_http_transport` set for this context, else ``None``."""
    return _INJECTED_TRANSPORT.get()


def build_http_client(
    settings: TransportSettings,
    *,
    transport: httpx.BaseTransport | None = None,
    cancelled: threading.Event | None = None,
) -> httpx.Client:
    """Build the ``httpx.Client`` every request of one API client goes through.

    Connections are kept alive and reused; proxies come from the environment (``HTTPS_PROXY``,
    ``NO_PROXY``...) unless given; TLS is verified unless ``verify=False``. When ``cancelled``
    is a :class:`~py_backend.cancellation.Cancellation`, setting it shuts the client's sockets
    down, so a request blocked on a silent server ends at once instead of at its timeout.
    Without ``transport``, the one :func:`use_http_transport` set (if any) is used.
    """
    if transport is None:
        transport = _INJECTED_TRANSPORT.get()
    timeout = httpx.Timeout(
        connect=settings.connect_timeout,
        read=settings.read_timeout,
        write=settings.read_timeout,
        pool=settings.connect_timeout,
    )
    mounts = None
    if settings.proxies and transport is None:
        mounts = _proxy_mounts(settings.proxies, settings.verify)
    client = httpx.Client(
        timeout=timeout,
        verify=_ssl_context(settings.verify),
        transport=transport,
        mounts=mounts,
        trust_env=settings.proxies is None,
        follow_redirects=False,
    )
    if cancelled is not None and transport is None:
        backends = _abortable_backends(client)

        def abort() -> None:
            for backend in backends:
                backend.abort()

        on_cancel(cancelled, abort)
    return client


class _AbortableBackend(httpcore.NetworkBackend):
    """httpcore's socket backend, plus :meth:`abort`: shut every socket it opened down.

    ``shutdown`` (not ``close``) is what wakes a thread blocked in ``recv`` on the socket; after
    ``abort`` no new connection is made.
    """

    def __init__(self, inner: httpcore.NetworkBackend) -> None:
        self._inner = inner
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._aborted = False

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        """Connect as httpcore does, remembering the socket."""
        self._refuse_if_aborted()
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return self._track(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        """Connect as httpcore does, remembering the socket."""
        self._refuse_if_aborted()
        return self._track(self._inner.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        """Sleep as httpcore does."""
        self._inner.sleep(seconds)

    def abort(self) -> None:
        """Shut every socket down and refuse new connections."""
        with self._lock:
            self._aborted = True
            sockets = list(self._sockets)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed
                sock.shutdown(socket.SHUT_RDWR)

    def _refuse_if_aborted(self) -> None:
        if self._aborted:
            raise httpcore.ConnectError("the request was cancelled")

    def _track(self, stream: httpcore.NetworkStream) -> httpcore.NetworkStream:
        sock = stream.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            with self._lock:
                self._sockets.add(sock)
                aborted = self._aborted
            if aborted:  # cancelled while connecting
                self.abort()
        return stream


def _abortable_backends(client: httpx.Client) -> list[_AbortableBackend]:
    """Put an abortable backend under the pool of each ``httpx.HTTPTransport`` that httpx built
    (the default one, the environment's proxies'; httpx has no option for it). Any other
    transport stops only between attempts."""
    mounted = getattr(client, "_mounts", {}) or {}
    backends = []
    for transport in (client._transport, *mounted.values()):
        pool = getattr(transport, "_pool", None)
        inner = getattr(pool, "_network_backend", None)
        if isinstance(transport, httpx.HTTPTransport) and inner is not None:
            backends.append(_AbortableBackend(inner))
            pool._network_backend = backends[-1]  # type: ignore[union-attr]
    return backends


@dataclass
class Attempt:
    """What one send of an operation produced, for the caller to parse."""

    response: httpx.Response
    retry_attempts: int
    max_attempts_reached: bool = False

    @property
    def response_metadata(self) -> dict[str, Any]:
        """boto3's ``ResponseMetadata`` for this answer."""
        headers = self.response.headers
        request_id = headers.get("x-amzn-requestid") or headers.get("x-amz-request-id")
        metadata: dict[str, Any] = {
            "RequestId": request_id or "",
            "HTTPStatusCode": self.response.status_code,
            "HTTPHeaders": {key.lower(): value for key, value in headers.items()},
        }
        if self.max_attempts_reached:
            metadata["MaxAttemptsReached"] = True
        metadata["RetryAttempts"] = self.retry_attempts
        return metadata


@dataclass
class OperationSender:
    """Sends one operation's request with botocore's headers and retry rules.

    Once ``cancelled`` is set, nothing more is sent: the backoff wait ends and
    :class:`RequestCancelledError` is raised instead of retrying.
    """

    http: httpx.Client
    settings: TransportSettings
    cancelled: threading.Event | None = None

    def send(
        self,
        url: str,
        body: bytes,
        *,
        service: str,
        operation: str,
        idempotent: bool,
        auth: httpx.Auth | None = None,
        features: str = "",
        method: str = "POST",
        headers: Sequence[tuple[str, str]] = (),
        content_type: str | None = "application/json",
    ) -> Attempt:
        """Send ``body`` to ``url``; return the final answer or raise the mapped error.

        ``headers`` are the operation's own (the portal's bearer token) and come first, as
        botocore sends them; ``content_type`` is ``None`` for an operation without a body.
        """
        invocation_id = str(uuid.uuid4())
        attempt = 1
        while True:
            self._stop_if_cancelled(url)
            sent = [*headers, *self._headers(attempt, invocation_id, features, content_type)]
            request = httpx.Request(method, url, headers=sent, content=body)
            try:
                with _mapped_errors(url):
                    response = self._send_once(request, auth)
            except TransportError as exc:
                self._stop_if_cancelled(url)
                if isinstance(exc, SSLError):
                    raise
                failure = (
                    Failure.NOT_CONNECTED
                    if isinstance(exc, EndpointConnectionError) and exc.not_sent
                    else Failure.NO_ANSWER
                )
                if not self._retry(failure, attempt, idempotent):
                    raise
                attempt += 1
                continue
            if response.status_code < 300:
                return Attempt(response, attempt - 1)
            error = self._error(response, service, operation, attempt)
            status, code = response.status_code, error.error_code
            if self._retry(Failure.ANSWERED, attempt, idempotent, status=status, error_code=code):
                attempt += 1
                continue
            if attempt > 1 and is_retryable_answer(status, code, self.settings.retry_mode):
                error = self._error(response, service, operation, attempt, exhausted=True)
            raise error

    def _stop_if_cancelled(self, url: str) -> None:
        if self.cancelled is not None and self.cancelled.is_set():
            raise RequestCancelledError(url)

    def _send_once(self, request: httpx.Request, auth: httpx.Auth | None) -> httpx.Response:
        response = self.http.send(request, auth=auth) if auth else self.http.send(request)
        response.read()
        return response

    def _retry(
        self,
        failure: Failure,
        attempt: int,
        idempotent: bool,
        status: int = 0,
        error_code: str | None = None,
    ) -> bool:
        if not should_retry(
            failure,
            attempt=attempt,
            max_attempts=self.settings.max_attempts,
            idempotent=idempotent,
            status=status,
            error_code=error_code,
            mode=self.settings.retry_mode,
        ):
            return False
        delay = backoff_delay(attempt, random.random, self.settings.retry_mode)
        if self.cancelled is None:
            time.sleep(delay)  # looked up now: tests patch time.sleep
        else:
            self.cancelled.wait(delay)  # a cancel ends the wait; the loop then stops
        return True

    def _headers(
        self, attempt: int, invocation_id: str, features: str, content_type: str | None
    ) -> list[tuple[str, str]]:
        max_attempts = self.settings.max_attempts
        if attempt == 1:
            sdk_request = f"attempt=1; max={max_attempts}"
        else:
            ttl = utc_now() + timedelta(seconds=self.settings.read_timeout or 0)
            sdk_request = f"ttl={ttl:%Y%m%dT%H%M%SZ}; attempt={attempt}; max={max_attempts}"
        return [
            ("Accept-Encoding", "identity"),
            *([("Content-Type", content_type)] if content_type else []),
            ("User-Agent", user_agent(self.settings, features)),
            ("amz-sdk-invocation-id", invocation_id),
            ("amz-sdk-request", sdk_request),
        ]

    def _error(
        self,
        response: httpx.Response,
        service: str,
        operation: str,
        attempt: int,
        *,
        exhausted: bool = False,
    ) -> ServiceError:
        metadata = Attempt(response, attempt - 1, exhausted).response_metadata
        return error_from_response(
            service,
            operation,
            response.status_code,
            dict(response.headers),
            response.content,
            response_metadata=metadata,
            max_attempts_reached=exhausted,
        )


@contextmanager
def _mapped_errors(url: str) -> Iterator[None]:
    """Map ``httpx`` exceptions to the project's transport errors (the only place that does).

    The URL's password, if it has one, is masked in every message."""
    url = redact_userinfo(url)
    try:
        yield
    except httpx.ConnectTimeout:
        raise _not_sent(ConnectTimeoutError(url)) from None
    except httpx.ConnectError as exc:
        if _is_tls_failure(exc):
            raise SSLError(url, _reason(exc)) from None
        raise _not_sent(EndpointConnectionError(url, _reason(exc))) from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        raise EndpointConnectionError(
            url, f"connection closed before a valid response: {_reason(exc)}"
        ) from None
    except httpx.TimeoutException:  # read, write or pool: what botocore calls a read timeout
        raise ReadTimeoutError(url) from None
    except httpx.HTTPError as exc:
        raise TransportError(f"Request to {url} failed: {_reason(exc)}") from None


def _is_tls_failure(exc: BaseException) -> bool:
    """Whether a connect error came from the TLS handshake (retrying cannot fix it)."""
    while exc is not None:
        if isinstance(exc, ssl.SSLError):
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def _not_sent(error: EndpointConnectionError) -> EndpointConnectionError:
    error.not_sent = True
    return error


def _reason(exc: Exception) -> str:
    # httpx messages describe the socket-level failure; they never include request bodies.
    return redact_userinfo(str(exc)) or type(exc).__name__

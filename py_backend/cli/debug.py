"""``--debug``: timestamped log lines on stderr, in the AWS CLI's format, with secrets masked."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from py_backend.redaction import MASK, redact_data
from py_backend.url_secrets import redact_userinfo

if TYPE_CHECKING:
    # Annotations only: every command enters debug_logging, and only one that sends a
    # request needs httpx (issue 15: a command refused before the call does not load it).
    import httpx

LOG_FORMAT = "%(asctime)s - %(threadName)s - %(name)s - %(levelname)s - %(message)s"
LOG = logging.getLogger("py_backend.cli")
#: Loggers whose records --debug shows: the CLI's, the core's and httpx's.
_LOGGERS = ("py_backend", "httpx")
_SECRET_HEADERS = frozenset({"x-amz-security-token", "dpop", "x-amz-sso_bearer_token"})


class _StderrHandler(logging.Handler):
    """Writes to whatever ``sys.stderr`` is when a record comes (tests replace it)."""

    def emit(self, record: logging.LogRecord) -> None:
        """Write one formatted record and a newline."""
        try:
            # A URL's password (an endpoint or proxy URL's userinfo) never reaches the log.
            sys.stderr.write(redact_userinfo(self.format(record)) + "\n")
        except Exception:
            self.handleError(record)


@contextmanager
def debug_logging(enabled: bool) -> Iterator[None]:
    """While the block runs, send this tool's and httpx's debug records to stderr."""
    if not enabled:
        yield
        return
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)


def redact_headers(headers: httpx.Headers) -> dict[str, str]:
    """Headers as a dict, with secret ones and the ``Authorization`` signature masked."""
    shown = {}
    for name, value in headers.items():
        lowered = name.lower()
        if lowered in _SECRET_HEADERS:
            value = MASK
        elif lowered == "authorization":
            value = value.split(", Signature=", 1)[0] + ", Signature=" + MASK
        shown[name] = value
    return shown


def redact_body(content: bytes) -> str:
    """A body for the log: JSON with secret members masked, or just its length."""
    if not content:
        return "b''"
    try:
        document = json.loads(content)
    except (ValueError, UnicodeDecodeError):
        return f"<{len(content)} bytes, not JSON>"
    return json.dumps(redact_data(document))


def log_request(request: httpx.Request) -> None:
    """An httpx request hook: the request line, headers and body, redacted."""
    LOG.debug("Sending http request: %s %s", request.method, request.url)
    LOG.debug("Request headers: %s", redact_headers(request.headers))
    LOG.debug("Request body: %s", redact_body(request.read()))


def log_response(response: httpx.Response) -> None:
    """An httpx response hook: the status, headers and body (read here), redacted."""
    LOG.debug("Response status: %s", response.status_code)
    LOG.debug("Response headers: %s", redact_headers(response.headers))
    LOG.debug("Response body: %s", redact_body(response.read()))


def log_call(service: str, operation: str, endpoint_url: str, params: dict[str, Any]) -> None:
    """Log what is about to be called, parameters masked."""
    LOG.debug("Endpoint for %s %s: %s", service, operation, endpoint_url)
    LOG.debug("Making request for %s with params: %s", operation, redact_data(params))

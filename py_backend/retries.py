"""botocore's retry rules, *standard* and *legacy*, as pure functions.

Standard mode (boto3's default) makes up to 3 attempts. It retries connection errors, read
timeouts, HTTP 500/502/503/504 and throttling or transient error codes, and waits
``random() * min(20, 2 ** (attempt - 1))`` seconds before each retry (full jitter). Legacy mode
(the AWS CLI v1's) makes up to 5 attempts, also retries HTTP 429 and 509, knows fewer
throttling codes and does not cap the wait. A request that redeems a one-time code is the
exception to both: once its bytes may have reached the server it is never sent again, so only
failures to connect are retried for it.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

DEFAULT_MAX_ATTEMPTS = 3
MAX_BACKOFF_SECONDS = 20.0

TRANSIENT_STATUS_CODES = frozenset({500, 502, 503, 504})
TRANSIENT_ERROR_CODES = frozenset(
    {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete"}
)
THROTTLING_ERROR_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "ProvisionedThroughputExceededException",
        "TransactionInProgressException",
        "RequestLimitExceeded",
        "BandwidthLimitExceeded",
        "LimitExceededException",
        "RequestThrottled",
        "SlowDown",
        "PriorRequestNotComplete",
        "EC2ThrottledException",
    }
)


#: botocore's ``data/_retry.json`` ``general`` policies (legacy mode).
LEGACY_STATUS_CODES = frozenset({429, 500, 502, 503, 504, 509})
LEGACY_ERROR_CODES = frozenset(
    {
        "Throttling",
        "ThrottlingException",
        "ThrottledException",
        "RequestThrottledException",
        "RequestLimitExceeded",
        "TransactionInProgressException",
        "EC2ThrottledException",
        "ProvisionedThroughputExceededException",
    }
)


class Failure(Enum):
    """How an attempt failed, as far as retrying is concerned."""

    #: No connection was made: the request's bytes never left this machine.
    NOT_CONNECTED = "not-connected"
    #: The connection broke or timed out after the request may have been sent.
    NO_ANSWER = "no-answer"
    #: The service answered with an error status.
    ANSWERED = "answered"


def is_retryable_answer(status: int, error_code: str | None, mode: str = "standard") -> bool:
    """Whether an error answer is transient or throttling, by botocore's rules for ``mode``."""
    if mode == "legacy":
        return status in LEGACY_STATUS_CODES or error_code in LEGACY_ERROR_CODES
    if status in TRANSIENT_STATUS_CODES:
        return True
    return error_code in TRANSIENT_ERROR_CODES or error_code in THROTTLING_ERROR_CODES


def should_retry(
    failure: Failure,
    *,
    attempt: int,
    max_attempts: int,
    idempotent: bool,
    status: int = 0,
    error_code: str | None = None,
    mode: str = "standard",
) -> bool:
    """Whether attempt number ``attempt`` (1-based), which failed as ``failure``, is retried."""
    if attempt >= max_attempts:
        return False
    if failure is Failure.NOT_CONNECTED:
        return True
    if not idempotent:
        return False
    if failure is Failure.NO_ANSWER:
        return True
    return is_retryable_answer(status, error_code, mode)


def backoff_delay(attempt: int, random: Callable[[], float], mode: str = "standard") -> float:
    """Seconds to wait after failed attempt ``attempt`` (1-based): full-jitter exponential."""
    growth = 2.0 ** (attempt - 1)
    return random() * (growth if mode == "legacy" else min(MAX_BACKOFF_SECONDS, growth))

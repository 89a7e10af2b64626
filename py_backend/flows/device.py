"""Polling for a device-code token as ``aws sso login`` (``SSOTokenFetcher``) does, honouring
``interval`` and ``slow_down``. Unlike the CLI, the loop also stops on its own once
``expiresIn`` seconds have been waited.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from py_backend.client import SSOOIDCClient
from py_backend.errors import PendingAuthorizationExpiredError
from py_backend.models._grants import DEVICE_CODE_GRANT
from py_backend.models.sso_oidc import CreateTokenResponse

#: RFC 8628 §3.5: a slow_down answer adds 5 seconds to the polling interval, for good.
SLOW_DOWN_SECONDS = 5
#: The AWS CLI's interval when the service gives none.
DEFAULT_INTERVAL = 5


@dataclass
class PollEvent:
    """What happened on one poll, for progress reports."""

    attempt: int
    outcome: str  # "pending", "slow_down" or "approved"
    interval: int
    waited: int


def poll_device_token(
    client: SSOOIDCClient,
    *,
    client_id: str,
    client_secret: str,
    device_code: str,
    interval: int | None = None,
    expires_in: int | None = None,
    sleep: Callable[[float], None] = time.sleep,
    on_poll: Callable[[PollEvent], None] | None = None,
    wait_first: bool = False,
) -> CreateTokenResponse:
    """Poll ``CreateToken`` until the device code is approved; return the token.

    With ``wait_first``, the loop sleeps one interval before its first poll: the caller
    has just polled (the AWS CLI's early attempt before showing the prompt), and polling
    again at once would earn a ``slow_down``.

    Raises :class:`PendingAuthorizationExpiredError` when the service says the code expired
    or ``expires_in`` seconds of waiting have passed; other service errors (access denied, an
    invalid client) propagate as they are.
    """
    interval = interval or DEFAULT_INTERVAL
    waited, attempt = 0, 0
    if wait_first:
        sleep(interval)
        waited += interval
    while True:
        attempt += 1
        try:
            token = client.create_token(
                clientId=client_id,
                clientSecret=client_secret,
                grantType=DEVICE_CODE_GRANT,
                deviceCode=device_code,
            )
        except client.exceptions.SlowDownException:
            interval += SLOW_DOWN_SECONDS
            outcome = "slow_down"
        except client.exceptions.AuthorizationPendingException:
            outcome = "pending"
        except client.exceptions.ExpiredTokenException:
            raise PendingAuthorizationExpiredError() from None
        else:
            if on_poll:
                on_poll(PollEvent(attempt, "approved", interval, waited))
            return token
        if on_poll:
            on_poll(PollEvent(attempt, outcome, interval, waited))
        if expires_in is not None and waited + interval > expires_in:
            raise PendingAuthorizationExpiredError()
        sleep(interval)
        waited += interval

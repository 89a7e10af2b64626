"""Errors of the sign-in flows and token caches, named and worded as botocore and the AWS CLI.

Messages never include a token, a code, a verifier or a key.
"""

from __future__ import annotations

from py_backend.errors import TokenBridgeError

__all__ = [
    "AuthorizationCodeLoadError",
    "LoginAuthorizationCodeError",
    "LoginError",
    "LoginInsufficientPermissions",
    "LoginRefreshRequired",
    "LoginTokenLoadError",
    "LoopbackListenerError",
    "SSOTokenLoadError",
    "sign_in_command",
]


def sign_in_command(*, sso: bool, profile: str | None, sso_session: str | None = None) -> str:
    """The command that signs in again, for the messages and statuses that name it.

    ``aws-token-bridge login --profile P``, ``aws-token-bridge sso login --profile P`` or
    ``... sso login --sso-session S``. The cmdlets rewrite these texts into their own
    (``Invoke-AMSPLogin -ProfileName P``), so the wording must stay as it is.
    """
    option = f"--sso-session {sso_session}" if sso_session else f"--profile {profile}"
    return f"aws-token-bridge {'sso login' if sso else 'login'} {option}"


class LoginError(TokenBridgeError):
    """An ``aws login`` session could not be created or refreshed (botocore's ``LoginError``)."""

    code = "LoginError"
    default_message = (
        "An unspecified error happened when resolving AWS credentials or "
        "refreshing a login session profile."
    )

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or self.default_message)


class LoginAuthorizationCodeError(LoginError):
    """No authorization code came back from the browser, or redeeming it failed."""

    code = "LoginAuthorizationCodeError"

    def __init__(self, detail: str) -> None:
        super().__init__(f"Error loading or redeeming a login authorization code: {detail}")


class LoginRefreshRequired(LoginError):
    """The refresh token expired or the user's credentials changed: log in again."""

    code = "LoginRefreshRequired"
    default_message = (
        "Your session has expired or credentials have changed. "
        "Please reauthenticate using 'aws login'."
    )


class LoginInsufficientPermissions(LoginError):
    """The identity may not call ``signin:CreateOAuth2Token``."""

    code = "LoginInsufficientPermissions"
    default_message = (
        "Unable to create or refresh login credentials due to insufficient permissions. "
        "You may be missing permission for the 'signin:CreateOAuth2Token' action."
    )


class LoginTokenLoadError(LoginError):
    """The login cache entry is missing, unreadable or lacks a required field."""

    code = "LoginTokenLoadError"

    def __init__(self, detail: str) -> None:
        super().__init__(f"Error loading login session token: {detail}")


class AuthorizationCancelledError(TokenBridgeError):
    """The caller cancelled the login while it waited for the browser's redirect."""

    code = "AuthorizationCancelledError"

    def __init__(self) -> None:
        super().__init__("The login was cancelled while waiting for the authorization code.")


class AuthorizationCodeLoadError(TokenBridgeError):
    """``aws sso login``: the redirect carried an error, no code, or the wrong ``state``."""

    code = "AuthorizationCodeLoadError"

    def __init__(self, detail: str) -> None:
        super().__init__(f"Error loading authorization code: {detail}")


class LoopbackListenerError(TokenBridgeError):
    """The local HTTP server for the redirect could not be started (botocore's
    ``AuthCodeFetcherError``)."""

    code = "LoopbackListenerError"

    def __init__(self, detail: str) -> None:
        super().__init__(f"An error occurred when starting the local HTTP server: {detail}")


class SSOTokenLoadError(TokenBridgeError):
    """The SSO token cache has no usable token for this session (botocore's name)."""

    code = "SSOTokenLoadError"

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"Error loading SSO Token: {detail}")

"""Exceptions to RPC error data, with the AWS Tools' exception types and error ids."""

from __future__ import annotations

import pytest

from py_backend.cmdlets import CmdletError, error_to_cmdlet_error
from py_backend.cmdlets.error_types import category, dotnet_type
from py_backend.cmdlets.errors import exception_properties
from py_backend.errors import (
    ConfigurationError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    ProfileNotFound,
    ReadTimeoutError,
    ServiceError,
    TokenBridgeError,
)
from py_backend.errors import signin as signin_errors
from py_backend.errors import sso_oidc as sso_errors

KEYS = {
    "errorCode",
    "message",
    "httpStatus",
    "requestId",
    "exceptionType",
    "category",
    "errorId",
    "targetObject",
    "properties",
}
MODELED = [*sso_errors.MODELED_ERRORS.values(), *signin_errors.MODELED_ERRORS.values()]


@pytest.mark.parametrize("kind", MODELED, ids=lambda k: f"{k.service}.{k.code}")
def test_service_errors_keep_code_type_status_and_request_id(kind: type[ServiceError]) -> None:
    error = kind(
        error_code=kind.code,
        message="what the service said",
        operation_name="CreateToken",
        http_status=kind.modeled_status,
        request_id="req-9",
    )
    data = error_to_cmdlet_error(error, "New-SSOOIDCToken", target="client-id").to_data()
    assert set(data) == KEYS
    assert data == {
        "errorCode": kind.code,
        "message": "what the service said",
        "httpStatus": kind.modeled_status,
        "requestId": "req-9",
        "exceptionType": dotnet_type(kind),
        "category": category(kind),
        "errorId": f"{kind.code},New-SSOOIDCToken",
        "targetObject": "client-id",
        # No member was in the (absent) body: each declared property is there, null.
        "properties": {p.name: None for p in exception_properties(kind)},
    }
    assert dotnet_type(kind).startswith(("Amazon.SSOOIDC.Model.", "Amazon.Signin.Model."))


def test_an_unmodeled_code_uses_the_service_base_exception() -> None:
    error = sso_errors.SSOOIDCServiceError(
        error_code="Throttling", message="slow", operation_name="CreateToken", http_status=429
    )
    data = error_to_cmdlet_error(error, "New-SSOOIDCToken").to_data()
    assert (data["errorCode"], data["exceptionType"]) == (
        "Throttling",
        "Amazon.SSOOIDC.AmazonSSOOIDCException",
    )


def test_param_validation_names_powershell_parameters() -> None:
    error = ParamValidationError(
        [
            ("tokenInput.codeVerifier", "too short, valid min length: 43"),
            ("tokenInput", "missing required parameter"),
            ("somethingElse", "unknown parameter"),
        ]
    )
    data = error_to_cmdlet_error(error, "New-AMSPOAuth2Token").to_data()
    assert data["message"].splitlines() == [
        "Parameter validation failed:",
        "Invalid value for parameter -TokenInput_CodeVerifier: too short, valid min length: 43",
        "Invalid value for parameter -TokenInput_ClientId: missing required parameter",
        "Invalid value for parameter -TokenInput_GrantType: missing required parameter",
        "Invalid value for parameter somethingElse: unknown parameter",
    ]
    assert data["exceptionType"] == "System.ArgumentException"
    assert (data["category"], data["errorCode"]) == ("InvalidArgument", "ParamValidationError")
    assert data["errorId"] == "ParamValidationError,New-AMSPOAuth2Token"
    assert data["targetObject"] == "TokenInput_CodeVerifier"


def test_list_members_map_to_their_parameter() -> None:
    error = ParamValidationError.single("grantTypes[1]", "bad value")
    data = error_to_cmdlet_error(error, "Register-SSOOIDCClient").to_data()
    assert data["message"] == "Invalid value for parameter -GrantType: bad value"


@pytest.mark.parametrize(
    ("error", "error_id"),
    [
        (NoCredentialsError("No credentials"), "InvalidOperationException"),
        (NoRegionError("No region"), "InvalidOperationException"),
        (ProfileNotFound("p"), "ProfileNotFound"),
        (ConfigurationError("bad config"), "ConfigurationError"),
        (ReadTimeoutError("http://127.0.0.1:1"), "ReadTimeoutError"),
    ],
)
def test_library_errors(error: Exception, error_id: str) -> None:
    data = error_to_cmdlet_error(error, "New-SSOOIDCToken").to_data()
    assert data["errorId"] == f"{error_id},New-SSOOIDCToken"
    assert data["message"] == str(error)
    assert data["errorCode"] == type(error).code  # type: ignore[attr-defined]
    assert data["category"] == category(type(error))  # type: ignore[arg-type]


def test_cmdlet_errors_pass_through() -> None:
    error = CmdletError(
        "m", cmdlet="X", error_code="C", exception_type="T", error_category="NotSpecified"
    )
    assert error_to_cmdlet_error(error, "Y") is error
    assert error.to_data()["errorId"] == "C,X"


def test_anything_else_is_an_internal_error_without_its_message() -> None:
    data = error_to_cmdlet_error(KeyError("AKIA-secret"), "New-SSOOIDCToken").to_data()
    assert data["errorCode"] == "InternalError"
    assert "secret" not in str(data)
    assert data["errorId"] == "InvalidOperationException,New-SSOOIDCToken"


def test_non_text_targets_are_dropped() -> None:
    data = error_to_cmdlet_error(NoRegionError(), "New-SSOOIDCToken", target=object()).to_data()
    assert data["targetObject"] is None


# --- one error tree ---------------------------------------------------------------------------

#: PowerShell's System.Management.Automation.ErrorCategory names.
ERROR_CATEGORIES = {
    "NotSpecified", "OpenError", "CloseError", "DeviceError", "DeadlockDetected",
    "InvalidArgument", "InvalidData", "InvalidOperation", "InvalidResult", "InvalidType",
    "MetadataError", "NotImplemented", "NotInstalled", "ObjectNotFound", "OperationStopped",
    "OperationTimeout", "SyntaxError", "ParserError", "PermissionDenied", "ResourceBusy",
    "ResourceExists", "ResourceUnavailable", "ReadError", "WriteError", "FromStdErr",
    "SecurityError", "ProtocolError", "ConnectionError", "AuthenticationError",
    "LimitsExceeded", "QuotaExceeded", "NotEnabled",
}  # fmt: skip


def _exception_classes() -> list[type[BaseException]]:
    import importlib
    import inspect
    import pkgutil

    import py_backend

    found: dict[type[BaseException], None] = {}
    for info in pkgutil.walk_packages(py_backend.__path__, "py_backend."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                inspect.isclass(value)
                and issubclass(value, BaseException)
                and value.__module__.startswith("py_backend.")
            ):
                found[value] = None
    return list(found)


def test_every_exception_is_a_token_bridge_error() -> None:
    classes = _exception_classes()
    assert len(classes) > 60
    outside = [
        f"{c.__module__}.{c.__qualname__}" for c in classes if not issubclass(c, TokenBridgeError)
    ]
    assert outside == []


def test_every_error_has_a_powershell_category_and_a_dotnet_type() -> None:
    for kind in _exception_classes():
        assert issubclass(kind, TokenBridgeError)
        assert category(kind) in ERROR_CATEGORIES, kind
        assert dotnet_type(kind).startswith(("System.", "Amazon.")), kind


def test_modeled_service_errors_follow_the_sdk_naming_rule() -> None:
    assert dotnet_type(sso_errors.SSOOIDCServiceError) == "Amazon.SSOOIDC.AmazonSSOOIDCException"
    assert dotnet_type(signin_errors.SigninServiceError) == "Amazon.Signin.AmazonSigninException"
    assert dotnet_type(ServiceError) == "Amazon.Runtime.AmazonServiceException"
    assert dotnet_type(ParamValidationError) == "System.ArgumentException"
    assert category(ReadTimeoutError) == "OperationTimeout"
    assert category(sso_errors.SlowDownException) == "LimitsExceeded"

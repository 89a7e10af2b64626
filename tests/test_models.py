"""Request validation names the parameter and never echoes a value; secrets stay hidden."""

from __future__ import annotations

from typing import Any

import pytest

from py_backend.errors import ParamValidationError
from py_backend.models.signin import CreateOAuth2TokenRequest, CreateOAuth2TokenResponse
from py_backend.models.sso_oidc import (
    CreateTokenRequest,
    CreateTokenWithIAMRequest,
    RegisterClientRequest,
    RegisterClientResponse,
    StartDeviceAuthorizationRequest,
)

SECRET = "PLANTED-SECRET-7f3a"
DEVICE = "urn:ietf:params:oauth:grant-type:device_code"
JWT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
SAME_DEVICE = "arn:aws:signin:::devtools/same-device"


def problems(model: Any, params: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ParamValidationError) as error:
        model.build(params)
    assert SECRET not in str(error.value)
    return dict(error.value.problems)


# Values botocore sends as they are (it checks no maximum, pattern or enum, and no minimum the
# model does not state): the service is the judge of them, so they must not be refused here.
@pytest.mark.parametrize(
    ("model", "params", "parameter"),
    [
        (
            CreateTokenRequest,
            {"clientId": "c", "clientSecret": SECRET, "grantType": "password"},
            "grantType",
        ),
        (
            CreateTokenRequest,
            {"clientId": "", "clientSecret": SECRET, "grantType": DEVICE, "deviceCode": "d"},
            "clientId",
        ),
        (
            CreateTokenWithIAMRequest,
            {
                "clientId": "a",
                "grantType": EXCHANGE,
                "subjectToken": SECRET,
                "subjectTokenType": "id",
            },
            "subjectTokenType",
        ),
        (
            CreateTokenWithIAMRequest,
            {"clientId": "a", "grantType": DEVICE},
            "grantType",
        ),
        (
            RegisterClientRequest,
            {"clientName": "n", "clientType": "public", "grantTypes": ["implicit"]},
            "grantTypes[0]",
        ),
        (
            CreateOAuth2TokenRequest,
            {
                "tokenInput": {
                    "clientId": "arn:aws:signin:::devtools/other",
                    "grantType": "refresh_token",
                    "refreshToken": SECRET,
                }
            },
            "tokenInput.clientId",
        ),
        (
            CreateOAuth2TokenRequest,
            {
                "tokenInput": {
                    "clientId": SAME_DEVICE,
                    "grantType": "authorization_code",
                    "code": SECRET,
                    "redirectUri": "r",
                    "codeVerifier": "!" * 43,
                }
            },
            "tokenInput.codeVerifier",
        ),
        (
            CreateOAuth2TokenRequest,
            {
                "tokenInput": {
                    "clientId": SAME_DEVICE,
                    "grantType": "refresh_token",
                    "refreshToken": "x" * 2049,
                }
            },
            "tokenInput.refreshToken",
        ),
        (
            CreateOAuth2TokenRequest,
            {
                "tokenInput": {
                    "clientId": SAME_DEVICE,
                    "grantType": "authorization_code",
                    "code": "c" * 513,
                    "redirectUri": "r",
                    "codeVerifier": "a" * 43,
                }
            },
            "tokenInput.code",
        ),
    ],
)
def test_what_botocore_sends_is_not_refused(
    model: Any, params: dict[str, Any], parameter: str
) -> None:
    sent = model.build(params).wire_body()
    assert sent == params.get("tokenInput", params), parameter


@pytest.mark.parametrize(
    ("model", "params", "parameter"),
    [
        (CreateTokenRequest, {"clientId": "c", "grantType": "refresh_token"}, "clientSecret"),
        (
            CreateTokenRequest,
            {"clientId": "c", "clientSecret": SECRET, "grantType": DEVICE},
            "deviceCode",
        ),
        (
            CreateTokenRequest,
            {"clientId": "c", "clientSecret": SECRET, "grantType": "refresh_token"},
            "refreshToken",
        ),
        (
            CreateTokenRequest,
            {
                "clientId": "c",
                "clientSecret": SECRET,
                "grantType": "authorization_code",
                "code": SECRET,
            },
            "redirectUri",
        ),
        (
            CreateTokenRequest,
            {"clientId": 7, "clientSecret": SECRET, "grantType": DEVICE, "deviceCode": "d"},
            "clientId",
        ),
        (
            CreateTokenRequest,
            {
                "clientId": "c",
                "clientSecret": SECRET,
                "grantType": DEVICE,
                "deviceCode": "d",
                "scope": "one",
            },
            "scope",
        ),
        (
            CreateTokenRequest,
            {"clientId": "c", "clientSecret": SECRET, "grantType": DEVICE, "devicecode": SECRET},
            "devicecode",
        ),
        (CreateTokenWithIAMRequest, {"clientId": "a", "grantType": JWT}, "assertion"),
        (
            CreateTokenWithIAMRequest,
            {"clientId": "a", "grantType": EXCHANGE, "subjectToken": SECRET},
            "subjectTokenType",
        ),
        (RegisterClientRequest, {"clientName": "n"}, "clientType"),
        (StartDeviceAuthorizationRequest, {"clientId": "c", "clientSecret": SECRET}, "startUrl"),
        (CreateOAuth2TokenRequest, {}, "tokenInput"),
        (
            CreateOAuth2TokenRequest,
            {
                "tokenInput": {
                    "clientId": SAME_DEVICE,
                    "grantType": "authorization_code",
                    "code": SECRET,
                    "redirectUri": "r",
                    "codeVerifier": "short",
                }
            },
            "tokenInput.codeVerifier",
        ),
        (
            CreateOAuth2TokenRequest,
            {
                "tokenInput": {
                    "clientId": SAME_DEVICE,
                    "grantType": "authorization_code",
                    "code": SECRET,
                    "redirectUri": "r",
                }
            },
            "tokenInput.codeVerifier",
        ),
    ],
)
def test_invalid_input_names_the_parameter(
    model: Any, params: dict[str, Any], parameter: str
) -> None:
    found = problems(model, params)
    assert parameter in found, found


def test_every_problem_is_reported_at_once() -> None:
    found = problems(CreateTokenRequest, {"grantType": 7, "extra": SECRET})
    assert set(found) == {"clientId", "clientSecret", "grantType", "extra"}
    assert found["extra"] == "unknown parameter"


def test_secrets_are_hidden_in_reprs_but_sent_on_the_wire() -> None:
    request = CreateTokenRequest.build(
        {
            "clientId": "c",
            "clientSecret": SECRET,
            "grantType": "refresh_token",
            "refreshToken": SECRET,
        }
    )
    assert SECRET not in repr(request) and SECRET not in str(request)
    assert request.wire_body()["clientSecret"] == SECRET
    response = CreateOAuth2TokenResponse.model_validate(
        {
            "tokenOutput": {
                "accessToken": {
                    "accessKeyId": "A",
                    "secretAccessKey": SECRET,
                    "sessionToken": SECRET,
                },
                "refreshToken": SECRET,
            }
        }
    )
    assert SECRET not in repr(response)
    assert response.to_dict()["tokenOutput"]["accessToken"]["secretAccessKey"] == SECRET


def test_body_follows_the_callers_order_then_model_order() -> None:
    request = CreateTokenRequest.build(
        {"refreshToken": "r", "grantType": "refresh_token", "clientSecret": "s", "clientId": "c"}
    )
    assert list(request.wire_body(["refreshToken", "grantType"])) == [
        "refreshToken",
        "grantType",
        "clientId",
        "clientSecret",
    ]
    assert list(request.wire_body()) == ["clientId", "clientSecret", "grantType", "refreshToken"]


def test_snake_case_names_are_accepted() -> None:
    request = CreateOAuth2TokenRequest.build(
        {
            "token_input": {
                "client_id": SAME_DEVICE,
                "grant_type": "refresh_token",
                "refresh_token": "r",
            }
        }
    )
    assert request.wire_body() == {
        "clientId": SAME_DEVICE,
        "grantType": "refresh_token",
        "refreshToken": "r",
    }


def test_response_reads_like_a_dict_and_ignores_unknown_members() -> None:
    response = CreateOAuth2TokenResponse.model_validate(
        {"tokenOutput": {"expiresIn": 900, "new": 1}}
    )
    assert response["tokenOutput"] == {"expiresIn": 900}
    assert "tokenOutput" in response and response.get("missing") is None
    assert response.token_output is not None and response.token_output.expires_in == 900


# --- responses are honest objects -------------------------------------------------------------


def _registration() -> RegisterClientResponse:
    return RegisterClientResponse.model_validate(
        {"clientId": "id-1", "clientSecret": "s3cr3t-value", "clientIdIssuedAt": 7}
    )


def test_a_response_is_a_complete_read_only_mapping() -> None:
    from collections.abc import Mapping

    from pydantic import SecretStr

    response = _registration()
    assert isinstance(response, Mapping)
    as_dict = dict(response)
    assert list(as_dict) == ["clientId", "clientSecret", "clientIdIssuedAt"]
    assert len(response) == 3 and list(response.keys()) == list(as_dict)
    assert isinstance(response["clientSecret"], SecretStr)
    assert "s3cr3t-value" not in repr(as_dict) + str(list(response.values()))
    assert response.reveal("clientSecret") == "s3cr3t-value"
    assert response.get("tokenEndpoint") is None and "tokenEndpoint" not in response
    with pytest.raises(TypeError):
        response["clientId"] = "other"  # type: ignore[index]
    with pytest.raises(KeyError):
        response.reveal("tokenEndpoint")


def test_a_secret_never_equals_its_plain_value() -> None:
    response = _registration()
    assert response != {"clientId": "id-1", "clientSecret": "s3cr3t-value", "clientIdIssuedAt": 7}
    assert response == _registration()


def test_metadata_goes_on_a_copy_and_the_model_stays_frozen() -> None:
    response = _registration()
    with_meta = response.with_metadata({"RequestId": "r-1", "HTTPStatusCode": 200})
    assert with_meta is not response
    assert response.response_metadata == {}
    assert with_meta.response_metadata == {"RequestId": "r-1", "HTTPStatusCode": 200}
    with_meta.response_metadata["RequestId"] = "changed"
    assert with_meta.response_metadata["RequestId"] == "r-1"
    assert with_meta.to_boto3_dict()["clientSecret"] == "s3cr3t-value"

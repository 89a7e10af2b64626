"""py_backend and boto3 send the same requests and read the same answers.

Both clients talk to one loopback recording server with the same inputs. For every operation
and grant type, method, path, query, JSON body (byte for byte) and signed headers must agree,
and botocore's signer must reproduce our Authorization header. Then both parse the same canned
answers (successes and every modeled error) and must agree on the result.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import botocore.exceptions
import pytest

import py_backend
from tests.support.peers import (
    ACCESS_KEY,
    CLEAN_ENVIRON,
    SECRET_KEY,
    boto3_client,
    botocore_signature,
)
from tests.support.recording_server import CannedResponse, RecordedRequest, RecordingServer

APP_ARN = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-2222222222222222"
VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

# (service, boto3 method name, kwargs): every operation and every grant type.
CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("sso-oidc", "register_client", {"clientName": "example-client", "clientType": "public"}),
    (
        "sso-oidc",
        "register_client",
        {
            "clientName": "botocore-client-dev",
            "clientType": "public",
            "scopes": ["sso:account:access"],
            "redirectUris": ["http://127.0.0.1/oauth/callback"],
            "grantTypes": ["authorization_code", "refresh_token"],
            "issuerUrl": "https://d-1234567890.awsapps.com/start",
            "entitledApplicationArn": APP_ARN,
        },
    ),
    (
        "sso-oidc",
        "start_device_authorization",
        {"clientId": "CID", "clientSecret": "CSECRET", "startUrl": "https://x.awsapps.com/start"},
    ),
    (
        "sso-oidc",
        "create_token",
        {
            "clientId": "CID",
            "clientSecret": "CSECRET",
            "grantType": "urn:ietf:params:oauth:grant-type:device_code",
            "deviceCode": "DEVICECODE",
        },
    ),
    (
        "sso-oidc",
        "create_token",
        {
            "grantType": "refresh_token",
            "clientId": "CID",
            "clientSecret": "CSECRET",
            "refreshToken": "aorREFRESH",
        },
    ),
    (
        "sso-oidc",
        "create_token",
        {
            "clientId": "CID",
            "clientSecret": "CSECRET",
            "grantType": "authorization_code",
            "code": "AUTHCODE",
            "redirectUri": "http://127.0.0.1:54321/oauth/callback",
            "codeVerifier": VERIFIER,
            "scope": ["sso:account:access", "openid"],
        },
    ),
    (
        "sso-oidc",
        "create_token_with_iam",
        {
            "clientId": APP_ARN,
            "grantType": "authorization_code",
            "code": "AUTHCODE",
            "redirectUri": "https://app.example.com/callback",
            "codeVerifier": VERIFIER,
        },
    ),
    (
        "sso-oidc",
        "create_token_with_iam",
        {"clientId": APP_ARN, "grantType": "refresh_token", "refreshToken": "aorREFRESH"},
    ),
    (
        "sso-oidc",
        "create_token_with_iam",
        {
            "clientId": APP_ARN,
            "grantType": "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "assertion": "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2ln",
            "scope": ["openid", "aws"],
        },
    ),
    (
        "sso-oidc",
        "create_token_with_iam",
        {
            "clientId": APP_ARN,
            "grantType": "urn:ietf:params:oauth:grant-type:token-exchange",
            "subjectToken": "aoaSUBJECT",
            "subjectTokenType": "urn:ietf:params:oauth:token-type:access_token",
            "requestedTokenType": "urn:ietf:params:oauth:token-type:refresh_token",
        },
    ),
    (
        "signin",
        "create_oauth2_token",
        {
            "tokenInput": {
                "clientId": "arn:aws:signin:::devtools/same-device",
                "grantType": "authorization_code",
                "code": "AUTHCODE",
                "redirectUri": "http://127.0.0.1:54321/oauth/callback",
                "codeVerifier": VERIFIER,
            }
        },
    ),
    (
        "signin",
        "create_o_auth2_token",
        {
            "tokenInput": {
                "clientId": "arn:aws:signin:::devtools/cross-device",
                "grantType": "refresh_token",
                "refreshToken": "ASOREFRESH",
            }
        },
    ),
    # The IAM Identity Center portal: GET and POST with no body, members in the query string
    # (in the caller's order) and the bearer token in a header.
    ("sso", "list_accounts", {"accessToken": "aoaBEARER"}),
    ("sso", "list_accounts", {"nextToken": "n~x y/+=", "maxResults": 5, "accessToken": "aoaB"}),
    ("sso", "list_account_roles", {"accessToken": "aoaBEARER", "accountId": "111111111111"}),
    (
        "sso",
        "list_account_roles",
        {"maxResults": 100, "accountId": "111111111111", "nextToken": "N", "accessToken": "a"},
    ),
    (
        "sso",
        "get_role_credentials",
        {"roleName": "ReadOnly Access", "accountId": "111111111111", "accessToken": "aoaBEARER"},
    ),
    (
        "sso",
        "get_role_credentials",
        {"accessToken": "aoaBEARER", "accountId": "111111111111", "roleName": "Admin"},
    ),
    ("sso", "logout", {"accessToken": "aoaBEARER"}),
]


@pytest.fixture(scope="module")
def server() -> Iterator[RecordingServer]:
    with RecordingServer() as running:
        yield running


def our_client(
    service: str, endpoint_url: str, region: str = "us-east-1", session_token: str | None = None
) -> Any:
    session = py_backend.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=session_token,
        region_name=region,
        environ=CLEAN_ENVIRON,
    )
    return session.client(service, endpoint_url=endpoint_url)  # type: ignore[call-overload]


def both_send(
    server: RecordingServer,
    service: str,
    method: str,
    kwargs: dict[str, Any],
    region: str = "us-east-1",
    session_token: str | None = None,
) -> tuple[RecordedRequest, RecordedRequest]:
    server.take()
    call(boto3_client(service, server.url, region, session_token), method, kwargs)
    call(our_client(service, server.url, region, session_token), method, kwargs)
    theirs, ours = server.take()
    return theirs, ours


def call(client: Any, method: str, kwargs: dict[str, Any]) -> Any:
    """Call ``method`` on ``client`` and close the client's connections, whatever happens."""
    try:
        return getattr(client, method)(**kwargs)
    finally:
        client.close()


def signed_headers(request: RecordedRequest) -> list[str] | None:
    authorization = request.header("Authorization")
    if authorization is None:
        return None
    return authorization.split("SignedHeaders=")[1].split(",")[0].split(";")


def call_id(call: tuple[str, str, dict[str, Any]]) -> str:
    service, method, kwargs = call
    grant = kwargs.get("grantType") or kwargs.get("tokenInput", {}).get("grantType", "")
    return f"{service}-{method}-{grant.rsplit(':', 1)[-1] or len(kwargs)}"


@pytest.mark.parametrize("call", CALLS, ids=[call_id(c) for c in CALLS])
def test_same_request_on_the_wire(server: RecordingServer, call: Any) -> None:
    service, method, kwargs = call
    theirs, ours = both_send(server, service, method, kwargs)
    assert (ours.method, ours.path, ours.query) == (theirs.method, theirs.path, theirs.query)
    assert ours.body == theirs.body
    for name in (
        "Content-Type",
        "Content-Length",
        "Accept-Encoding",
        "amz-sdk-request",
        "Host",
        "x-amz-sso_bearer_token",
    ):
        assert ours.header(name) == theirs.header(name), name
    assert ours.header("amz-sdk-invocation-id") is not None
    assert signed_headers(ours) == signed_headers(theirs)
    assert (ours.header("X-Amz-Date") is None) == (theirs.header("X-Amz-Date") is None)
    assert ours.header("DPoP") is None and ours.header("X-Amz-Security-Token") is None


@pytest.mark.parametrize("region", ["us-east-1", "eu-west-1"])
@pytest.mark.parametrize("session_token", [None, "EXAMPLESESSIONTOKEN"])
def test_signature_accepted_by_botocore(
    server: RecordingServer, region: str, session_token: str | None
) -> None:
    kwargs = {"clientId": APP_ARN, "grantType": "refresh_token", "refreshToken": "aorREFRESH"}
    theirs, ours = both_send(
        server, "sso-oidc", "create_token_with_iam", kwargs, region, session_token
    )
    assert signed_headers(ours) == signed_headers(theirs)
    assert ours.header("X-Amz-Security-Token") == session_token
    authorization = ours.header("Authorization") or ""
    scope = f"{ACCESS_KEY}/{ours.header('X-Amz-Date')[:8]}/{region}/sso-oauth/aws4_request"  # type: ignore[index]
    assert f"Credential={scope}," in authorization
    expected = botocore_signature(
        "POST", server.url + ours.target, ours.headers, ours.body, region, session_token
    )
    assert authorization.endswith(f"Signature={expected}")


def test_snake_case_keywords_send_the_same_body(server: RecordingServer) -> None:
    server.take()
    with our_client("sso-oidc", server.url) as client:
        client.create_token(
            client_id="CID",
            client_secret="CSECRET",
            grant_type="refresh_token",
            refresh_token="aorREFRESH",
        )
        client.create_token(
            clientId="CID",
            clientSecret="CSECRET",
            grantType="refresh_token",
            refreshToken="aorREFRESH",
        )
    snake, camel = server.take()
    assert snake.body == camel.body


SUCCESSES: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    (
        "sso-oidc",
        "create_token",
        CALLS[3][2],
        {
            "accessToken": "aoaACCESS",
            "tokenType": "Bearer",
            "expiresIn": 28800,
            "refreshToken": "aorREFRESH",
            "idToken": "eyJ.e30.sig",
            "unknownMember": "ignored",
        },
    ),
    (
        "sso-oidc",
        "create_token_with_iam",
        CALLS[7][2],
        {
            "accessToken": "aoaACCESS",
            "tokenType": "Bearer",
            "expiresIn": 3600,
            "refreshToken": "aorREFRESH",
            "idToken": "eyJ.e30.sig",
            "issuedTokenType": "urn:ietf:params:oauth:token-type:refresh_token",
            "scope": ["openid", "aws", "sso:account:access"],
            "awsAdditionalDetails": {"identityContext": "CONTEXT"},
        },
    ),
    (
        "sso-oidc",
        "register_client",
        CALLS[0][2],
        {
            "clientId": "CID",
            "clientSecret": "CSECRET",
            "clientIdIssuedAt": 1763000000,
            "clientSecretExpiresAt": 1770000000,
        },
    ),
    (
        "sso-oidc",
        "start_device_authorization",
        CALLS[2][2],
        {
            "deviceCode": "DEVICECODE",
            "userCode": "ABCD-EFGH",
            "verificationUri": "https://device.sso.us-east-1.amazonaws.com/",
            "verificationUriComplete": "https://device.sso.us-east-1.amazonaws.com/?user_code=ABCD-EFGH",
            "expiresIn": 600,
            "interval": 1,
        },
    ),
    (
        "signin",
        "create_oauth2_token",
        CALLS[10][2],
        {
            "accessToken": {
                "accessKeyId": "ASIAEXAMPLE",
                "secretAccessKey": "SECRET",
                "sessionToken": "SESSION",
            },
            "tokenType": "aws_sigv4",
            "expiresIn": 900,
            "refreshToken": "ASOREFRESH",
            "idToken": "eyJ.e30.sig",
        },
    ),
    ("sso-oidc", "create_token", CALLS[4][2], {}),
    (
        "sso",
        "list_accounts",
        CALLS[13][2],
        {
            "nextToken": "NEXT",
            "accountList": [
                {"accountId": "1", "accountName": "Dev", "emailAddress": "d@example.com"},
                {"accountId": "2", "unknownMember": "ignored"},
            ],
        },
    ),
    (
        "sso",
        "list_account_roles",
        CALLS[15][2],
        {"roleList": [{"roleName": "Admin", "accountId": "1"}, {"roleName": "ReadOnly"}]},
    ),
    (
        "sso",
        "get_role_credentials",
        CALLS[17][2],
        {
            "roleCredentials": {
                "accessKeyId": "ASIAEXAMPLE",
                "secretAccessKey": "SECRET",
                "sessionToken": "SESSION",
                "expiration": 1796530819383,
            }
        },
    ),
    ("sso", "logout", CALLS[18][2], {}),
    ("sso", "list_accounts", CALLS[13][2], {"accountList": []}),
]


@pytest.mark.parametrize("case", SUCCESSES, ids=[f"{c[1]}-{len(c[3])}" for c in SUCCESSES])
def test_same_result_as_boto3(server: RecordingServer, case: Any) -> None:
    service, method, kwargs, payload = case
    server.respond(CannedResponse.json(200, payload), CannedResponse.json(200, payload))
    theirs = call(boto3_client(service, server.url), method, kwargs)
    ours = call(our_client(service, server.url), method, kwargs)
    metadata = theirs.pop("ResponseMetadata")
    assert ours.to_dict() == theirs
    assert ours.response_metadata["RequestId"] == metadata["RequestId"]
    assert ours.response_metadata["HTTPStatusCode"] == metadata["HTTPStatusCode"]
    assert ours.response_metadata["RetryAttempts"] == metadata["RetryAttempts"]


def _error_cases() -> list[tuple[str, CannedResponse]]:
    import json
    from pathlib import Path

    import botocore.loaders

    loader = botocore.loaders.create_loader()
    cases: list[tuple[str, CannedResponse]] = []
    for service in ("sso-oidc", "signin", "sso"):
        model = loader.load_service_model(service, "service-2")
        for name, shape in sorted(model["shapes"].items()):
            if not shape.get("exception"):
                continue
            status = shape.get("error", {}).get("httpStatusCode", 400)
            body = {member: f"{member}-value" for member in shape["members"]}
            response = CannedResponse(
                status, json.dumps(body).encode(), [("x-amzn-ErrorType", name)]
            )
            cases.append((service, response))
    del Path
    oauth = {"error": "authorization_pending", "error_description": "Authorization is pending"}
    cases += [
        ("sso-oidc", CannedResponse.json(400, oauth)),
        (
            "sso-oidc",
            CannedResponse.json(
                400,
                oauth,
                x_amzn_ErrorType="AuthorizationPendingException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/",
            ),
        ),
        (
            "sso-oidc",
            CannedResponse.json(
                400, {**oauth, "__type": "com.amazonaws.ssooidc#AuthorizationPendingException"}
            ),
        ),
        (
            "sso-oidc",
            CannedResponse.json(
                400,
                {"error": "slow_down", "error_description": None},
                x_amzn_ErrorType="SlowDownException",
            ),
        ),
        (
            "signin",
            CannedResponse.json(
                400, {"error": "invalid_request", "message": "Missing refreshToken"}
            ),
        ),
        (
            "signin",
            CannedResponse.json(
                400,
                {
                    "__type": "com.amazonaws.signin#ValidationException",
                    "error": "INVALID_REQUEST",
                    "message": "bad",
                },
            ),
        ),
        ("signin", CannedResponse(400, b"not json", [])),
        # What the real portal answers for a role the user does not have: not modeled.
        (
            "sso",
            CannedResponse.json(
                403, {"message": "No access"}, x_amzn_ErrorType="ForbiddenException"
            ),
        ),
        ("sso", CannedResponse.json(401, {"message": "Session token not found or invalid"})),
        ("sso", CannedResponse(404, b"", [])),
    ]
    return cases


# 5xx answers are retried, so they are compared in test_retries_like_boto3 instead.
ERRORS = [(service, answer) for service, answer in _error_cases() if answer.status < 500]


@pytest.mark.parametrize(
    "case", ERRORS, ids=[f"{s}-{r.status}-{i}" for i, (s, r) in enumerate(ERRORS)]
)
def test_same_error_as_boto3(
    server: RecordingServer, case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    service, response = case
    method, kwargs = {
        "sso-oidc": ("create_token", CALLS[3][2]),
        "signin": ("create_oauth2_token", CALLS[11][2]),
        "sso": ("get_role_credentials", CALLS[17][2]),
    }[service]
    # A throttling answer (the portal's 429) is retried: each client gets it every time.
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    server.take()
    server.respond(*[response] * 3)
    with pytest.raises(botocore.exceptions.ClientError) as boto_error:
        call(boto3_client(service, server.url), method, kwargs)
    their_attempts = len(server.take())
    server.queue.clear()
    server.respond(*[response] * 3)
    with pytest.raises(py_backend.ServiceError) as our_error:
        call(our_client(service, server.url), method, kwargs)
    assert len(server.take()) == their_attempts
    server.queue.clear()
    theirs, ours = boto_error.value, our_error.value
    expected_class = type(theirs).__name__
    base_names = {
        "sso-oidc": "SSOOIDCServiceError",
        "signin": "SigninServiceError",
        "sso": "SSOServiceError",
    }
    assert type(ours).__name__ == (
        base_names[service] if expected_class == "ClientError" else expected_class
    )
    assert str(ours) == str(theirs)
    their_response = dict(theirs.response)
    their_metadata = their_response.pop("ResponseMetadata")
    our_response = dict(ours.response)
    our_metadata = our_response.pop("ResponseMetadata")
    assert our_response == their_response
    assert our_metadata["HTTPStatusCode"] == their_metadata["HTTPStatusCode"]
    assert ours.http_status == response.status
    assert ours.request_id == their_metadata["RequestId"]
    client = our_client(service, server.url)
    client.close()
    if expected_class != "ClientError":
        assert isinstance(ours, getattr(client.exceptions, expected_class))
    assert isinstance(ours, client.exceptions.ClientError)


def test_retries_like_boto3(server: RecordingServer, monkeypatch: pytest.MonkeyPatch) -> None:
    failure = CannedResponse.json(
        500,
        {"error": "server_error", "error_description": "boom"},
        x_amzn_ErrorType="InternalServerException",
    )
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    server.take()
    server.respond(*[failure] * 3)
    with pytest.raises(botocore.exceptions.ClientError) as theirs:
        call(boto3_client("sso-oidc", server.url), "create_token", CALLS[4][2])
    their_requests = server.take()
    server.respond(*[failure] * 3)
    with pytest.raises(py_backend.ServiceError) as ours:
        call(our_client("sso-oidc", server.url), "create_token", CALLS[4][2])
    our_requests = server.take()
    assert len(our_requests) == len(their_requests) == 3
    assert str(ours.value) == str(theirs.value)
    assert (
        [r.header("amz-sdk-request").split("; ")[1:] for r in our_requests]
        == [  # type: ignore[union-attr]
            r.header("amz-sdk-request").split("; ")[1:]
            for r in their_requests  # type: ignore[union-attr]
        ]
    )
    assert len({r.header("amz-sdk-invocation-id") for r in our_requests}) == 1
    assert ours.value.response["ResponseMetadata"]["RetryAttempts"] == 2

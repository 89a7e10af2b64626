"""Sign-In's token service and sessions (issue 20): py_backend and boto3 on the same wire.

For the eight operations, both clients send to one loopback recording server: method, path,
query, body bytes, headers and the SigV4 scope (service ``signin``) must agree, and botocore's
signer must reproduce our signature. Then both read the same canned answers (the RFC 6749
names such as ``access_token`` become member names) and the modeled errors of each operation.
"""

from __future__ import annotations

import json
from typing import Any

import botocore.exceptions
import pytest

import py_backend
from tests.support import peers
from tests.support.peers import ACCESS_KEY, botocore_signature
from tests.support.recording_server import CannedResponse, RecordingServer
from tests.test_wire_vs_boto3 import call, our_client, server, signed_headers

__all__ = ["server"]  # the recording server fixture, shared with test_wire_vs_boto3

SESSION_ARN = "arn:aws:signin:us-east-1:111111111111:session/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
PRINCIPAL = "arn:aws:iam::111111111111:user/alice"

# (boto3 method name, kwargs): every operation, with optional members in an unusual order.
CALLS: list[tuple[str, dict[str, Any]]] = [
    (
        "create_oauth2_token_with_iam",
        {"grantType": "client_credentials", "resource": "aws-mcp.amazonaws.com"},
    ),
    (
        "create_oauth2_token_with_iam",
        {"resource": "aws-mcp.amazonaws.com", "grantType": "client_credentials"},
    ),
    (
        "create_o_auth2_token_with_token_exchange",
        {
            "grantType": "urn:ietf:params:oauth:grant-type:token-exchange",
            "subjectToken": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
            "subjectTokenType": "urn:ietf:params:oauth:token-type:jwt",
            "resource": "glue.amazonaws.com",
            "scope": "arn:aws:iam::444455556666:policy/MyPolicy",
        },
    ),
    (
        "create_o_auth2_token_with_token_exchange",
        {
            "clientId": "client-1",
            "grantType": "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "assertion": "eyJhbGciOiJSUzI1NiJ9.e30.c2ln",
        },
    ),
    ("create_bearer_token", {"grantType": "client_credentials", "resource": "ecr.amazonaws.com"}),
    (
        "create_bearer_token",
        {
            "durationSeconds": 900,
            "grantType": "client_credentials",
            "resource": "ecr.amazonaws.com",
        },
    ),
    ("introspect_oauth2_token_with_iam", {"token": "ASORREFRESH"}),
    (
        "introspect_oauth2_token_with_iam",
        {"tokenTypeHint": "access_token", "token": "ASOAACCESS"},
    ),
    ("revoke_oauth2_token_with_iam", {"token": "ASORREFRESH"}),
    ("get_session", {"sessionArn": SESSION_ARN}),
    ("get_session", {"principalArn": PRINCIPAL, "sessionArn": SESSION_ARN}),
    ("list_sessions", {}),
    (
        "list_sessions",
        {
            "status": "ACTIVE",
            "maxResults": 5,
            "nextToken": "n/x+=",
            "principalArn": "arn:aws:iam::111111111111:*",
            "clientId": "arn:aws:signin:::devtools/same-device",
            "issuedAfter": 1760000000,
            "issuedBefore": 1790000000,
        },
    ),
    ("batch_revoke_sessions", {"sessionArns": [SESSION_ARN]}),
    (
        "batch_revoke_sessions",
        {"reason": "lost laptop", "sessionArns": [SESSION_ARN, "s2"], "principalArn": PRINCIPAL},
    ),
]


def boto3_client(service: str, endpoint_url: str) -> Any:
    """A boto3 client that sends every operation to ``endpoint_url``.

    botocore's rule set sends the session operations (``IsControlPlane``) to
    ``signin.{Region}.api.aws`` even with an ``endpoint_url``: a ``before-sign`` hook points
    the request back at the loopback server, before it is signed, so nothing leaves the host.
    """
    client = peers.boto3_client(service, endpoint_url)

    def _loopback(request: Any, **_: Any) -> None:
        parts = request.url.split("/", 3)
        request.url = endpoint_url.rstrip("/") + "/" + (parts[3] if len(parts) > 3 else "")

    client.meta.events.register("before-sign.signin", _loopback)
    return client


def both_send(server: RecordingServer, service: str, method: str, kwargs: dict[str, Any]) -> Any:
    server.take()
    call(boto3_client(service, server.url), method, kwargs)
    call(our_client(service, server.url), method, kwargs)
    theirs, ours = server.take()
    return theirs, ours


def _id(case: tuple[str, dict[str, Any]]) -> str:
    return f"{case[0]}-{len(case[1])}-{next(iter(case[1]), '')}"


@pytest.mark.parametrize("case", CALLS, ids=[_id(c) for c in CALLS])
def test_same_request_on_the_wire(server: RecordingServer, case: Any) -> None:
    method, kwargs = case
    theirs, ours = both_send(server, "signin", method, kwargs)
    assert (ours.method, ours.path, ours.query) == (theirs.method, theirs.path, theirs.query)
    assert ours.body == theirs.body
    for name in ("Content-Type", "Content-Length", "Accept-Encoding", "amz-sdk-request", "Host"):
        assert ours.header(name) == theirs.header(name), name
    assert signed_headers(ours) == signed_headers(theirs)
    assert (ours.header("X-Amz-Date") is None) == (theirs.header("X-Amz-Date") is None)
    if signed_headers(ours) is not None:
        scope = f"{ACCESS_KEY}/{ours.header('X-Amz-Date')[:8]}/us-east-1/signin/aws4_request"  # type: ignore[index]
        assert f"Credential={scope}," in (ours.header("Authorization") or "")
        expected = botocore_signature(
            "POST", server.url + ours.target, ours.headers, ours.body, "us-east-1", None, "signin"
        )
        assert (ours.header("Authorization") or "").endswith(f"Signature={expected}")


def test_the_unsigned_exchange_and_the_signed_rest() -> None:
    from py_backend.operations import OPERATIONS

    signed = {name for name, spec in OPERATIONS["signin"].items() if spec.signed}
    assert "CreateOAuth2TokenWithTokenExchange" not in signed
    assert "CreateOAuth2Token" not in signed
    assert len(signed) == 7


def test_snake_case_keywords_send_the_same_body(server: RecordingServer) -> None:
    server.take()
    with our_client("signin", server.url) as client:
        client.create_bearer_token(
            grant_type="client_credentials", resource="ecr.amazonaws.com", duration_seconds=600
        )
        client.create_bearer_token(
            grantType="client_credentials", resource="ecr.amazonaws.com", durationSeconds=600
        )
    snake, camel = server.take()
    assert snake.body == camel.body
    assert json.loads(snake.body)["duration"] == 600


TOKEN = {"access_token": "ASOAEXAMPLE", "token_type": "Bearer", "expires_in": 3600}
SESSION = {
    "sessionArn": SESSION_ARN,
    "principalArn": PRINCIPAL,
    "status": "ACTIVE",
    "issuedAt": 1765000000,
    "expiresAt": 1765043200,
    "clientId": "arn:aws:signin:::devtools/same-device",
    "clientType": "CLI",
}
SUCCESSES: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("create_oauth2_token_with_iam", CALLS[0][1], TOKEN),
    # A member name where the wire name belongs is not read, by boto3 or by us.
    ("create_oauth2_token_with_iam", CALLS[0][1], {**TOKEN, "accessToken": "ignored"}),
    (
        "create_o_auth2_token_with_token_exchange",
        CALLS[2][1],
        {**TOKEN, "issued_token_type": "urn:ietf:params:oauth:token-type:access_token"},
    ),
    (
        "create_o_auth2_token_with_token_exchange",
        CALLS[3][1],
        {**TOKEN, "resource": "https://aws-mcp.us-east-1.api.aws/mcp", "scope": "arn:p"},
    ),
    ("create_bearer_token", CALLS[4][1], {**TOKEN, "expires_in": 43200}),
    (
        "introspect_oauth2_token_with_iam",
        CALLS[6][1],
        {
            "active": True,
            "client_id": "arn:aws:signin:::devtools/same-device",
            "user_id": "AIDAEXAMPLE",
            "token_type": "refresh_token",
            "exp": 1765043200,
            "iat": 1765000000,
            "nbf": 1765000000,
            "sub": PRINCIPAL,
            "iss": "signin.amazonaws.com",
            "jti": "j-1",
            "account_id": "111111111111",
            "signin_session": SESSION_ARN,
            "resource": "aws-mcp.amazonaws.com",
        },
    ),
    ("introspect_oauth2_token_with_iam", CALLS[6][1], {"active": False}),
    ("revoke_oauth2_token_with_iam", CALLS[8][1], {}),
    (
        "get_session",
        CALLS[9][1],
        {**SESSION, "lastUsedAt": 1765001000, "issuedInRegion": "us-east-1", "userAgent": "x"},
    ),
    ("list_sessions", CALLS[11][1], {"items": [SESSION, {"sessionArn": "s2"}], "nextToken": "N"}),
    ("list_sessions", CALLS[11][1], {"items": []}),
    (
        "batch_revoke_sessions",
        CALLS[14][1],
        {
            "revokedSessions": [{"sessionArn": SESSION_ARN}],
            "errors": [{"sessionArn": "s2", "code": "RESOURCE_NOT_FOUND", "message": "gone"}],
        },
    ),
]


@pytest.mark.parametrize("case", SUCCESSES, ids=[f"{c[0]}-{len(c[2])}" for c in SUCCESSES])
def test_same_result_as_boto3(server: RecordingServer, case: Any) -> None:
    method, kwargs, payload = case
    server.respond(CannedResponse.json(200, payload), CannedResponse.json(200, payload))
    theirs = call(boto3_client("signin", server.url), method, kwargs)
    ours = call(our_client("signin", server.url), method, kwargs)
    theirs.pop("ResponseMetadata")
    assert ours.to_dict() == theirs


def test_typed_attributes(server: RecordingServer) -> None:
    server.respond(CannedResponse.json(200, SUCCESSES[5][2]))
    with our_client("signin", server.url) as client:
        answer = client.introspect_oauth2_token_with_iam(token="ASORREFRESH")
    assert answer.active is True
    assert answer.signin_session == SESSION_ARN
    assert answer.exp == 1765043200
    server.respond(CannedResponse.json(200, TOKEN))
    with our_client("signin", server.url) as client:
        token = client.create_oauth2_token_with_iam(**CALLS[0][1])
    assert "ASOAEXAMPLE" not in repr(token)
    assert token.access_token is not None
    assert token.access_token.get_secret_value() == "ASOAEXAMPLE"


def _modeled_errors() -> list[tuple[str, str, int]]:
    import botocore.loaders

    model = botocore.loaders.create_loader().load_service_model("signin", "service-2")
    wanted = {method: kwargs for method, kwargs in CALLS}
    python = {spec_python(name): name for name in model["operations"]}
    cases = []
    for method in wanted:
        operation = model["operations"][python[method]]
        for error in operation.get("errors", []):
            shape = model["shapes"][error["shape"]]
            status = shape.get("error", {}).get("httpStatusCode", 400)
            if status < 500:  # 5xx answers are retried (compared for CreateOAuth2Token)
                cases.append((method, error["shape"], status))
    return cases


def spec_python(name: str) -> str:
    from py_backend.operations import OPERATIONS

    spec = OPERATIONS["signin"].get(name)
    return spec.python_name if spec else name


ERRORS = _modeled_errors()


@pytest.mark.parametrize("case", ERRORS, ids=[f"{m}-{e}" for m, e, _ in ERRORS])
def test_same_modeled_error_as_boto3(
    server: RecordingServer, case: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    method, shape, status = case
    kwargs = dict(CALLS)[method]
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    body = json.dumps({"error": "invalid_request", "message": f"{shape} says no"}).encode()
    answer = CannedResponse(status, body, [("x-amzn-ErrorType", shape)])
    server.take()
    server.respond(*[answer] * 5)
    with pytest.raises(botocore.exceptions.ClientError) as theirs:
        call(boto3_client("signin", server.url), method, kwargs)
    attempts = len(server.take())
    server.queue.clear()
    server.respond(*[answer] * 5)
    with pytest.raises(py_backend.ServiceError) as ours:
        call(our_client("signin", server.url), method, kwargs)
    assert len(server.take()) == attempts
    server.queue.clear()
    assert type(ours.value).__name__ == type(theirs.value).__name__ == shape
    assert str(ours.value) == str(theirs.value)


def test_paginator_pages_like_boto3(server: RecordingServer) -> None:
    pages = [
        {"items": [SESSION], "nextToken": "T1"},
        {"items": [{**SESSION, "sessionArn": "s2"}], "nextToken": "T2"},
        {"items": [{**SESSION, "sessionArn": "s3"}]},
    ]
    server.take()
    server.respond(*[CannedResponse.json(200, page) for page in pages])
    client = boto3_client("signin", server.url)
    theirs = client.get_paginator("list_sessions").paginate(maxResults=1).build_full_result()
    client.close()
    their_requests = server.take()
    server.respond(*[CannedResponse.json(200, page) for page in pages])
    with our_client("signin", server.url) as ours_client:
        assert ours_client.can_paginate("list_sessions")
        assert not ours_client.can_paginate("get_session")
        ours = ours_client.get_paginator("list_sessions").paginate(maxResults=1)
        result = ours.build_full_result()
    our_requests = server.take()
    assert [r.body for r in our_requests] == [r.body for r in their_requests]
    assert result == theirs
    assert len(our_requests) == 3


@pytest.mark.parametrize(
    ("method", "kwargs", "member"),
    [
        ("create_oauth2_token_with_iam", {"grantType": "client_credentials"}, "resource"),
        ("create_bearer_token", {**CALLS[4][1], "durationSeconds": 299}, "durationSeconds"),
        ("introspect_oauth2_token_with_iam", {"token": ""}, "token"),
        (
            "create_o_auth2_token_with_token_exchange",
            {**CALLS[3][1], "assertion": "abc"},
            "assertion",
        ),
        ("list_sessions", {"maxResults": 0}, "maxResults"),
        ("batch_revoke_sessions", {"sessionArns": []}, "sessionArns"),
        ("get_session", {"sessionArn": SESSION_ARN, "principalArn": "short"}, "principalArn"),
        ("revoke_oauth2_token_with_iam", {"token": "ASOR", "extra": 1}, "extra"),
    ],
)
def test_refused_before_sending_like_botocore(
    server: RecordingServer, method: str, kwargs: dict[str, Any], member: str
) -> None:
    server.take()
    with pytest.raises(botocore.exceptions.ParamValidationError) as theirs:
        call(boto3_client("signin", server.url), method, kwargs)
    with pytest.raises(py_backend.ParamValidationError) as ours:
        call(our_client("signin", server.url), method, kwargs)
    assert member in str(theirs.value)
    assert member in str(ours.value)
    assert server.take() == []


def test_secrets_under_their_wire_names_are_redacted() -> None:
    """--debug logs bodies as sent: access_token and subject_token are secrets there too."""
    from py_backend.redaction import SECRET_MEMBERS, redact_data

    assert {"access_token", "subject_token", "accessToken", "subjectToken"} <= SECRET_MEMBERS
    body = {"access_token": "ASOAsecret", "subject_token": "eyJ.secret", "token_type": "Bearer"}
    shown = str(redact_data(body))
    assert "ASOAsecret" not in shown and "eyJ.secret" not in shown and "Bearer" in shown

"""How answers look on the wire: request ids, JSON, error headers and bodies, statuses."""

from __future__ import annotations

import uuid

import botocore.session
import httpx
import pytest

from py_backend.emulator import EmulatorConfig, create_app
from py_backend.emulator.errors import SIGNIN_ERRORS, SSO_OIDC_ERRORS, signin_error, sso_error
from tests.emulator.support import BASE_URL, FakeClock, error_of, register, signin_authorize_query


def _model_statuses(service: str) -> dict[str, int]:
    model = botocore.session.get_session().get_service_model(service)
    return {
        shape.name: shape.metadata.get("error", {}).get("httpStatusCode", 400)
        for shape in model.error_shapes
    }


def test_sso_error_statuses_match_the_model() -> None:
    modeled = _model_statuses("sso-oidc")
    assert set(SSO_OIDC_ERRORS) == set(modeled)
    assert {name: sso_error(name, "x").status for name in modeled} == modeled


@pytest.mark.parametrize(
    "shape", ["ValidationException", "TooManyRequestsError", "InternalServerException"]
)
def test_signin_error_statuses_match_the_model(shape: str) -> None:
    assert signin_error(shape, "x").status == _model_statuses("signin")[shape]


def test_signin_access_denied_statuses_follow_the_old_model_doc() -> None:
    assert signin_error("AccessDeniedException", "x", error="TOKEN_EXPIRED").status == 401
    assert signin_error("AccessDeniedException", "x", error="AUTHCODE_EXPIRED").status == 401
    assert (
        signin_error("AccessDeniedException", "x", error="INSUFFICIENT_PERMISSIONS").status == 403
    )
    assert set(SIGNIN_ERRORS) <= set(_model_statuses("signin"))


@pytest.mark.parametrize(
    ("method", "path", "kwargs"),
    [
        ("POST", "/client/register", {"json": {"clientName": "x", "clientType": "public"}}),
        ("POST", "/client/register", {"json": {}}),
        ("GET", "/nowhere", {}),
        ("GET", "/client/register", {}),
        ("GET", "/__emulator/stats", {}),
        ("GET", "/v1/authorize?" + signin_authorize_query(), {}),
        ("GET", "/device", {}),
    ],
)
def test_every_answer_has_a_request_id(
    client: httpx.Client, method: str, path: str, kwargs: dict
) -> None:  # type: ignore[type-arg]
    response = client.request(method, path, **kwargs)
    assert uuid.UUID(response.headers["x-amzn-requestid"]).version == 4


def test_request_ids_differ(client: httpx.Client) -> None:
    ids = {client.get("/nowhere").headers["x-amzn-requestid"] for _ in range(3)}
    assert len(ids) == 3


def test_success_is_compact_json(client: httpx.Client) -> None:
    response = client.post("/client/register", json={"clientName": "x", "clientType": "public"})
    assert response.headers["content-type"] == "application/json"
    assert b", " not in response.content and b": " not in response.content


def test_sso_error_carries_the_coral_namespace(client: httpx.Client) -> None:
    response = client.post("/client/register", json={"clientName": "x", "clientType": "private"})
    assert response.headers["x-amzn-errortype"] == (
        "InvalidClientMetadataException:http://internal.amazon.com/coral/com.amazonaws.sso.oidc/"
    )
    assert set(response.json()) == {"error", "error_description"}


def test_namespace_can_be_switched_off(clock: FakeClock) -> None:
    app = create_app(EmulatorConfig(clock=clock, coral_error_suffix=False))
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url=BASE_URL) as http:
        response = http.post("/client/register", json={"clientName": "x", "clientType": "private"})
    assert response.headers["x-amzn-errortype"] == "InvalidClientMetadataException"


def test_unknown_path_is_404_json(client: httpx.Client) -> None:
    response = client.post("/v2/token", json={})
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/json"
    assert "message" in response.json()


@pytest.mark.parametrize(
    ("method", "path", "allow"), [("GET", "/token", "POST"), ("POST", "/v1/authorize", "GET")]
)
def test_wrong_method_is_405(client: httpx.Client, method: str, path: str, allow: str) -> None:
    response = client.request(method, path)
    assert response.status_code == 405
    assert response.headers["allow"] == allow


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"\xff\xfe"])
def test_malformed_sso_body(client: httpx.Client, body: bytes) -> None:
    response = client.post(
        "/client/register", content=body, headers={"Content-Type": "application/json"}
    )
    status, error_type, answer = error_of(response)
    assert (status, error_type, answer["error"]) == (
        400,
        "InvalidRequestException",
        "invalid_request",
    )


def test_malformed_signin_body(client: httpx.Client) -> None:
    response = client.post(
        "/v1/token", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    status, error_type, answer = error_of(response)
    assert (status, error_type, answer["error"]) == (400, "ValidationException", "INVALID_REQUEST")


def test_member_of_the_wrong_type(client: httpx.Client) -> None:
    response = client.post("/client/register", json={"clientName": 7, "clientType": "public"})
    assert error_of(response)[:2] == (400, "InvalidRequestException")


def test_list_member_of_the_wrong_type(client: httpx.Client) -> None:
    body = {"clientName": "x", "clientType": "public", "scopes": "sso:account:access"}
    assert error_of(client.post("/client/register", json=body))[:2] == (
        400,
        "InvalidRequestException",
    )


@pytest.mark.parametrize(
    ("path", "error_type"),
    [("/token", "InvalidRequestException"), ("/v1/token", "ValidationException")],
)
def test_body_over_64_kib_is_refused(client: httpx.Client, path: str, error_type: str) -> None:
    response = client.post(
        path, content=b"x" * (64 * 1024 + 1), headers={"Content-Type": "application/json"}
    )
    assert error_of(response)[:2] == (413, error_type)


def test_body_of_64_kib_is_read(client: httpx.Client) -> None:
    padding = "x" * (64 * 1024 - 60)
    body = ('{"clientName": "' + padding + '", "clientType": "public"}').encode()
    assert len(body) <= 64 * 1024
    response = client.post("/client/register", content=body)
    assert response.status_code == 200


def test_secrets_stay_out_of_reprs(client: httpx.Client, app) -> None:  # type: ignore[no-untyped-def]
    registration = register(client)
    remembered = app.state.clients[registration["clientId"]]
    assert registration["clientSecret"] not in repr(remembered)
    assert "wJalrXUtnFEMI" not in repr(app.config)

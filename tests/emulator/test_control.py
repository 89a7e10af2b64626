"""The ``/__emulator/`` control API, including injected faults."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from py_backend.emulator import EmulatorConfig, create_app
from tests.emulator.support import (
    BASE_URL,
    FakeClock,
    approve,
    device_token_body,
    error_of,
    register,
    signed_iam_request,
    start_device,
)


def _fault(client: httpx.Client, **spec: Any) -> httpx.Response:
    return client.post("/__emulator/faults", json=spec)


def _register_status(client: httpx.Client) -> int:
    return client.post(
        "/client/register", json={"clientName": "x", "clientType": "public"}
    ).status_code


# --- devices ----------------------------------------------------------------------------------


def test_approve_unknown_user_code(client: httpx.Client) -> None:
    response = approve(client, "BCDF-GHJK")
    assert response.status_code == 404
    assert "message" in response.json()


def test_approve_twice(client: httpx.Client) -> None:
    device = start_device(client, register(client))
    assert approve(client, device["userCode"]).json() == {
        "userCode": device["userCode"],
        "status": "approved",
    }
    assert approve(client, device["userCode"]).status_code == 409


def test_approve_accepts_code_without_dash_and_lower_case(client: httpx.Client) -> None:
    device = start_device(client, register(client))
    assert approve(client, device["userCode"].replace("-", "").lower()).status_code == 200


def test_approve_needs_user_code(client: httpx.Client) -> None:
    assert client.post("/__emulator/device/approve", json={}).status_code == 400


def test_devices_list_hides_device_codes(client: httpx.Client) -> None:
    device = start_device(client, register(client))
    listed = client.get("/__emulator/devices").json()["devices"]
    assert [d["userCode"] for d in listed] == [device["userCode"]]
    assert listed[0]["status"] == "pending"
    assert device["deviceCode"] not in str(listed)


def test_auto_approve_config(clock: FakeClock) -> None:
    app = create_app(EmulatorConfig(clock=clock, auto_approve=True))
    with httpx.Client(transport=httpx.WSGITransport(app=app), base_url=BASE_URL) as http:
        registration = register(http)
        device = start_device(http, registration)
        assert http.post("/token", json=device_token_body(registration, device)).status_code == 200


def test_auto_approve_toggle(client: httpx.Client) -> None:
    assert client.get("/__emulator/auto-approve").json() == {"enabled": False}
    client.post("/__emulator/auto-approve", json={"enabled": True})
    registration = register(client)
    device = start_device(client, registration)
    assert client.post("/token", json=device_token_body(registration, device)).status_code == 200


def test_toggle_needs_a_boolean(client: httpx.Client) -> None:
    assert client.post("/__emulator/signin/deny", json={"deny": "yes"}).status_code == 400
    assert client.get("/__emulator/signin/deny").json() == {"deny": False}


# --- clock, reset, stats ----------------------------------------------------------------------


def test_clock_advances(client: httpx.Client, clock: FakeClock) -> None:
    assert client.get("/__emulator/clock").json()["now"] == int(clock())
    answer = client.post("/__emulator/clock", json={"advanceSeconds": 90}).json()
    assert answer == {"now": int(clock()) + 90, "offsetSeconds": 90}


@pytest.mark.parametrize("value", ["10", True, None])
def test_clock_needs_a_number(client: httpx.Client, value: object) -> None:
    assert client.post("/__emulator/clock", json={"advanceSeconds": value}).status_code == 400


def test_reset_forgets_clients_and_time(client: httpx.Client) -> None:
    registration = register(client)
    client.post("/__emulator/clock", json={"advanceSeconds": 90})
    client.post("/__emulator/reset")
    body = {"clientId": registration["clientId"], "clientSecret": "x", "startUrl": "https://x"}
    assert error_of(client.post("/device_authorization", json=body))[1] == "InvalidClientException"
    assert client.get("/__emulator/clock").json()["offsetSeconds"] == 0
    assert client.get("/__emulator/stats").json()["requests"] == {"/device_authorization": 1}


def test_stats_count_requests_per_path_and_operation(
    client: httpx.Client, clock: FakeClock
) -> None:
    register(client)
    client.post("/token", json={})
    signed_iam_request(client, {}, now=clock())
    client.get("/nowhere")
    stats = client.get("/__emulator/stats").json()
    assert stats["requests"] == {
        "/client/register": 1,
        "/token": 1,
        "/token?aws_iam=t": 1,
        "/nowhere": 1,
    }
    assert stats["operations"] == {"RegisterClient": 1, "CreateToken": 1, "CreateTokenWithIAM": 1}


def test_unknown_control_endpoint(client: httpx.Client) -> None:
    assert client.get("/__emulator/nothing").status_code == 404


def test_wrong_control_method(client: httpx.Client) -> None:
    response = client.get("/__emulator/reset")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"


# --- assertions -------------------------------------------------------------------------------


def test_assertion_for_unknown_issuer(client: httpx.Client) -> None:
    body = {"issuer": "https://nobody.example.com", "audience": "a"}
    assert client.post("/__emulator/jwt-bearer/assertion", json=body).status_code == 404


def test_assertion_needs_audience(client: httpx.Client) -> None:
    assert client.post("/__emulator/jwt-bearer/assertion", json={}).status_code == 400


# --- faults -----------------------------------------------------------------------------------


def test_status_fault_applies_count_times(client: httpx.Client) -> None:
    assert _fault(client, path="/client/register", status=500, count=2).status_code == 200
    first = client.post("/client/register", json={"clientName": "x", "clientType": "public"})
    status, error_type, body = error_of(first)
    assert (status, error_type, body["error"]) == (500, "InternalServerException", "server_error")
    assert _register_status(client) == 500
    assert _register_status(client) == 200
    assert client.get("/__emulator/faults").json() == {"faults": []}


def test_fault_on_token_covers_both_operations(client: httpx.Client, clock: FakeClock) -> None:
    _fault(client, path="/token", status=500, count=2)
    assert client.post("/token", json={}).status_code == 500
    assert signed_iam_request(client, {}, now=clock()).status_code == 500


def test_fault_on_iam_key_spares_create_token(client: httpx.Client, clock: FakeClock) -> None:
    _fault(client, path="/token?aws_iam=t", status=500)
    assert client.post("/token", json={}).status_code == 400
    assert signed_iam_request(client, {}, now=clock()).status_code == 500


def test_signin_fault_answers_in_signin_format(client: httpx.Client) -> None:
    _fault(client, path="/v1/token", status=429)
    status, error_type, body = error_of(client.post("/v1/token", json={}))
    assert (status, error_type, set(body)) == (429, "TooManyRequestsError", {"error", "message"})


def test_fault_with_error_type_and_code(client: httpx.Client) -> None:
    _fault(
        client,
        path="/v1/token",
        status=403,
        errorType="AccessDeniedException",
        error="INSUFFICIENT_PERMISSIONS",
        message="no",
    )
    status, error_type, body = error_of(client.post("/v1/token", json={}))
    assert (status, error_type, body) == (
        403,
        "AccessDeniedException",
        {"error": "INSUFFICIENT_PERMISSIONS", "message": "no"},
    )


def test_delay_fault_sleeps_then_answers(client: httpx.Client, clock: FakeClock) -> None:
    _fault(client, path="/client/register", delaySeconds=3)
    assert _register_status(client) == 200
    assert clock.sleeps == [3.0]


def test_drop_fault_closes_without_answer(client: httpx.Client) -> None:
    _fault(client, path="/client/register", drop=True)
    with pytest.raises(httpx.RemoteProtocolError):
        client.post("/client/register", json={"clientName": "x", "clientType": "public"})
    assert _register_status(client) == 200


def test_after_phase_fault_keeps_the_effect(client: httpx.Client) -> None:
    registration = register(client)
    device = start_device(client, registration)
    approve(client, device["userCode"])
    _fault(client, path="/token", status=500, phase="after")
    body = device_token_body(registration, device)
    assert client.post("/token", json=body).status_code == 500
    assert error_of(client.post("/token", json=body))[1] == "InvalidGrantException"


def test_before_phase_fault_leaves_state_alone(client: httpx.Client) -> None:
    registration = register(client)
    device = start_device(client, registration)
    approve(client, device["userCode"])
    _fault(client, path="/token", status=500)
    body = device_token_body(registration, device)
    assert client.post("/token", json=body).status_code == 500
    assert client.post("/token", json=body).status_code == 200


@pytest.mark.parametrize(
    "spec",
    [
        {"path": "/token"},
        {"path": "token", "status": 500},
        {"path": "/token", "status": 200},
        {"path": "/token", "status": 500, "count": 0},
        {"path": "/token", "status": 500, "count": True},
        {"path": "/token", "status": 500, "phase": "during"},
        {"path": "/token", "delaySeconds": -1},
    ],
)
def test_bad_fault_specs(client: httpx.Client, spec: dict[str, Any]) -> None:
    assert _fault(client, **spec).status_code == 400


def test_faults_can_be_cleared(client: httpx.Client) -> None:
    _fault(client, path="/client/register", status=500)
    assert len(client.get("/__emulator/faults").json()["faults"]) == 1
    client.delete("/__emulator/faults")
    assert _register_status(client) == 200


def test_control_requests_are_not_faulted(client: httpx.Client) -> None:
    _fault(client, path="/__emulator/stats", status=500)
    assert client.get("/__emulator/stats").status_code == 200

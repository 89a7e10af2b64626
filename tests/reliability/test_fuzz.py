"""Property-based fuzzing of the RPC framing, the dispatcher, the cmdlet layer, every request
model and the Python API's answers (hypothesis, a bounded number of examples each).

The properties: nothing raises out of the server; every message is answered at most once and
every well-formed request exactly once; no input ends in an internal error (-32603, the
answer to a bug); a refusal names the parameter or field it is about; and a value planted in
a secret parameter never appears in a log notification or an error.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Mapping
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, SecretStr

import py_backend
from py_backend.client_config import ClientConfig
from py_backend.cmdlets import describe_cmdlets
from py_backend.errors import ParamValidationError, TokenBridgeError
from py_backend.models._base import RequestModel
from py_backend.models.signin import CreateOAuth2TokenRequestBody
from py_backend.operations import OPERATIONS
from py_backend.rpc import Dispatcher, serve

pytestmark = pytest.mark.timeout(120)

FUZZ = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MARKER = "zqFUZZSECRETzq"
KNOWN_CODES = {-32700, -32600, -32601, -32602, -32000, -32001, -32002, -32800}
LIMIT = 2048  # a small line limit, so "too large" is reached cheaply


def service_says_no(request: httpx.Request) -> httpx.Response:
    """Every request the cmdlets send ends here: nothing leaves the process."""
    body = {"error": "invalid_request", "error_description": "fuzzed"}
    headers = {"x-amzn-ErrorType": "InvalidRequestException", "x-amzn-RequestId": "fuzz"}
    return httpx.Response(400, json=body, headers=headers)


def dispatcher() -> Dispatcher:
    return Dispatcher(
        http_transport=httpx.MockTransport(service_says_no),
        max_line_bytes=LIMIT,
        shutdown_timeout=5,
    )


SPECS = {spec["name"]: spec for spec in describe_cmdlets()}
COMMON = ["Verbose", "Debug", "WhatIf", "Confirm", "ErrorAction", "InformationAction"]
SECRET_NAMES = {
    name: {p["name"] for p in spec["parameters"] if p["secret"]} for name, spec in SPECS.items()
}

# --- value strategies ---------------------------------------------------------------------------

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=40),
    st.sampled_from(
        [
            "",
            "us-east-1",
            "refresh_token",
            "authorization_code",
            "urn:ietf:params:oauth:grant-type:device_code",
            "urn:ietf:params:oauth:grant-type:jwt-bearer",
            "http://127.0.0.1:9/",
            "arn:aws:signin:::devtools/same-device",
            "*",
            "^ClientId",
            "ClientId",
            "AccessToken",
        ]
    ),
)
json_values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=12,
)
planted = st.integers(min_value=0, max_value=10**6).map(lambda n: f"{MARKER}{n}".ljust(50, "x"))


# --- 1. the framing: serve() on a byte stream -----------------------------------------------


@st.composite
def request_lines(draw: st.DrawFn) -> tuple[bytes, list[str]]:
    """A stream of lines, some well-formed requests (whose ids are returned), some not."""
    lines: list[bytes] = []
    ids: list[str] = []
    for index in range(draw(st.integers(min_value=0, max_value=8))):
        kind = draw(st.sampled_from(["request", "junk-json", "bytes", "long", "blank", "bom"]))
        if kind in ("request", "bom"):
            request_id = f"fz-{index}"
            method = draw(st.sampled_from(["initialize", "describe", "invoke", "nope"]))
            params = draw(st.one_of(st.none(), st.dictionaries(st.text(max_size=10), json_values)))
            if method == "initialize" and draw(st.booleans()):
                params = {"protocolVersion": draw(st.sampled_from(["1.0", "1.7", "2.0", "x"]))}
            message: dict[str, Any] = {"jsonrpc": "2.0", "id": request_id, "method": method}
            if params is not None:
                message["params"] = params
            text = json.dumps(message, ensure_ascii=draw(st.booleans())).encode()
            line = (b"\xef\xbb\xbf" if kind == "bom" else b"") + text
            # The server's limit counts every byte of the line, a leading BOM included.
            if len(line) <= LIMIT:
                ids.append(request_id)
                lines.append(line)
        elif kind == "junk-json":
            lines.append(json.dumps(draw(json_values)).encode())
        elif kind == "bytes":
            lines.append(draw(st.binary(max_size=60)).replace(b"\n", b" "))
        elif kind == "long":
            lines.append(b"x" * draw(st.integers(min_value=LIMIT + 1, max_value=3 * LIMIT)))
        else:
            lines.append(b"   ")
    ending = draw(st.sampled_from([b"\n", b"\r\n"]))
    data = b"".join(line + ending for line in lines)
    if draw(st.booleans()):
        data += draw(st.binary(min_size=1, max_size=20)).replace(b"\n", b"")  # cut short
    return data, ids


def read_output(data: bytes) -> list[dict[str, Any]]:
    """Every line the server wrote: whole lines, ASCII, JSON objects, JSON-RPC 2.0."""
    assert data == b"" or data.endswith(b"\n")
    messages = []
    for line in data.splitlines():
        assert line.isascii()
        message = json.loads(line)
        assert isinstance(message, dict) and message["jsonrpc"] == "2.0"
        messages.append(message)
    return messages


def check_answer(answer: Mapping[str, Any]) -> None:
    assert ("result" in answer) != ("error" in answer), answer
    if "error" in answer:
        error = answer["error"]
        assert error["code"] in KNOWN_CODES, error  # never -32603: that is a bug's answer
        assert isinstance(error["message"], str) and error["message"]
        if error["code"] == -32602:
            assert all(item["field"] for item in error["data"]["errors"])


@FUZZ
@given(request_lines())
def test_serve_answers_every_request_exactly_once(stream: tuple[bytes, list[str]]) -> None:
    data, ids = stream
    out = io.BytesIO()
    assert serve(io.BytesIO(data), out, dispatcher=dispatcher(), max_line_bytes=LIMIT) == 0
    messages = read_output(out.getvalue())
    answers = [m for m in messages if "method" not in m]
    for answer in answers:
        check_answer(answer)
    answered = [a["id"] for a in answers if a["id"] is not None]
    assert sorted(answered) == sorted(ids)  # each well-formed request once, nothing else
    lines = data.count(b"\n") + 1
    assert len(answers) <= lines


# --- 2. the dispatcher on any line ----------------------------------------------------------


@FUZZ
@given(
    st.one_of(
        st.binary(max_size=200),
        json_values.map(lambda v: json.dumps(v).encode()),
        st.builds(
            lambda method, params, request_id: json.dumps(
                {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}
            ).encode(),
            st.sampled_from(["initialize", "describe", "invoke", "shutdown", "$/cancelRequest"])
            | st.text(max_size=10),
            json_values,
            st.one_of(st.integers(), st.text(max_size=5), st.none(), st.floats(), st.booleans()),
        ),
    )
)
def test_dispatcher_call_never_fails(line: bytes) -> None:
    answers = dispatcher().call(line, timeout=30)
    assert len(answers) <= 1
    for raw in answers:
        [answer] = read_output(raw)
        check_answer(answer)


# --- valid inputs, then mutated: deep paths are reached, not only the first check ------------

SECRET = object()  # a placeholder: a planted secret is drawn in its place
DEVICE = "urn:ietf:params:oauth:grant-type:device_code"
JWT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TYPE = "urn:ietf:params:oauth:token-type:access_token"
APP = "arn:aws:sso::123456789012:application/ssoins-1111111111111111/apl-aaaaaaaaaaaaaaaa"
SAME_DEVICE = "arn:aws:signin:::devtools/same-device"
START = "https://d-1234567890.awsapps.com/start"
LOOP = "http://127.0.0.1:55555/oauth/callback"
CODE_GRANT = {"grantType": "authorization_code", "code": SECRET, "codeVerifier": SECRET}

#: Valid inputs of each operation (wire names; Sign-In's members flattened as tokenInput.x).
VALID: dict[str, list[dict[str, Any]]] = {
    "CreateToken": [
        {
            "clientId": "c",
            "clientSecret": SECRET,
            "grantType": "refresh_token",
            "refreshToken": SECRET,
        },
        {"clientId": "c", "clientSecret": SECRET, "grantType": DEVICE, "deviceCode": SECRET},
        {"clientId": "c", "clientSecret": SECRET, **CODE_GRANT, "redirectUri": LOOP},
    ],
    "CreateTokenWithIAM": [
        {"clientId": APP, "grantType": JWT, "assertion": SECRET},
        {"clientId": APP, "grantType": "refresh_token", "refreshToken": SECRET, "scope": ["aws"]},
        {"clientId": APP, **CODE_GRANT, "redirectUri": "https://app.example.com/cb"},
        {
            "clientId": APP,
            "grantType": EXCHANGE,
            "subjectToken": SECRET,
            "subjectTokenType": ACCESS_TYPE,
            "requestedTokenType": ACCESS_TYPE,
        },
    ],
    "RegisterClient": [
        {"clientName": "n", "clientType": "public"},
        {
            "clientName": "n",
            "clientType": "public",
            "scopes": ["sso:account:access"],
            "grantTypes": ["authorization_code", "refresh_token"],
            "redirectUris": ["http://127.0.0.1/oauth/callback"],
            "issuerUrl": START,
        },
    ],
    "StartDeviceAuthorization": [{"clientId": "c", "clientSecret": SECRET, "startUrl": START}],
    # The IAM Identity Center portal: the access token is the secret.
    "GetRoleCredentials": [{"roleName": "R", "accountId": "111111111111", "accessToken": SECRET}],
    "ListAccounts": [
        {"accessToken": SECRET},
        {"accessToken": SECRET, "maxResults": 5, "nextToken": "n"},
    ],
    "ListAccountRoles": [{"accessToken": SECRET, "accountId": "1", "maxResults": 1}],
    "Logout": [{"accessToken": SECRET}],
    # Sign-In's token service and sessions (issue 20).
    "CreateOAuth2TokenWithIAM": [{"grantType": "client_credentials", "resource": "r.example"}],
    "CreateOAuth2TokenWithTokenExchange": [
        {
            "grantType": EXCHANGE,
            "subjectToken": SECRET,
            "subjectTokenType": "urn:ietf:params:oauth:token-type:jwt",
            "resource": "glue.amazonaws.com",
        },
        {"clientId": "c", "grantType": JWT, "assertion": SECRET},
    ],
    "CreateBearerToken": [
        {"grantType": "client_credentials", "resource": "ecr.amazonaws.com", "durationSeconds": 900}
    ],
    "IntrospectOAuth2TokenWithIAM": [{"token": SECRET, "tokenTypeHint": "access_token"}],
    "RevokeOAuth2TokenWithIAM": [{"token": SECRET}],
    "GetSession": [{"sessionArn": "arn:aws:signin::111111111111:session/s1"}],
    "ListSessions": [{}, {"status": "ACTIVE", "maxResults": 5, "nextToken": "n"}],
    "BatchRevokeSessions": [{"sessionArns": ["s1"], "reason": "lost laptop"}],
    "CreateOAuth2Token": [
        {
            "tokenInput.clientId": SAME_DEVICE,
            "tokenInput.grantType": "refresh_token",
            "tokenInput.refreshToken": SECRET,
        },
        {
            "tokenInput.clientId": SAME_DEVICE,
            "tokenInput.grantType": "authorization_code",
            "tokenInput.code": SECRET,
            "tokenInput.redirectUri": LOOP,
            "tokenInput.codeVerifier": SECRET,
        },
    ],
}
#: The operation cmdlets only: the sign-in flow cmdlets (``flow`` set) call several operations.
SPECS_BY_OPERATION = {
    spec["operation"]: spec for spec in SPECS.values() if spec.get("flow") is None
}
OPERATION_SPECS = {op: spec for service in OPERATIONS.values() for op, spec in service.items()}


@st.composite
def mutated(draw: st.DrawFn, operation: str, secret_keys: set[str] | None = None) -> dict[str, Any]:
    """A valid input of ``operation`` with some members dropped, replaced or added.

    Planted secrets go into ``SECRET`` members, and into any member when ``secret_keys`` is
    None (the models never quote a value, whatever the member).
    """
    valid = draw(st.sampled_from(VALID[operation]))
    out: dict[str, Any] = {}
    for key, value in valid.items():
        choice = draw(st.integers(min_value=0, max_value=9))
        may_plant = secret_keys is None or value is SECRET
        if choice <= 6:
            out[key] = draw(planted) if value is SECRET else value
        elif choice == 7:
            out[key] = draw(json_values)
        elif choice == 8 and may_plant:
            out[key] = draw(planted)
    if draw(st.integers(min_value=0, max_value=9)) == 0:
        every = sorted({k for inputs in VALID[operation] for k in inputs})
        key = draw(st.sampled_from(every) | st.text(min_size=1, max_size=10))
        out[key] = draw(planted if secret_keys is None else json_values)
    return out


def nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    """``{"tokenInput.code": x}`` as ``{"tokenInput": {"code": x}}``."""
    out: dict[str, Any] = {}
    for key, value in flat.items():
        head, dot, rest = key.partition(".")
        if dot and head == "tokenInput":
            inner = out.setdefault(head, {})
            if isinstance(inner, dict):
                inner[rest] = value
        else:
            out[key] = value
    return out


def service_answer(answer: httpx.Response) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: answer)


@st.composite
def answers(draw: st.DrawFn) -> httpx.Response:
    """What a service might send back: mostly plausible, sometimes anything.

    No 1xx: HTTP never ends an exchange with one (httpx reads past them).
    """
    status = draw(st.sampled_from([200, 200, 200, 400, 401, 429, 500]) | st.integers(200, 599))
    plausible = st.fixed_dictionaries(
        {},
        optional={
            "accessToken": st.text(max_size=20) | json_values,
            "refreshToken": st.text(max_size=20),
            "expiresIn": st.integers() | json_values,
            "tokenType": st.just("Bearer"),
            "clientId": st.text(max_size=10),
            "clientSecret": st.text(max_size=10),
            "deviceCode": st.text(max_size=10),
            "tokenOutput": json_values,
            "error": st.sampled_from(["invalid_grant", "authorization_pending"]) | json_values,
            "__type": st.sampled_from(["InvalidGrantException", "x#Y"]) | json_values,
            "message": json_values,
        },
    ).map(lambda v: json.dumps(v).encode())
    body = draw(
        st.one_of(
            plausible, st.binary(max_size=80), json_values.map(lambda v: json.dumps(v).encode())
        )
    )
    headers = draw(
        st.dictionaries(
            st.sampled_from(["x-amzn-ErrorType", "x-amzn-RequestId", "Content-Type"]),
            st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=30),
        )
    )
    return httpx.Response(status, content=body, headers=headers)


# --- 3. invoke: every cmdlet with fuzzed parameters and shell context --------------------------


def rarely(draw: st.DrawFn, one_in: int) -> bool:
    """True once in ``one_in`` draws (keeps most examples close to valid)."""
    return draw(st.integers(min_value=1, max_value=one_in)) == 1


shell_contexts = st.fixed_dictionaries(
    {},
    optional={
        # one_of picks each branch alike: the valid shape is listed three times to one junk
        "storedCredentials": st.one_of(
            *[
                st.fixed_dictionaries(
                    {"AccessKey": st.just("AKIDEXAMPLE"), "SecretKey": planted},
                    optional={"Token": planted},
                )
            ]
            * 3,
            json_values,
        ),
        "storedRegion": st.one_of(*[st.sampled_from(["us-east-1", "eu-west-1"])] * 3, json_values),
        # Secrets go into the secret variables only: a profile or region name is no secret,
        # and the AWS tools name a missing profile in their error, as botocore does.
        "environment": st.fixed_dictionaries(
            {},
            optional={
                "AWS_SECRET_ACCESS_KEY": st.one_of(st.none(), planted, st.text(max_size=10)),
                "AWS_SESSION_TOKEN": st.one_of(st.none(), planted, st.text(max_size=10)),
                "AWS_REGION": st.one_of(st.none(), st.text(max_size=10)),
                "AWS_PROFILE": st.one_of(st.none(), st.text(max_size=10)),
            },
        ),
        "dpopKey": st.one_of(planted, json_values),
    },
)


@st.composite
def invocations(draw: st.DrawFn) -> tuple[str, dict[str, Any], Any]:
    operation = draw(st.sampled_from(sorted(set(VALID) & set(SPECS_BY_OPERATION))))
    spec = SPECS_BY_OPERATION[operation]
    by_wire = {p["wireName"]: p["name"] for p in spec["parameters"] if p["kind"] == "service"}
    secret = {p["wireName"] for p in spec["parameters"] if p["secret"] and p["wireName"]}
    wire = draw(mutated(operation, secret))
    parameters = {by_wire.get(key, key): value for key, value in wire.items()}
    for name in draw(st.lists(st.sampled_from(COMMON), max_size=3, unique=True)):
        parameters[name] = draw(json_values) if rarely(draw, 5) else draw(st.booleans())
    if draw(st.booleans()):
        paths = st.sampled_from(["*", "^ClientId", "AccessToken", "TokenOutput.AccessToken"])
        parameters["Select"] = draw(json_values if rarely(draw, 5) else paths)
    if rarely(draw, 10):
        parameters[draw(st.text(min_size=1, max_size=12))] = draw(planted)  # unknown: hidden
    parameters.setdefault("Region", draw(st.sampled_from(["us-east-1", "eu-west-1"])))
    parameters["EndpointUrl"] = "http://127.0.0.1:9"
    context = None
    if rarely(draw, 5):
        context = draw(json_values)
    elif draw(st.booleans()):
        context = draw(shell_contexts)
    return spec["name"], parameters, context


@FUZZ
@given(invocations(), answers())
def test_invoke_answers_or_names_the_problem(
    invocation: tuple[str, dict[str, Any], Any], reply: httpx.Response
) -> None:
    cmdlet, parameters, context = invocation
    params: dict[str, Any] = {"cmdlet": cmdlet, "parameters": parameters}
    if context is not None:
        params["context"] = context
    line = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "invoke", "params": params})
    notes: list[bytes] = []
    server = Dispatcher(http_transport=service_answer(reply), shutdown_timeout=5)
    [raw] = server.call(line, on_notification=notes.append, timeout=30)
    [answer] = read_output(raw)
    check_answer(answer)
    for note in notes:
        assert MARKER not in note.decode("ascii")
    if "result" in answer:
        event("invoke: items")
        assert isinstance(answer["result"]["items"], list)
        return
    error = answer["error"]
    event(f"invoke: {error['code']} {error.get('data', {}).get('errorCode', '')}")
    assert MARKER not in json.dumps(error)
    assert error["code"] in (-32000, -32602)
    if error["code"] == -32000:
        data = error["data"]
        assert data["errorId"].endswith("," + cmdlet)
        assert data["message"] and data["category"] and data["exceptionType"]
        if data["category"] == "InvalidArgument":  # a refusal names what it refuses
            named = [p["name"] for p in SPECS[cmdlet]["parameters"]] + list(parameters)
            named += ["dpopKey", "storedCredentials", "storedRegion", "environment"]
            assert data["targetObject"] in named or any(n in data["message"] for n in named), data
    else:
        assert "context" in {item["field"].split(".")[0] for item in error["data"]["errors"]}


def secret_values(model: BaseModel) -> list[str]:
    """The values of the ``SecretStr`` members of ``model`` (nested models included) that
    no plain member also holds (hypothesis may plant one value in both)."""
    secrets: list[str] = []
    plain: list[str] = []
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, SecretStr):
            secrets.append(value.get_secret_value())
        elif isinstance(value, BaseModel):
            secrets += secret_values(value)
        else:
            plain.append(repr(value))
    return [s for s in secrets if len(s) >= 4 and not any(s in text for text in plain)]


# --- 4. every request model: built, or refused naming each parameter --------------------------

MODELS: dict[str, type[RequestModel]] = {
    **{op: spec.input_model for op, spec in OPERATION_SPECS.items()},
    "CreateOAuth2Token.tokenInput": CreateOAuth2TokenRequestBody,
}


def member_names(model: type[RequestModel]) -> list[str]:
    names = []
    for name, field in model.model_fields.items():
        names += [name, field.alias or name]
    return names


def names_a_member(parameter: str, model: type[RequestModel], params: Mapping[str, Any]) -> bool:
    """Whether ``parameter`` is a key the caller gave, or starts with a member of the model."""
    if parameter in params:  # the caller's own (unknown) key, as given
        return True
    return re.split(r"[.\[]", parameter, maxsplit=1)[0] in member_names(model)


@st.composite
def model_inputs(draw: st.DrawFn) -> tuple[type[RequestModel], dict[str, Any]]:
    key = draw(st.sampled_from(sorted(MODELS)))
    operation = key.split(".")[0]
    params = nested(draw(mutated(operation)))
    if key.endswith(".tokenInput"):
        inner = params.get("tokenInput")
        params = inner if isinstance(inner, dict) else {}
    if draw(st.integers(min_value=0, max_value=3)) == 0:  # snake_case names are accepted too
        model = MODELS[key]
        aliases = {field.alias: name for name, field in model.model_fields.items()}
        params = {aliases.get(k, k): v for k, v in params.items()}
    return MODELS[key], params


@FUZZ
@given(model_inputs())
def test_every_request_model_builds_or_names_each_parameter(
    case: tuple[type[RequestModel], dict[str, Any]],
) -> None:
    model, params = case
    try:
        built = model.build(params)
    except ParamValidationError as error:
        event("model: refused")
        assert error.problems
        for parameter, reason in error.problems:
            assert parameter and reason
            assert names_a_member(parameter, model, params), (parameter, sorted(params))
        assert MARKER not in str(error) and MARKER not in repr(error)
    else:
        event("model: built")
        assert isinstance(built, model)
        for secret in secret_values(built):  # secrets are SecretStr, hidden in the repr
            assert secret not in repr(built) and secret not in str(built)


# --- 5. the Python API: fuzzed arguments, fuzzed answers ----------------------------------------


PYTHON_METHODS = {
    "CreateToken": ("sso-oidc", "create_token"),
    "CreateTokenWithIAM": ("sso-oidc", "create_token_with_iam"),
    "RegisterClient": ("sso-oidc", "register_client"),
    "StartDeviceAuthorization": ("sso-oidc", "start_device_authorization"),
    "CreateOAuth2Token": ("signin", "create_oauth2_token"),
}


@st.composite
def api_calls(draw: st.DrawFn) -> tuple[str, str, dict[str, Any]]:
    operation = draw(st.sampled_from(sorted(PYTHON_METHODS)))
    service, method = PYTHON_METHODS[operation]
    return service, method, nested(draw(mutated(operation)))


@FUZZ
@given(api_calls(), answers())
def test_the_python_api_returns_or_raises_its_own_errors(
    call: tuple[str, str, dict[str, Any]], answer: httpx.Response
) -> None:
    service, method, arguments = call
    session = py_backend.Session(
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        region_name="us-east-1",
        environ={},
        config_file="/nonexistent/config",
        credentials_file="/nonexistent/credentials",
    )
    options: dict[str, Any] = {
        "endpoint_url": "http://127.0.0.1:9",
        "http_transport": service_answer(answer),
        "config": ClientConfig(retries={"total_max_attempts": 1}),
    }
    client = (
        session.client("signin", **options)
        if service == "signin"
        else session.client("sso-oidc", **options)
    )
    with client:
        try:
            result = getattr(client, method)(**arguments)
        except TokenBridgeError as error:
            event(f"api: {type(error).__name__}")
            assert str(error)
            assert MARKER not in str(error) and MARKER not in repr(error)
        else:
            event("api: answered")
            assert 200 <= answer.status_code < 300
            for secret in secret_values(result):
                assert secret not in repr(result) and secret not in str(result)

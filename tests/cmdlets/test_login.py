"""``Invoke-SSOOIDCLogin`` and ``Invoke-AMSPLogin`` through ``invoke_cmdlet``, against the
emulator on 127.0.0.1.

The user is played by the test: a browser that follows the authorize redirect (to the
cmdlet's loopback listener, or to the remote confirmation page whose code it reads), the
emulator's control API to approve device codes, and an injected sleep that moves the
emulator's clock instead of waiting.
"""

from __future__ import annotations

import base64
import importlib
import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from py_backend.cmdlets import CmdletError, InvocationHooks, ShellContext, invoke_cmdlet
from py_backend.cmdlets import pending_login as pending_module
from py_backend.cmdlets.flow_io import urls_in
from py_backend.cmdlets.login_specs import INVOKE_AMSP_LOGIN, LOGIN_CMDLETS
from py_backend.cmdlets.outputs import OUTPUT_TYPES, TYPE_KEY
from py_backend.cmdlets.parameters import bind_parameters
from py_backend.cmdlets.pending_login import PendingLogins
from py_backend.cmdlets.specs import find_cmdlet
from py_backend.config.context import ConfigContext
from py_backend.config.shared_files import get_profile
from py_backend.emulator import EmulatorConfig, EmulatorServer
from py_backend.flows.cache import login_cache_key, sso_token_cache_key
from py_backend.flows.errors import LoopbackListenerError
from tests.flows.support import Browser, Emulator, query_of

CONFIG = EmulatorConfig(device_interval=5)
START_URL = "https://d-1234567890.awsapps.com/start"
ARN = CONFIG.signin_identity_arn
ACCOUNT = ARN.split(":")[4]
SSO = "Invoke-SSOOIDCLogin"
SIGNIN = "Invoke-AMSPLogin"
SESSION_CONFIG = (
    "[profile dev]\nsso_session = corp\n"
    f"[sso-session corp]\nsso_start_url = {START_URL}\nsso_region = us-east-1\n"
    "sso_registration_scopes = sso:account:access\n"
)


@pytest.fixture(scope="module")
def server() -> Iterator[EmulatorServer]:
    with EmulatorServer(config=CONFIG, shutdown_timeout=1.0) as running:
        yield running


@pytest.fixture
def emulator(server: EmulatorServer) -> Iterator[Emulator]:
    control = Emulator(server.base_url)
    control.post("reset", {})
    yield control
    control.close()


class DeviceUser:
    """The device-code user and clock: every sleep moves the emulator's clock that far; the
    user approves the pending code on the ``approve_on``-th sleep."""

    def __init__(self, emulator: Emulator, approve_on: int) -> None:
        self.emulator, self.approve_on = emulator, approve_on
        self.sleeps: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.emulator.advance(seconds)
        if len(self.sleeps) == self.approve_on:
            self.emulator.approve_pending()


@dataclass
class Calls:
    """Runs the sign-in cmdlets as the backend does, and keeps what they said."""

    base_url: str
    environ: dict[str, str]
    opener: Callable[[str], Any] | None = None
    sleep: Callable[[float], None] | None = None
    logs: list[tuple[str, str]] = field(default_factory=list)
    progress: list[dict[str, Any]] = field(default_factory=list)
    cancelled: threading.Event = field(default_factory=threading.Event)

    def hooks(self) -> InvocationHooks:
        return InvocationHooks(
            log=lambda level, message: self.logs.append((level, message)),
            progress=lambda record: self.progress.append(dict(record)),
            cancelled=self.cancelled,
            open_browser=self.opener,
            sleep=self.sleep,
        )

    def run(self, cmdlet: str, shell: ShellContext | None = None, **parameters: Any) -> Any:
        given = {"EndpointUrl": self.base_url, **parameters}
        items = invoke_cmdlet(
            cmdlet, given, shell or ShellContext(environ=self.environ), self.hooks()
        )
        assert json.loads(json.dumps(items)) == items
        (item,) = items
        return item

    def fail(self, cmdlet: str, **parameters: Any) -> dict[str, Any]:
        with pytest.raises(CmdletError) as caught:
            self.run(cmdlet, **parameters)
        data: dict[str, Any] = caught.value.to_data()
        return data

    def information(self) -> list[str]:
        return [message for level, message in self.logs if level == "information"]

    def said(self) -> str:
        """Everything logged and reported, for checks that a secret is absent."""
        return json.dumps([self.logs, self.progress])


@pytest.fixture
def calls(server: EmulatorServer, home: dict[str, str]) -> Calls:
    return Calls(server.base_url, home)


def read_json(path: str | Path) -> dict[str, Any]:
    return dict(json.loads(Path(path).read_text()))


def assert_result(obj: dict[str, Any], type_name: str) -> None:
    """``obj`` has exactly the properties of ``type_name``, in order."""
    assert obj[TYPE_KEY] == type_name
    assert [k for k in obj if k != TYPE_KEY] == [p.name for p in OUTPUT_TYPES[type_name].properties]


# --- Invoke-SSOOIDCLogin: device code -------------------------------------------------------


def test_device_code_login_polls_at_the_interval_and_caches_the_token(
    calls: Calls, emulator: Emulator, home: dict[str, str]
) -> None:
    opened: list[str] = []
    calls.opener, calls.sleep = opened.append, DeviceUser(emulator, approve_on=2)
    result = calls.run(SSO, StartUrl=START_URL, SSORegion="us-east-1")
    assert_result(result, "AwsTokenBridge.SSOLoginResult")
    assert (result["StartUrl"], result["Region"], result["SessionName"]) == (
        START_URL,
        "us-east-1",
        None,
    )
    # One early poll, then one per interval: the interval is the emulator's.
    assert isinstance(calls.sleep, DeviceUser)
    assert calls.sleep.sleeps == [CONFIG.device_interval] * 2
    assert emulator.operations()["CreateToken"] == 3
    # The user sees the URL and the code, and the browser opens the page that fills it in.
    user_code = query_of(opened[0])["user_code"]
    (message,) = calls.information()
    assert "Attempting to automatically open" in message
    assert user_code in message and emulator.base_url + "/device" in message
    waits = [p for p in calls.progress if user_code in p["status"]]
    assert waits and waits[-1]["percentComplete"] == 100
    assert all(0 <= p["percentComplete"] < 100 for p in waits[:-1])
    assert calls.progress[-1]["percentComplete"] == 100
    path = Path(home["HOME"]) / ".aws" / "sso" / "cache" / f"{sso_token_cache_key(START_URL)}.json"
    assert result["CachePath"] == str(path)
    entry = read_json(path)
    # A timestamp is typed for the module, which makes it a DateTime of Kind Utc.
    assert result["ExpiresAt"] == {"$type": "System.DateTime", "Value": entry["expiresAt"]}
    assert entry["accessToken"] not in calls.said() + json.dumps(result)


def test_no_browser_shows_the_url_and_code_and_opens_nothing(
    calls: Calls, emulator: Emulator
) -> None:
    opened: list[str] = []
    calls.opener, calls.sleep = opened.append, DeviceUser(emulator, approve_on=1)
    calls.run(SSO, StartUrl=START_URL, SSORegion="us-east-1", NoBrowser=True)
    assert opened == []
    (message,) = calls.information()
    assert "will not be automatically opened" in message and "/device?user_code=" in message


def test_a_denied_device_code_is_the_service_error(calls: Calls, emulator: Emulator) -> None:
    def deny(seconds: float) -> None:
        emulator.advance(seconds)
        for device in emulator.devices():
            emulator.post("device/deny", {"userCode": device["userCode"]})

    calls.opener, calls.sleep = (lambda url: None), deny
    data = calls.fail(SSO, StartUrl=START_URL, SSORegion="us-east-1")
    assert data["errorCode"] == "AccessDeniedException"
    assert data["exceptionType"] == "Amazon.SSOOIDC.Model.AccessDeniedException"
    assert data["errorId"] == f"AccessDeniedException,{SSO}"


def test_cancelling_stops_the_device_code_polling(calls: Calls, emulator: Emulator) -> None:
    # The real sleep (one interval, 5 s): the user presses Ctrl+C once the code is shown,
    # while the cmdlet waits to poll, and the wait ends there.
    def log(level: str, message: str) -> None:
        if level == "information":
            threading.Timer(0.1, calls.cancelled.set).start()

    hooks = calls.hooks()
    hooks.log = log
    parameters = {"StartUrl": START_URL, "SSORegion": "us-east-1", "NoBrowser": True}
    with pytest.raises(CmdletError) as caught:
        invoke_cmdlet(
            SSO,
            {**parameters, "EndpointUrl": calls.base_url},
            ShellContext(environ=calls.environ),
            hooks,
        )
    assert caught.value.to_data()["errorId"] == f"OperationCanceled,{SSO}"
    assert caught.value.exception_type == "System.OperationCanceledException"
    # Only the early poll, made before the code is shown: none after the cancellation.
    assert emulator.operations()["CreateToken"] == 1


# --- Invoke-SSOOIDCLogin: authorization code ------------------------------------------------


def test_a_session_profile_signs_in_with_the_authorization_code(
    calls: Calls, emulator: Emulator, home: dict[str, str]
) -> None:
    Path(home["AWS_CONFIG_FILE"]).write_text(SESSION_CONFIG)
    browser = Browser()
    calls.opener = browser
    result = calls.run(SSO, ProfileName="dev")
    authorize = query_of(browser.visits[0])
    assert browser.visits[0].startswith(emulator.base_url + "/authorize?")
    assert authorize["redirect_uri"].startswith("http://127.0.0.1:")
    assert browser.redirects[0].startswith(authorize["redirect_uri"] + "?")
    assert result["SessionName"] == "corp"
    assert result["CachePath"].endswith(f"{sso_token_cache_key(START_URL, 'corp')}.json")
    assert "Attempting to automatically open" in calls.information()[0]
    assert emulator.operations().get("StartDeviceAuthorization", 0) == 0

    calls.run(SSO, ProfileName="dev")  # a second sign-in reuses the cached registration
    assert emulator.operations()["RegisterClient"] == 1
    assert emulator.operations()["CreateToken"] == 2


def test_scope_replaces_the_configured_scopes(calls: Calls, home: dict[str, str]) -> None:
    Path(home["AWS_CONFIG_FILE"]).write_text(SESSION_CONFIG)
    browser = Browser()
    calls.opener = browser
    calls.run(SSO, ProfileName="dev", Scope=["sso:account:access", "openid"])
    assert query_of(browser.visits[0])["scopes"] == "sso:account:access openid"


def test_a_start_url_with_a_session_name_needs_no_config(
    calls: Calls, home: dict[str, str]
) -> None:
    calls.opener = Browser()
    result = calls.run(SSO, StartUrl=START_URL, SSORegion="us-east-1", SSOSession="one-off")
    assert result["SessionName"] == "one-off"
    assert result["CachePath"].endswith(f"{sso_token_cache_key(START_URL, 'one-off')}.json")
    assert not Path(home["AWS_CONFIG_FILE"]).exists()


def test_use_device_code_overrides_the_session(
    calls: Calls, emulator: Emulator, home: dict[str, str]
) -> None:
    Path(home["AWS_CONFIG_FILE"]).write_text(SESSION_CONFIG)
    calls.opener, calls.sleep = (lambda url: None), DeviceUser(emulator, approve_on=1)
    result = calls.run(SSO, ProfileName="dev", UseDeviceCode=True)
    assert result["SessionName"] == "corp"
    assert emulator.operations()["StartDeviceAuthorization"] == 1


def test_without_a_loopback_port_the_device_code_is_used(
    calls: Calls, emulator: Emulator, home: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_port(**kwargs: Any) -> Any:
        raise LoopbackListenerError("Address family not supported")

    monkeypatch.setattr(
        importlib.import_module("py_backend.flows.sso_login"), "LoopbackListener", no_port
    )
    Path(home["AWS_CONFIG_FILE"]).write_text(SESSION_CONFIG)
    calls.opener, calls.sleep = (lambda url: None), DeviceUser(emulator, approve_on=1)
    calls.run(SSO, ProfileName="dev")
    assert "Falling back to the device code flow" in calls.information()[0]
    assert emulator.operations()["StartDeviceAuthorization"] == 1


def test_a_cancelled_sign_in_reports_the_cancellation_alone(
    calls: Calls, emulator: Emulator, home: dict[str, str]
) -> None:
    # The sign-in layer itself (invoke_cmdlet re-raises every error without its context too).
    from py_backend.cmdlets.login import run_login

    Path(home["AWS_CONFIG_FILE"]).write_text(SESSION_CONFIG)
    calls.opener = lambda url: calls.cancelled.set()  # the flow fails because it was cancelled
    spec = find_cmdlet(SSO)
    assert spec is not None
    given = {"EndpointUrl": calls.base_url, "ProfileName": "dev"}
    bound = bind_parameters(spec, given, lambda text: None)
    with pytest.raises(CmdletError) as caught:
        run_login(spec, bound, ShellContext(environ=calls.environ), calls.hooks())
    assert caught.value.to_data()["errorCode"] == "OperationCanceled"
    # The flow's failure is the cancellation's effect: it is not chained to the error.
    assert isinstance(caught.value.__context__, Exception)
    assert caught.value.__suppress_context__ and caught.value.__cause__ is None


def test_cancelling_ends_the_wait_for_the_browser(
    calls: Calls, emulator: Emulator, home: dict[str, str]
) -> None:
    Path(home["AWS_CONFIG_FILE"]).write_text(SESSION_CONFIG)
    calls.opener = lambda url: calls.cancelled.set()  # the user presses Ctrl+C instead
    data = calls.fail(SSO, ProfileName="dev")
    assert data["errorCode"] == "OperationCanceled"
    assert emulator.operations().get("CreateToken", 0) == 0
    assert not (
        Path(home["HOME"])
        / ".aws"
        / "sso"
        / "cache"
        / f"{sso_token_cache_key(START_URL, 'corp')}.json"
    ).exists()


@pytest.mark.parametrize(
    ("parameters", "named"),
    [
        ({"StartUrl": START_URL}, "SSORegion"),
        ({"SSORegion": "us-east-1"}, "SSORegion"),
        ({"StartUrl": START_URL, "SSORegion": "not a region!"}, None),
        ({"EndpointUrl": "ftp://example"}, "EndpointUrl"),
    ],
)
def test_bad_options_are_refused_before_any_request(
    calls: Calls, emulator: Emulator, parameters: dict[str, Any], named: str | None
) -> None:
    data = calls.fail(SSO, **parameters)
    assert data["category"] in ("InvalidArgument", "InvalidOperation")
    if named is not None:
        assert data["targetObject"] == named
    assert emulator.operations() == {}


def test_a_missing_profile_is_named(calls: Calls) -> None:
    data = calls.fail(SSO, ProfileName="nowhere")
    assert data["errorCode"] == "ProfileNotFound" and "nowhere" in data["message"]
    assert data["errorId"] == f"ProfileNotFound,{SSO}"


def test_what_if_signs_in_nowhere(calls: Calls, emulator: Emulator) -> None:
    items = invoke_cmdlet(
        SSO,
        {"StartUrl": START_URL, "SSORegion": "us-east-1", "WhatIf": True},
        ShellContext(environ=calls.environ),
        calls.hooks(),
    )
    assert items == [] and emulator.operations() == {}


# --- Invoke-AMSPLogin: same device ----------------------------------------------------------


def test_same_device_sign_in_caches_the_session_and_updates_the_profile(
    calls: Calls, emulator: Emulator, home: dict[str, str]
) -> None:
    browser = Browser()
    calls.opener = browser
    result = calls.run(SIGNIN, ProfileName="console", Region="us-east-1")
    assert_result(result, "AwsTokenBridge.SignInLoginResult")
    authorize = query_of(browser.visits[0])
    assert authorize["client_id"] == "arn:aws:signin:::devtools/same-device"
    assert browser.redirects[0].startswith(authorize["redirect_uri"] + "?")
    assert (result["ProfileName"], result["LoginSession"], result["AccountId"]) == (
        "console",
        ARN,
        ACCOUNT,
    )
    path = Path(home["HOME"]) / ".aws" / "login" / "cache" / f"{login_cache_key(ARN)}.json"
    assert result["CachePath"] == str(path)
    entry = read_json(path)
    assert result["AccessKeyId"] == entry["accessToken"]["accessKeyId"]
    expires_at = entry["accessToken"]["expiresAt"]
    assert result["ExpiresAt"] == {"$type": "System.DateTime", "Value": expires_at}
    profile = get_profile(ConfigContext.from_environ(home), "console")
    assert profile == {"login_session": ARN, "region": "us-east-1"}
    said = calls.said() + json.dumps(result)
    for secret in ("secretAccessKey", "sessionToken"):
        assert entry["accessToken"][secret] not in said
    assert entry["refreshToken"] not in said
    assert "Attempting to automatically open the AWS sign-in page" in calls.information()[0]
    assert calls.progress[-1]["percentComplete"] == 100


def test_no_profile_update_leaves_the_config_alone(calls: Calls, home: dict[str, str]) -> None:
    calls.opener = Browser()
    result = calls.run(SIGNIN, Region="us-east-1", NoProfileUpdate=True)
    assert result["ProfileName"] is None and result["LoginSession"] == ARN
    assert not Path(home["AWS_CONFIG_FILE"]).exists()


def test_a_profile_with_other_credentials_is_refused(
    calls: Calls, emulator: Emulator, home: dict[str, str]
) -> None:
    Path(home["AWS_CONFIG_FILE"]).write_text("[profile keys]\naws_access_key_id = AKIDEXAMPLE\n")
    calls.opener = Browser()
    data = calls.fail(SIGNIN, ProfileName="keys", Region="us-east-1")
    assert "already configured with Access Key credentials" in data["message"]
    assert emulator.operations() == {}


@pytest.mark.parametrize(
    ("config", "shell", "expected"),
    [
        ("", {"stored_region": "eu-west-1"}, "eu-west-1"),
        ("[default]\nregion = ap-south-1\n", {"stored_region": None}, "ap-south-1"),
        ("", {}, "us-east-1"),
    ],
)
def test_the_region_comes_from_the_shell_then_the_profile_then_the_default(
    calls: Calls,
    home: dict[str, str],
    config: str,
    shell: dict[str, Any],
    expected: str,
) -> None:
    Path(home["AWS_CONFIG_FILE"]).write_text(config)
    calls.opener = Browser()
    result = calls.run(SIGNIN, ShellContext(environ=home, **shell), NoProfileUpdate=True)
    assert result["Region"] == expected
    told = any("No region is configured" in m for m in calls.information())
    assert told is (not config and not shell)


def test_cancelling_ends_the_wait_for_the_sign_in_page(calls: Calls, emulator: Emulator) -> None:
    calls.opener = lambda url: calls.cancelled.set()
    data = calls.fail(SIGNIN, Region="us-east-1", NoProfileUpdate=True)
    assert data["errorId"] == f"OperationCanceled,{SIGNIN}"
    assert emulator.operations().get("CreateOAuth2Token", 0) == 0


# --- Invoke-AMSPLogin -Remote: two calls ----------------------------------------------------


def test_remote_sign_in_takes_two_calls_and_a_pasted_code(
    calls: Calls, home: dict[str, str]
) -> None:
    pending = calls.run(SIGNIN, ProfileName="phone", Region="us-east-1", Remote=True)
    assert_result(pending, "AwsTokenBridge.SignInLoginPending")
    (message,) = calls.information()
    assert pending["AuthorizationUrl"] in message and "will not be automatically opened" in message
    authorize = query_of(pending["AuthorizationUrl"])
    assert authorize["client_id"] == "arn:aws:signin:::devtools/cross-device"
    assert authorize["redirect_uri"].endswith("/v1/sessions/confirmation")
    assert pending["LoginHandle"] not in calls.said()

    code = Browser().paste_code(message)  # the user signs in on the other device
    result = calls.run(SIGNIN, LoginHandle=pending["LoginHandle"], AuthorizationCode=code)
    assert (result["ProfileName"], result["LoginSession"]) == ("phone", ARN)
    assert read_json(result["CachePath"])["clientId"] == authorize["client_id"]
    assert get_profile(ConfigContext.from_environ(home), "phone")["login_session"] == ARN
    assert code not in calls.said()

    again = calls.fail(SIGNIN, LoginHandle=pending["LoginHandle"], AuthorizationCode=code)
    assert again["errorId"] == f"LoginNotFound,{SIGNIN}" and again["category"] == "ObjectNotFound"


def test_a_code_from_another_sign_in_is_refused(calls: Calls) -> None:
    pending = calls.run(SIGNIN, Region="us-east-1", Remote=True, NoProfileUpdate=True)
    foreign = base64.b64encode(b"state=00000000-0000-0000-0000-000000000000&code=c").decode()
    data = calls.fail(SIGNIN, LoginHandle=pending["LoginHandle"], AuthorizationCode=foreign)
    assert data["errorCode"] == "LoginAuthorizationCodeError"
    assert "State parameter" in data["message"]


def test_a_refused_profile_fails_the_first_call(calls: Calls, home: dict[str, str]) -> None:
    Path(home["AWS_CONFIG_FILE"]).write_text("[profile keys]\ncredential_process = x\n")
    data = calls.fail(SIGNIN, ProfileName="keys", Region="us-east-1", Remote=True)
    assert "Credential Process" in data["message"]
    assert len(pending_module.PENDING_LOGINS) == 0


def test_a_pending_sign_in_expires(calls: Calls, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = PendingLogins(timeout=0.01)
    monkeypatch.setattr(pending_module, "PENDING_LOGINS", registry)
    pending = calls.run(SIGNIN, Region="us-east-1", Remote=True, NoProfileUpdate=True)
    deadline = time.monotonic() + 30  # a bound for a broken registry, not a timing check
    while len(registry) and time.monotonic() < deadline:
        time.sleep(0.01)
    assert len(registry) == 0
    data = calls.fail(SIGNIN, LoginHandle=pending["LoginHandle"], AuthorizationCode="x")
    assert data["errorCode"] == "LoginNotFound"


def test_only_so_many_sign_ins_may_wait(calls: Calls, monkeypatch: pytest.MonkeyPatch) -> None:
    registry = PendingLogins(limit=1)
    monkeypatch.setattr(pending_module, "PENDING_LOGINS", registry)
    first = calls.run(SIGNIN, Region="us-east-1", Remote=True, NoProfileUpdate=True)
    data = calls.fail(SIGNIN, Region="us-east-1", Remote=True, NoProfileUpdate=True)
    assert data["category"] == "LimitsExceeded"
    code = Browser().paste_code(calls.information()[0])
    calls.run(SIGNIN, LoginHandle=first["LoginHandle"], AuthorizationCode=code)
    assert len(registry) == 0


@pytest.mark.parametrize(
    ("parameters", "named"),
    [({"AuthorizationCode": "c"}, "LoginHandle"), ({"LoginHandle": "h"}, "AuthorizationCode")],
)
def test_the_second_call_needs_both_hidden_parameters(
    calls: Calls, parameters: dict[str, Any], named: str
) -> None:
    data = calls.fail(SIGNIN, **parameters)
    assert data["targetObject"] == named and data["category"] == "InvalidArgument"


def test_planted_codes_and_handles_stay_out_of_logs_and_errors(calls: Calls) -> None:
    planted = {"AuthorizationCode": "PlantedCodeQ9", "LoginHandle": "PlantedHandleQ9"}
    data = calls.fail(SIGNIN, **planted)
    said = calls.said() + json.dumps(data)
    assert "PlantedCodeQ9" not in said and "PlantedHandleQ9" not in said


# --- the parts -------------------------------------------------------------------------------


def test_urls_are_read_from_the_flows_messages() -> None:
    url = (
        "https://oidc.us-east-1.amazonaws.com/authorize?response_type=code&client_id=c"
        "&redirect_uri=http%3A%2F%2F127.0.0.1%3A55555%2Foauth%2Fcallback&state=s"
    )
    text = f"Open the following URL:\n\n{url}\n"
    assert urls_in(text) == [url]
    assert urls_in("no address here") == []


def test_the_login_specs_are_self_consistent() -> None:
    for spec in LOGIN_CMDLETS.values():
        assert spec.flow is not None and spec.verb == "Invoke"
        names = [n.casefold() for p in spec.parameters for n in p.all_names]
        assert len(names) == len(set(names))
        assert spec.parameter("Select") is None and spec.parameter("Force") is not None
        assert all(spec.parameter(rule.parameter) for rule in spec.flow.targets)
        assert spec.output_type in OUTPUT_TYPES
        assert all(t in OUTPUT_TYPES for t in spec.flow.extra_output_types)
        for param in spec.parameters:
            # A hidden parameter is set by the function itself, and never from the pipeline.
            assert not (param.dont_show and param.value_from_pipeline_by_property_name)
    prompt = INVOKE_AMSP_LOGIN.flow.prompt if INVOKE_AMSP_LOGIN.flow else None
    assert prompt is not None
    for name in (prompt.switch, prompt.value_parameter, prompt.handle_parameter):
        assert INVOKE_AMSP_LOGIN.parameter(name) is not None
    assert INVOKE_AMSP_LOGIN.parameter(prompt.value_parameter).secret  # type: ignore[union-attr]
    pending = OUTPUT_TYPES["AwsTokenBridge.SignInLoginPending"]
    assert prompt.handle_property in [p.name for p in pending.properties]

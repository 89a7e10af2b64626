"""Credentials and region in the AWS Tools' order; -NetworkCredential; -ClientConfig."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from py_backend.cmdlets import CmdletError, ShellContext
from py_backend.cmdlets.client_options import client_options
from py_backend.cmdlets.parameters import BoundParameters
from py_backend.cmdlets.resolution import resolve_credentials, resolve_region
from py_backend.errors import (
    CredentialProcessError,
    NoCredentialsError,
    NoRegionError,
    ProfileNotFound,
)
from tests.cmdlets.support import BASE_URL, Recorder, write

IAM = "New-SSOOIDCTokenWithIAM"


def _keys(name: str) -> dict[str, str]:
    return {"AccessKey": f"AKID{name.upper()}", "SecretKey": f"secret-{name}"}


@pytest.fixture
def everything(home: dict[str, str], tmp_path: Path) -> dict[str, Any]:
    """Every credential source set, each with its own access key id."""
    write(
        tmp_path / "credentials",
        "[default]\naws_access_key_id = AKIDDEFAULT\naws_secret_access_key = s\n"
        "[named]\naws_access_key_id = AKIDNAMED\naws_secret_access_key = s\n"
        "[envprofile]\naws_access_key_id = AKIDENVPROFILE\naws_secret_access_key = s\n",
    )
    environ = {
        **home,
        "AWS_ACCESS_KEY_ID": "AKIDENV",
        "AWS_SECRET_ACCESS_KEY": "s",
        "AWS_PROFILE": "envprofile",
    }
    return {
        "parameters": {**_keys("param"), "ProfileName": "named", "Credential": _keys("object")},
        "shell": ShellContext(stored_credentials=_keys("stored"), environ=environ),
    }


def _found(parameters: dict[str, Any], shell: ShellContext) -> tuple[str, str]:
    found = resolve_credentials(IAM, BoundParameters(parameters), shell)
    return found.value.access_key, found.source


def _without(shell: ShellContext, *names: str) -> ShellContext:
    environ = {k: v for k, v in (shell.environ or {}).items() if k not in names}
    return ShellContext(stored_credentials=shell.stored_credentials, environ=environ)


def test_credentials_come_in_the_aws_tools_order(everything: dict[str, Any]) -> None:
    parameters, shell = dict(everything["parameters"]), everything["shell"]
    assert _found(parameters, shell) == ("AKIDPARAM", "the supplied key parameters")
    del parameters["AccessKey"], parameters["SecretKey"]
    assert _found(parameters, shell) == ("AKIDNAMED", "stored profile named 'named'")
    del parameters["ProfileName"]
    assert _found(parameters, shell) == ("AKIDOBJECT", "supplied credentials object")
    del parameters["Credential"]
    assert _found(parameters, shell) == ("AKIDSTORED", "shell variable $StoredAWSCredentials")
    shell = ShellContext(environ=shell.environ)
    assert _found(parameters, shell) == ("AKIDENV", "Environment")
    shell = _without(shell, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY")
    assert _found(parameters, shell) == ("AKIDENVPROFILE", "stored profile named 'envprofile'")
    shell = _without(shell, "AWS_PROFILE")
    assert _found(parameters, shell) == ("AKIDDEFAULT", "stored profile named 'default'")


def test_session_token_goes_with_the_key_parameters(home: dict[str, str]) -> None:
    found = resolve_credentials(
        IAM,
        BoundParameters({**_keys("p"), "SessionToken": "tok"}),
        ShellContext(environ=home),
    )
    assert found.value.session_token is not None
    assert found.value.session_token.get_secret_value() == "tok"


def test_no_credentials_anywhere(home: dict[str, str]) -> None:
    with pytest.raises(NoCredentialsError) as caught:
        resolve_credentials(IAM, BoundParameters({}), ShellContext(environ=home))
    assert (
        str(caught.value) == "No credentials specified or obtained from persisted/shell defaults."
    )


def test_a_missing_named_profile_never_falls_through(everything: dict[str, Any]) -> None:
    with pytest.raises(ProfileNotFound):
        _found({"ProfileName": "missing"}, everything["shell"])


def test_profile_location_is_the_only_file_searched(
    everything: dict[str, Any], tmp_path: Path
) -> None:
    other = write(
        tmp_path / "other-credentials",
        "[default]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = s\n",
    )
    with pytest.raises(ProfileNotFound):
        _found({"ProfileName": "named", "ProfileLocation": str(other)}, everything["shell"])
    shell = ShellContext(environ=everything["shell"].environ)
    shell = _without(shell, "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE")
    assert _found({"ProfileLocation": str(other)}, shell) == (
        "AKIDOTHER",
        "stored profile named 'default'",
    )


def test_stored_profile_reference(everything: dict[str, Any]) -> None:
    shell = ShellContext(
        stored_credentials={"ProfileName": "named"}, environ=everything["shell"].environ
    )
    assert _found({}, shell) == ("AKIDNAMED", "shell variable $StoredAWSCredentials")


@pytest.mark.parametrize(
    ("given", "missing"), [("AccessKey", "SecretKey"), ("SecretKey", "AccessKey")]
)
def test_half_a_key_pair_names_the_missing_half(
    home: dict[str, str], given: str, missing: str
) -> None:
    with pytest.raises(CmdletError) as caught:
        resolve_credentials(IAM, BoundParameters({given: "x"}), ShellContext(environ=home))
    assert f"-{missing}" in str(caught.value)
    assert caught.value.to_data()["targetObject"] == missing


@pytest.mark.parametrize("value", ["text", {"AccessKey": "a"}, {"AccessKey": 1, "SecretKey": "s"}])
def test_a_bad_credential_object_is_named(home: dict[str, str], value: Any) -> None:
    with pytest.raises(CmdletError) as caught:
        resolve_credentials(IAM, BoundParameters({"Credential": value}), ShellContext(environ=home))
    assert caught.value.to_data()["targetObject"] == "Credential"


def _process_profile(tmp_path: Path, home: dict[str, str]) -> tuple[Path, dict[str, str]]:
    """A default profile whose credential_process records that it ran, then fails."""
    marker = tmp_path / "process-ran"
    script = write(
        tmp_path / "process.py",
        f"import pathlib, sys\npathlib.Path({str(marker)!r}).write_text('ran')\nsys.exit(1)\n",
    )
    command = f"credential_process = {sys.executable} {script}\n"
    write(tmp_path / "config", f"[default]\n{command}[profile proc]\n{command}")
    return marker, home


def test_unsigned_cmdlets_never_run_credential_process(
    tmp_path: Path, home: dict[str, str], run: Any, recorder: Recorder
) -> None:
    marker, environ = _process_profile(tmp_path, home)
    shell = ShellContext(environ=environ)
    (registration,) = run("Register-SSOOIDCClient", shell, ClientName="n", ClientType="public")
    run(
        "Start-SSOOIDCDeviceAuthorization",
        shell,
        ClientId=registration["ClientId"],
        ClientSecret=registration["ClientSecret"],
        StartUrl="https://d-1234567890.awsapps.com/start",
        ProfileName="proc",
    )
    assert not marker.exists()
    assert "Credentials obtained" not in " ".join(recorder.messages("debug"))
    with pytest.raises(CmdletError) as caught:
        run(IAM, shell, ClientId="app", GrantType="refresh_token", RefreshToken="r")
    assert marker.exists(), "the signed cmdlet does run it"
    assert caught.value.error_code == CredentialProcessError.code


# --- region ---------------------------------------------------------------------------------


def _region(parameters: dict[str, Any], shell: ShellContext, config: Any = None) -> tuple[str, str]:
    options = client_options(IAM, config)
    found = resolve_region(IAM, BoundParameters(parameters), shell, options)
    return found.value, found.source


def test_region_comes_in_the_aws_tools_order(home: dict[str, str], tmp_path: Path) -> None:
    write(
        tmp_path / "config", "[default]\nregion = eu-west-1\n[profile named]\nregion = ap-south-1\n"
    )
    environ = {**home, "AWS_REGION": "eu-central-1", "AWS_DEFAULT_REGION": "sa-east-1"}
    shell = ShellContext(stored_region="us-west-1", environ=environ)
    parameters: dict[str, Any] = {"Region": "us-east-2", "ProfileName": "named"}
    config = {"RegionEndpoint": "ca-central-1"}
    assert _region(parameters, shell, config) == ("us-east-2", "region parameter")
    del parameters["Region"]
    assert _region(parameters, shell, config) == ("ca-central-1", "supplied client configuration")
    assert _region(parameters, shell) == ("us-west-1", "shell variable $StoredAWSRegion")
    shell = ShellContext(environ=environ)
    assert _region(parameters, shell) == ("eu-west-1", "stored region")
    write(tmp_path / "config", "[profile named]\nregion = ap-south-1\n")
    assert _region(parameters, shell) == ("eu-central-1", "Environment")
    del environ["AWS_REGION"]
    assert _region(parameters, ShellContext(environ=environ)) == (
        "ap-south-1",
        "profile named 'named'",
    )
    assert _region({}, ShellContext(environ=environ)) == (
        "sa-east-1",
        "environment variable AWS_DEFAULT_REGION",
    )


def test_no_region_anywhere(home: dict[str, str]) -> None:
    with pytest.raises(NoRegionError) as caught:
        _region({}, ShellContext(environ=home))
    assert str(caught.value) == "No region specified or obtained from persisted/shell defaults."


def test_default_profile_region_honours_profile_location(
    home: dict[str, str], tmp_path: Path
) -> None:
    location = write(tmp_path / "elsewhere", "[default]\nregion = eu-north-1\n")
    found = _region({"ProfileLocation": str(location)}, ShellContext(environ=home))
    assert found == ("eu-north-1", "stored region")


@pytest.mark.parametrize(
    "value", [{"Region": "eu-west-3", "Name": "Europe (Paris)"}, {"SystemName": "eu-west-3"}]
)
def test_region_objects(home: dict[str, str], value: Any) -> None:
    assert _region({"Region": value}, ShellContext(environ=home))[0] == "eu-west-3"


@pytest.mark.parametrize("value", ["not a region!", "", 5, {"Name": "x"}])
def test_a_bad_region_parameter_is_named(home: dict[str, str], value: Any) -> None:
    with pytest.raises(CmdletError) as caught:
        _region({"Region": value}, ShellContext(environ=home))
    assert caught.value.to_data()["targetObject"] == "Region"


# --- -NetworkCredential ---------------------------------------------------------------------


def test_network_credential_is_refused(run: Any, recorder: Recorder) -> None:
    with pytest.raises(CmdletError) as caught:
        run(
            "Register-SSOOIDCClient",
            ClientName="n",
            ClientType="public",
            NetworkCredential={"UserName": "u", "Password": "p"},
        )
    data = caught.value.to_data()
    assert data["targetObject"] == "NetworkCredential" and "-NetworkCredential" in data["message"]
    assert data["exceptionType"] == "System.NotSupportedException"
    assert not [m for m in recorder.messages("verbose") if m.startswith("Invoking")]


# --- -ClientConfig --------------------------------------------------------------------------


def test_client_config_maps_every_setting() -> None:
    options = client_options(
        IAM,
        {
            "ServiceURL": "http://127.0.0.1:9000",
            "regionendpoint": {"SystemName": "eu-west-1"},
            "Timeout": "00:01:30",
            "MaxErrorRetry": 2,
            "UseFIPSEndpoint": True,
            "UseDualstackEndpoint": False,
            "ProxyHost": "127.0.0.1",
            "ProxyPort": 3128,
        },
    )
    assert options.service_url == "http://127.0.0.1:9000"
    assert options.region == "eu-west-1"
    config = options.config
    assert (config.connect_timeout, config.read_timeout) == (90.0, 90.0)
    assert config.total_max_attempts == 3
    assert (config.use_fips_endpoint, config.use_dualstack_endpoint) == (True, False)
    assert config.proxies == {"http": "http://127.0.0.1:3128", "https": "http://127.0.0.1:3128"}


@pytest.mark.parametrize(
    ("value", "seconds"), [(30, 30.0), (2.5, 2.5), ({"TotalSeconds": 12}, 12.0)]
)
def test_client_config_timeouts(value: Any, seconds: float) -> None:
    assert client_options(IAM, {"Timeout": value}).config.read_timeout == seconds


@pytest.mark.parametrize(
    ("config", "named"),
    [
        ({"SignatureVersion": "4"}, "'SignatureVersion'"),
        ({"Timeout": -1}, "'Timeout'"),
        ({"Timeout": "soon"}, "'Timeout'"),
        ({"MaxErrorRetry": "3"}, "'MaxErrorRetry'"),
        ({"UseFIPSEndpoint": "yes"}, "'UseFIPSEndpoint'"),
        ({"ServiceURL": "ftp://x"}, "'ServiceURL'"),
        ({"ProxyPort": 70000, "ProxyHost": "h"}, "'ProxyPort'"),
        ({"ProxyPort": 8080}, "'ProxyHost'"),
        ("not a hashtable", "hashtable"),
    ],
)
def test_client_config_errors_name_the_setting(config: Any, named: str) -> None:
    with pytest.raises(CmdletError) as caught:
        client_options(IAM, config)
    assert named in str(caught.value) and str(caught.value).startswith("-ClientConfig")
    assert caught.value.to_data()["targetObject"] == "ClientConfig"


def _recording_transport(urls: list[str]) -> httpx.MockTransport:
    def answer(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return httpx.Response(200, json={"clientId": "id", "clientSecret": "sec"})

    return httpx.MockTransport(answer)


@pytest.mark.parametrize(
    ("parameters", "url"),
    [
        ({"Region": "eu-west-1"}, "https://oidc.eu-west-1.amazonaws.com/client/register"),
        (
            {"Region": "us-east-1", "ClientConfig": {"UseFIPSEndpoint": True}},
            "https://oidc-fips.us-east-1.amazonaws.com/client/register",
        ),
        (
            {"Region": "us-east-1", "ClientConfig": {"ServiceURL": "http://127.0.0.1:9"}},
            "http://127.0.0.1:9/client/register",
        ),
        (
            {
                "Region": "us-east-1",
                "ClientConfig": {"ServiceURL": "http://127.0.0.1:9"},
                "EndpointUrl": BASE_URL,
            },
            f"{BASE_URL}/client/register",
        ),
    ],
)
def test_endpoint_from_region_client_config_and_endpoint_url(
    home: dict[str, str], parameters: dict[str, Any], url: str
) -> None:
    urls: list[str] = []
    recorder = Recorder(transport=_recording_transport(urls))
    (answer,) = recorder.invoke(
        "Register-SSOOIDCClient",
        {"ClientName": "n", "ClientType": "public", **parameters},
        ShellContext(environ=home),
    )
    assert urls == [url] and answer["ClientId"] == "id"
    (verbose,) = recorder.messages("verbose")
    if "ServiceURL" in json.dumps(parameters) or "EndpointUrl" in parameters:
        assert verbose.endswith(f"on endpoint '{url.removesuffix('/client/register')}'")
    else:
        assert verbose.endswith(f"in region '{parameters['Region']}'")
    assert verbose.startswith("Invoking AWS Single Sign-On OIDC operation 'RegisterClient' ")


@pytest.mark.parametrize("url", ["nope", "ftp://x", "http://", "https:// spaced"])
def test_a_bad_endpoint_url_is_named_and_nothing_is_sent(home: dict[str, str], url: str) -> None:
    urls: list[str] = []
    recorder = Recorder(transport=_recording_transport(urls))
    given = {"ClientName": "n", "ClientType": "public", "Region": "us-east-1", "EndpointUrl": url}
    with pytest.raises(CmdletError) as caught:
        recorder.invoke("Register-SSOOIDCClient", given, ShellContext(environ=home))
    assert caught.value.to_data()["targetObject"] == "EndpointUrl" and urls == []


def test_unsigned_cmdlet_with_a_missing_profile_fails_before_sending(home: dict[str, str]) -> None:
    urls: list[str] = []
    recorder = Recorder(transport=_recording_transport(urls))
    given = {"ClientName": "n", "ClientType": "public", "Region": "us-east-1", "ProfileName": "x"}
    with pytest.raises(CmdletError) as caught:
        recorder.invoke("Register-SSOOIDCClient", given, ShellContext(environ=home))
    assert caught.value.error_code == "ProfileNotFound" and urls == []


def test_aws_profile_does_not_break_unsigned_cmdlets(home: dict[str, str]) -> None:
    urls: list[str] = []
    recorder = Recorder(transport=_recording_transport(urls))
    given = {"ClientName": "n", "ClientType": "public", "Region": "us-east-1"}
    shell = ShellContext(environ={**home, "AWS_PROFILE": "not-there"})
    assert recorder.invoke("Register-SSOOIDCClient", given, shell)
    assert urls == ["https://oidc.us-east-1.amazonaws.com/client/register"]

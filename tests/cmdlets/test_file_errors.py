"""File-system and cache problems reach PowerShell as error records naming the file.

Runs the sign-in cmdlet through the RPC dispatcher (the module's path) against the in-process
emulator: the answer is a domain error whose data names the file as the target object, never
an ``InternalError``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from py_backend.cmdlets.errors import error_to_cmdlet_error
from py_backend.emulator import EmulatorApp
from py_backend.rpc.dispatcher import Dispatcher
from tests.cmdlets.support import BASE_URL

START_URL = "https://d-1234567890.awsapps.com/start"


def sso_login(app: EmulatorApp, home: dict[str, str]) -> dict[str, Any]:
    """The RPC answer to ``Invoke-SSOOIDCLogin -UseDeviceCode`` (never approved)."""
    dispatcher = Dispatcher(http_transport=httpx.WSGITransport(app=app))
    request = {
        "jsonrpc": "2.0",
        "id": 1,
        "method": "invoke",
        "params": {
            "cmdlet": "Invoke-SSOOIDCLogin",
            "parameters": {
                "StartUrl": START_URL,
                "SSORegion": "us-east-1",
                "UseDeviceCode": True,
                "NoBrowser": True,
                "EndpointUrl": BASE_URL,
            },
            "context": {"environment": home},
        },
    }
    (answer,) = dispatcher.call(json.dumps(request), timeout=60)
    dispatcher.close(0)
    return dict(json.loads(answer))


def test_an_unusable_cache_directory_is_an_error_record_naming_the_file(
    app: EmulatorApp, home: dict[str, str]
) -> None:
    aws = Path(home["HOME"]) / ".aws"
    aws.mkdir()
    (aws / "sso").write_text("a file where the cache directory must be")
    answer = sso_login(app, home)
    data = answer["error"]["data"]
    assert data["errorCode"] == "FileAccessError", data
    assert data["category"] == "WriteError"
    assert data["exceptionType"] == "System.IO.IOException"
    assert data["targetObject"].startswith(str(aws / "sso" / "cache"))
    assert data["targetObject"].endswith(".json")
    assert data["message"].startswith(f"Could not write {data['targetObject']}: ")


def test_any_os_error_with_a_file_name_is_a_file_error_not_an_internal_one() -> None:
    error = PermissionError(13, "Permission denied", "/home/u/.aws/login/cache/x.json")
    data = error_to_cmdlet_error(error, "Invoke-AMSPLogin").to_data()
    assert data["errorCode"] == "FileAccessError"
    assert data["targetObject"] == "/home/u/.aws/login/cache/x.json"
    assert data["message"] == "Could not use /home/u/.aws/login/cache/x.json: Permission denied"

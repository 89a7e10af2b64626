"""Output objects: .NET type and property names, checked against the service models."""

from __future__ import annotations

import json
from typing import Any

import botocore.session
import pytest

from py_backend.cmdlets.outputs import OUTPUT_TYPES, TYPE_KEY, output_types_for, response_object
from py_backend.cmdlets.specs import OPERATION_CMDLETS
from py_backend.models.signin import CreateOAuth2TokenResponse
from py_backend.models.sso import ListAccountsResponse
from py_backend.models.sso_oidc import CreateTokenWithIAMResponse

NAMESPACES = {
    "sso-oidc": "Amazon.SSOOIDC.Model",
    "signin": "Amazon.Signin.Model",
    "sso": "Amazon.SSO.Model",
}


def _pascal(name: str) -> str:
    return name[0].upper() + name[1:]


def _shapes() -> list[tuple[str, Any]]:
    """(.NET type name, botocore shape) of every response and nested structure."""
    found: list[tuple[str, Any]] = []
    session = botocore.session.get_session()
    for spec in OPERATION_CMDLETS.values():
        operation = session.get_service_model(spec.operation.service).operation_model(
            spec.operation.operation
        )
        pending = [(spec.response_type, operation.output_shape)]
        while pending:
            name, shape = pending.pop()
            found.append((name, shape))
            namespace = NAMESPACES[spec.operation.service]
            children = [
                child.member if child.type_name == "list" else child
                for child in (shape.members.values() if shape is not None else ())
            ]
            pending += [
                (f"{namespace}.{child.name}", child)
                for child in children
                if child.type_name == "structure"
            ]
    return found


@pytest.mark.parametrize(("type_name", "shape"), _shapes(), ids=lambda v: getattr(v, "name", v))
def test_properties_are_the_model_members_in_sdk_order(type_name: str, shape: Any) -> None:
    net_type = OUTPUT_TYPES[type_name]
    if shape is None:
        # Logout has no output shape: its response declares nothing of its own.
        assert net_type.properties == () and net_type.is_response
        return
    names = [p.name for p in net_type.properties]
    assert names == sorted(_pascal(m) for m in shape.members)
    namespace = type_name.rsplit(".", 1)[0]
    for prop in net_type.properties:
        member = shape.members[prop.wire]
        if member.type_name == "list" and member.member.type_name == "structure":
            element = f"{namespace}.{member.member.name}"
            assert prop.type == f"System.Collections.Generic.List`1[{element}]"
            assert prop.element == element
        elif member.type_name == "list":
            assert prop.type == "System.Collections.Generic.List`1[System.String]"
            assert prop.element == "System.String"
        elif member.type_name == "integer":
            assert prop.type == "System.Nullable`1[System.Int32]"
        elif member.type_name == "long":
            assert prop.type == "System.Nullable`1[System.Int64]"
        elif member.type_name == "string":
            assert prop.type == "System.String"
        if member.metadata.get("sensitive"):
            assert prop.secret, prop.name


def test_response_object_has_inherited_properties_last() -> None:
    response = CreateTokenWithIAMResponse.model_validate(
        {
            "accessToken": "at",
            "tokenType": "Bearer",
            "expiresIn": 3600,
            "scope": ["openid", "aws"],
            "awsAdditionalDetails": {"identityContext": "ctx"},
        }
    ).with_metadata(
        {"RequestId": "req-1", "HTTPStatusCode": 200, "HTTPHeaders": {"content-length": "321"}}
    )
    obj = response_object("Amazon.SSOOIDC.Model.CreateTokenWithIAMResponse", response)
    assert json.loads(json.dumps(obj)) == obj
    assert next(iter(obj)) == TYPE_KEY and obj[TYPE_KEY].endswith("CreateTokenWithIAMResponse")
    assert list(obj)[-3:] == ["ResponseMetadata", "ContentLength", "HttpStatusCode"]
    assert obj["AccessToken"] == "at"  # the caller asked for the token
    assert obj["Scope"] == ["openid", "aws"]
    assert obj["RefreshToken"] is None and obj["IdToken"] is None
    assert obj["AwsAdditionalDetails"] == {
        TYPE_KEY: "Amazon.SSOOIDC.Model.AwsAdditionalDetails",
        "IdentityContext": "ctx",
    }
    assert obj["ResponseMetadata"][TYPE_KEY] == "Amazon.Runtime.ResponseMetadata"
    assert obj["ResponseMetadata"]["RequestId"] == "req-1"
    assert (obj["ContentLength"], obj["HttpStatusCode"]) == (321, 200)


def test_signin_response_nests_body_and_access_token() -> None:
    response = CreateOAuth2TokenResponse.model_validate(
        {
            "tokenOutput": {
                "accessToken": {
                    "accessKeyId": "ASIA1",
                    "secretAccessKey": "s",
                    "sessionToken": "t",
                },
                "tokenType": "aws_sigv4",
                "expiresIn": 900,
                "refreshToken": "r",
            }
        }
    ).with_metadata({"RequestId": "x", "HTTPStatusCode": 200, "HTTPHeaders": {}})
    obj = response_object("Amazon.Signin.Model.CreateOAuth2TokenResponse", response)
    body = obj["TokenOutput"]
    assert body[TYPE_KEY] == "Amazon.Signin.Model.CreateOAuth2TokenResponseBody"
    assert body["AccessToken"] == {
        TYPE_KEY: "Amazon.Signin.Model.AccessToken",
        "AccessKeyId": "ASIA1",
        "SecretAccessKey": "s",
        "SessionToken": "t",
    }
    assert obj["ContentLength"] == 0


def test_output_types_describe_reachable_types_and_selectability() -> None:
    described = output_types_for("Amazon.Signin.Model.CreateOAuth2TokenResponse")
    top = described["Amazon.Signin.Model.CreateOAuth2TokenResponse"]["properties"]
    assert [(p["name"], p["selectable"]) for p in top] == [
        ("TokenOutput", True),
        ("ResponseMetadata", False),
        ("ContentLength", False),
        ("HttpStatusCode", False),
    ]
    token = described["Amazon.Signin.Model.AccessToken"]["properties"]
    assert {p["name"]: p["secret"] for p in token} == {
        "AccessKeyId": False,
        "SecretAccessKey": True,
        "SessionToken": True,
    }


def test_portal_lists_hold_sdk_objects() -> None:
    response = ListAccountsResponse.model_validate(
        {"nextToken": "n", "accountList": [{"accountId": "1", "accountName": "Dev"}]}
    ).with_metadata({"RequestId": "x", "HTTPStatusCode": 200, "HTTPHeaders": {}})
    obj = response_object("Amazon.SSO.Model.ListAccountsResponse", response)
    assert obj["AccountList"] == [
        {
            TYPE_KEY: "Amazon.SSO.Model.AccountInfo",
            "AccountId": "1",
            "AccountName": "Dev",
            "EmailAddress": None,
        }
    ]
    assert obj["NextToken"] == "n"
    described = output_types_for("Amazon.SSO.Model.ListAccountsResponse")
    assert "Amazon.SSO.Model.AccountInfo" in described

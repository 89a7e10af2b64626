"""Output objects shaped like the AWS SDK for .NET's, as JSON for the RPC.

An object is a JSON object whose ``"$type"`` is its .NET type name, followed by its
properties under their .NET (PascalCase) names: first the type's own (declared) properties in
the SDK's order (alphabetical, as the SDK generator writes them), then those inherited from
``Amazon.Runtime.AmazonWebServiceResponse`` (``ResponseMetadata``, ``ContentLength``,
``HttpStatusCode``). A JSON object without ``"$type"`` is a dictionary; lists are arrays.
Secret values are present: the caller asked for the tokens. :data:`OUTPUT_TYPES` also tells
``-Select`` which properties each type declares. The service types are derived from the models'
members (:mod:`py_backend.service_members`); only this module's own result types are written here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from py_backend.cmdlets.vocabulary import SDK_NAMESPACES
from py_backend.redaction import is_secret
from py_backend.service_members import SERVICES as SERVICE_MEMBERS

if TYPE_CHECKING:
    from py_backend.models._base import ResponseModel

TYPE_KEY = "$type"
STRING = "System.String"
#: The SDK (v4) declares every modeled number nullable: unset stays null, not 0.
INT32 = "System.Nullable`1[System.Int32]"
INT64 = "System.Nullable`1[System.Int64]"
BOOLEAN = "System.Nullable`1[System.Boolean]"
RESPONSE_METADATA = "Amazon.Runtime.ResponseMetadata"


@dataclass(frozen=True)
class NetProperty:
    """A public property of a .NET type, and the wire member it is read from."""

    name: str
    #: The property's .NET type: a scalar, a ``List`1[...]`` or a type in OUTPUT_TYPES.
    type: str
    wire: str = ""
    #: The element type of a list property; ``None`` when the property is not a list.
    element: str | None = None
    secret: bool = False

    @classmethod
    def of_member(
        cls, wire: str, type_name: str, element: str | None = None, *, secret: bool = False
    ) -> NetProperty:
        """The property the SDK for .NET makes of wire member ``wire``: its name capitalised
        (``accessToken`` -> ``AccessToken``)."""
        return cls(wire[0].upper() + wire[1:], type_name, wire, element, secret)

    def to_json(self, declared: bool) -> dict[str, Any]:
        """The JSON form ``describe`` lists."""
        return {
            "name": self.name,
            "type": self.type,
            "secret": self.secret,
            "selectable": declared,
        }


@dataclass(frozen=True)
class NetType:
    """A .NET type: its declared properties, and whether it derives from
    ``AmazonWebServiceResponse`` (which adds the three inherited response properties)."""

    name: str
    properties: tuple[NetProperty, ...]
    is_response: bool = False


def _p(name: str, type_name: str = STRING, *, secret: bool = False) -> NetProperty:
    """A scalar property read from the wire member of the same name in camelCase."""
    return NetProperty(name, type_name, name[0].lower() + name[1:], secret=secret)


#: ``AmazonWebServiceResponse``'s properties: every response has them; ``-Select`` cannot
#: name them (they are not declared on the response type), only ``*`` returns them.
RESPONSE_BASE_PROPERTIES = (
    NetProperty("ResponseMetadata", RESPONSE_METADATA),
    NetProperty("ContentLength", "System.Int64"),
    NetProperty("HttpStatusCode", "System.Net.HttpStatusCode"),
)

_SCALARS = {"string": STRING, "integer": INT32, "long": INT64, "boolean": BOOLEAN}


def _model_types() -> list[NetType]:
    """Each operation's response type and the structures below it, from the models' members:
    the SDK's properties in its (alphabetical) order, secret when the member is."""
    types: dict[str, NetType] = {}
    for service, operations in SERVICE_MEMBERS.items():
        namespace = f"Amazon.{SDK_NAMESPACES[service]}.Model"
        for operation in operations.values():
            _structure(operation["output"], namespace, types, is_response=True)
    return list(types.values())


def _structure(
    shape: dict[str, Any], namespace: str, types: dict[str, NetType], *, is_response: bool = False
) -> str:
    name = f"{namespace}.{shape['name']}"
    properties: list[NetProperty] = []
    nested: list[dict[str, Any]] = []
    for member in shape.get("members", ()):
        wire, inner = member["name"], member["shape"]
        element = inner.get("member")
        if inner["type"] == "structure":
            type_name, item = f"{namespace}.{inner['name']}", None
            nested.append(inner)
        elif element is None:
            type_name, item = _SCALARS[inner["type"]], None
        elif element["type"] == "structure":
            item = f"{namespace}.{element['name']}"
            type_name = f"System.Collections.Generic.List`1[{item}]"
            nested.append(element)
        else:
            item = _SCALARS[element["type"]]
            type_name = f"System.Collections.Generic.List`1[{item}]"
        properties.append(NetProperty.of_member(wire, type_name, item, secret=is_secret(wire)))
    types[name] = NetType(name, tuple(sorted(properties, key=lambda p: p.name)), is_response)
    for inner in nested:
        _structure(inner, namespace, types)
    return name


_TYPES = (
    *_model_types(),
    NetType(
        RESPONSE_METADATA,
        (
            NetProperty("RequestId", STRING),
            NetProperty(
                "Metadata", "System.Collections.Generic.IDictionary`2[System.String,System.String]"
            ),
            NetProperty("ChecksumAlgorithm", "Amazon.Runtime.CoreChecksumAlgorithm"),
            NetProperty("ChecksumValidationStatus", "Amazon.Runtime.ChecksumValidationStatus"),
        ),
    ),
)

#: What the sign-in cmdlets write: this module's own types, not the SDK's. No secret is a
#: property of a result (the tokens are in the AWS CLI's caches); the pending remote sign-in's
#: handle is masked in its view.
SSO_LOGIN_RESULT = "AwsTokenBridge.SSOLoginResult"
SIGNIN_LOGIN_RESULT = "AwsTokenBridge.SignInLoginResult"
SIGNIN_LOGIN_PENDING = "AwsTokenBridge.SignInLoginPending"
_LOGIN_TYPES = (
    NetType(
        SSO_LOGIN_RESULT,
        (_p("StartUrl"), _p("Region"), _p("SessionName"), _p("ExpiresAt"), _p("CachePath")),
    ),
    NetType(
        SIGNIN_LOGIN_RESULT,
        (
            _p("ProfileName"),
            _p("LoginSession"),
            _p("AccountId"),
            _p("AccessKeyId"),
            _p("Region"),
            _p("ExpiresAt"),
            _p("CachePath"),
        ),
    ),
    NetType(
        SIGNIN_LOGIN_PENDING,
        (_p("LoginHandle", secret=True), _p("AuthorizationUrl"), _p("ExpiresAt")),
    ),
)

#: What the status, logout and credential cmdlets write (issue 17). ``Credentials`` has the
#: AWS Tools' common credential parameter names, so that it binds by property name to
#: ``-AccessKey``, ``-SecretKey`` and ``-SessionToken``; its secrets are masked in its view.
#: ``CredentialEnvironment`` is what ``-SetEnvironment`` turns into ``$env:`` variables.
SIGNIN_STATUS = "AwsTokenBridge.SignInStatus"
LOGOUT_RESULT = "AwsTokenBridge.LogoutResult"
CREDENTIALS = "AwsTokenBridge.Credentials"
CREDENTIAL_ENVIRONMENT = "AwsTokenBridge.CredentialEnvironment"
#: The .NET type of a timestamp: the module turns ``{"$type": DATETIME, "Value": iso}`` into a
#: DateTime of Kind Utc, as the AWS SDK for .NET unmarshalls timestamps.
DATETIME = "System.DateTime"
_SESSION_TYPES = (
    NetType(
        SIGNIN_STATUS,
        (
            _p("Status"),
            _p("Kind"),
            _p("ProfileName"),
            _p("Session"),
            _p("StartUrl"),
            _p("AccountId"),
            _p("TokenExpiration", DATETIME),
            _p("CredentialsExpiration", DATETIME),
            _p("Refreshable", "System.Boolean"),
            _p("Reason"),
            _p("LoginCommand"),
        ),
    ),
    NetType(LOGOUT_RESULT, (_p("Kind"), _p("ProfileName"), _p("RemovedCount", "System.Int32"))),
    NetType(
        CREDENTIALS,
        (
            _p("AccessKey"),
            _p("SecretKey", secret=True),
            _p("SessionToken", secret=True),
            _p("Expiration", DATETIME),
        ),
    ),
    NetType(
        CREDENTIAL_ENVIRONMENT,
        (
            NetProperty("AWS_ACCESS_KEY_ID", STRING, "AWS_ACCESS_KEY_ID"),
            NetProperty("AWS_SECRET_ACCESS_KEY", STRING, "AWS_SECRET_ACCESS_KEY", secret=True),
            NetProperty("AWS_SESSION_TOKEN", STRING, "AWS_SESSION_TOKEN", secret=True),
            NetProperty("AWS_CREDENTIAL_EXPIRATION", STRING, "AWS_CREDENTIAL_EXPIRATION"),
        ),
    ),
)

#: Every .NET type an output object can have, by full name.
OUTPUT_TYPES: dict[str, NetType] = {t.name: t for t in (*_TYPES, *_LOGIN_TYPES, *_SESSION_TYPES)}


def response_object(type_name: str, response: ResponseModel) -> dict[str, Any]:
    """The whole response, as the .NET SDK's response object (what ``-Select *`` returns)."""
    net_type = OUTPUT_TYPES[type_name]
    obj = net_object(net_type, response.to_dict())
    metadata = response.response_metadata
    obj["ResponseMetadata"] = _response_metadata(metadata)
    obj["ContentLength"] = _content_length(metadata)
    obj["HttpStatusCode"] = metadata.get("HTTPStatusCode")
    return obj


def net_datetime(iso_utc: str) -> dict[str, Any]:
    """A timestamp for the module: ``iso_utc`` (``YYYY-MM-DDTHH:MM:SSZ``) typed as a DateTime."""
    return {TYPE_KEY: DATETIME, "Value": iso_utc}


def net_object(net_type: NetType, wire: Mapping[str, Any]) -> dict[str, Any]:
    """An object of ``net_type`` from its boto3-shaped dict; missing members are ``None``."""
    obj: dict[str, Any] = {TYPE_KEY: net_type.name}
    for prop in net_type.properties:
        obj[prop.name] = _value(prop, wire.get(prop.wire))
    return obj


def _value(prop: NetProperty, value: Any) -> Any:
    nested = OUTPUT_TYPES.get(prop.type)
    if nested is not None and isinstance(value, Mapping):
        return net_object(nested, value)
    if isinstance(value, list):
        element = OUTPUT_TYPES.get(prop.element or "")
        if element is not None:
            return [
                net_object(element, item) if isinstance(item, Mapping) else item for item in value
            ]
        return list(value)
    return value


def _response_metadata(metadata: Mapping[str, Any]) -> dict[str, Any]:
    # The SDK fills only RequestId for JSON services; the checksum members keep their
    # defaults because these operations have no response checksums.
    return {
        TYPE_KEY: RESPONSE_METADATA,
        "RequestId": metadata.get("RequestId"),
        "Metadata": {},
        "ChecksumAlgorithm": "NONE",
        "ChecksumValidationStatus": "NOT_VALIDATED",
    }


def _content_length(metadata: Mapping[str, Any]) -> int:
    value = (metadata.get("HTTPHeaders") or {}).get("content-length")
    try:
        return int(value) if value is not None else 0
    except ValueError:
        return 0


def output_types_for(type_name: str) -> dict[str, Any]:
    """The JSON description of ``type_name`` and every type reachable from it, by name.

    Each entry lists the properties in output order; ``selectable`` is False for the
    inherited response properties, which ``-Select`` cannot name.
    """
    described: dict[str, Any] = {}
    pending = [type_name]
    while pending:
        net_type = OUTPUT_TYPES[pending.pop(0)]
        if net_type.name in described:
            continue
        properties = [p.to_json(True) for p in net_type.properties]
        if net_type.is_response:
            properties += [p.to_json(False) for p in RESPONSE_BASE_PROPERTIES]
        described[net_type.name] = {"properties": properties}
        pending += [p["type"] for p in properties if p["type"] in OUTPUT_TYPES]
        pending += [p.element for p in net_type.properties if p.element in OUTPUT_TYPES]
    return described

"""The commands: one per served operation, built from the models' members.

Members, their order, types, required members, ``min`` and list member shape names come from
:mod:`py_backend.service_members`, generated from the models (``tests/cli/
test_model_vs_botocore.py`` compares them with botocore). Only the CLI's own facts are here.
"""

from __future__ import annotations

from typing import Any

from py_backend.cli.model import Member, Operation, Paging, Service, Shape
from py_backend.service_members import SERVICES as MEMBERS
from py_backend.service_members import xform_name

#: The services the command line serves, in the order help lists them.
_SERVED = ("signin", "sso", "sso-oidc")
#: Where the AWS CLI names a command otherwise than botocore's ``xform_name``; botocore's name
#: stays as a hidden alias.
_RENAMED = {
    name: f"{verb}-oauth2-token{rest}"
    for name, verb, rest in (
        ("CreateOAuth2Token", "create", ""),
        ("CreateOAuth2TokenWithIAM", "create", "-with-iam"),
        ("IntrospectOAuth2TokenWithIAM", "introspect", "-with-iam"),
        ("RevokeOAuth2TokenWithIAM", "revoke", "-with-iam"),
    )
}


def shape_from(data: dict[str, Any]) -> Shape:
    """A :class:`Shape` from its generated data."""
    members = tuple(
        Member(item["name"], shape_from(item["shape"]), secret=item["secret"])
        for item in data.get("members", ())
    )
    element = data.get("member")
    return Shape(
        data["name"],
        data["type"],
        members=members,
        member=shape_from(element) if element else None,
        required=tuple(data.get("required", ())),
        min=data.get("min"),
        enum=tuple(data.get("enum", ())),
    )


def _operation(service: str, name: str, data: dict[str, Any]) -> Operation:
    botocore_name = xform_name(name, "-")
    cli_name = _RENAMED.get(name, botocore_name)
    return Operation(
        service=service,
        name=name,
        cli_name=cli_name,
        input=shape_from(data["input"]),
        output=shape_from(data["output"]),
        aliases=(botocore_name,) if botocore_name != cli_name else (),
        paging=Paging(**data["paginator"]) if "paginator" in data else None,
    )


SERVICES: dict[str, Service] = {
    service: Service(
        service, tuple(_operation(service, name, data) for name, data in MEMBERS[service].items())
    )
    for service in _SERVED
}

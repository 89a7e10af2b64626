"""Every operation's members as plain data, read from ``service_members.json``.

The file is generated from the models (``python -m py_backend.operations.members``), so the
command line's tables and redaction need neither pydantic nor a second hand-written copy.
``SERVICES[service][operation]`` has the operation's ``doc``, the Python ``method``, ``signed``
(SigV4), the ``input`` and ``output`` shapes and maybe a ``paginator``: a shape has ``name`` and
``type``, maybe ``min``, a list's ``member`` shape, a structure's ``members``
(each ``{"name", "secret", "shape"}`` and maybe its ``doc``) and ``required`` member names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

DATA_FILE = Path(__file__).with_name("service_members.json")

SERVICES: dict[str, dict[str, dict[str, Any]]] = json.loads(DATA_FILE.read_text("utf-8"))


def xform_name(name: str, sep: str = "_") -> str:
    """botocore's ``xform_name``: ``CreateTokenWithIAM`` -> ``create_token_with_iam`` (boto3's
    method), or with ``sep="-"`` the AWS CLI's ``create-token-with-iam``."""
    spaced = re.sub(r"(.)([A-Z][a-z]+)", rf"\1{sep}\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", rf"\1{sep}\2", spaced).lower()


def walk(shape: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every member of ``shape`` and of the structures below it, depth first."""
    for member in shape.get("members", ()):
        yield member
        inner = member["shape"]
        yield from walk(inner.get("member", inner))


def secret_members() -> frozenset[str]:
    """The names that are secret in some operation's input or output: member names and the
    JSON keys on the wire where they differ (Sign-In's ``access_token``, ``subject_token``)."""
    return frozenset(
        name
        for operations in SERVICES.values()
        for operation in operations.values()
        for shape in (operation["input"], operation["output"])
        for member in walk(shape)
        if member["secret"]
        for name in (member["name"], member.get("location"))
        if name
    )


def operation_doc(service: str, operation: str) -> str:
    """What ``operation`` does, as its spec states it once (the service model's words;
    paragraphs separated by blank lines): the CLI's help and the cmdlets' descriptions."""
    return str(SERVICES[service][operation]["doc"])


def member_docs(service: str, operation: str) -> dict[str, str]:
    """The documented members of ``operation``, as the command line's ``help`` keys them:
    ``clientId`` (input), ``tokenInput.code`` (nested), ``>accessToken`` (output)."""
    spec = SERVICES[service][operation]
    docs: dict[str, str] = {}
    for prefix, shape in (("", spec["input"]), (">", spec["output"])):
        _collect(shape, prefix, docs)
    return docs


def member_doc(service: str, operation: str, path: str) -> str:
    """One member's documentation (see :func:`member_docs` for ``path``); the model must give
    it one."""
    return member_docs(service, operation)[path]


def _collect(shape: dict[str, Any], prefix: str, docs: dict[str, str]) -> None:
    for member in shape.get("members", ()):
        path = prefix + member["name"]
        if "doc" in member:
            docs[path] = member["doc"]
        inner = member["shape"]
        _collect(inner.get("member", inner), path + ".", docs)

"""A local AWS Sign-In and SSO OIDC service that boto3 and the AWS CLI cannot tell from AWS.

One WSGI app serves both services (their paths do not collide) and a control API:

- SSO OIDC: ``POST /client/register``, ``POST /device_authorization``, ``POST /token``
  (CreateToken), ``POST /token?aws_iam=t`` (CreateTokenWithIAM, SigV4), ``GET /authorize``
  and the device page ``GET|POST /device``;
- Sign-In: ``GET /v1/authorize``, ``POST /v1/token`` (CreateOAuth2Token, DPoP),
  ``GET /v1/sessions/confirmation``;
- control: ``/__emulator/...`` (approve devices, move the clock, inject faults, stats).

Use it in-process with ``httpx.Client(transport=httpx.WSGITransport(app=create_app()))``,
on a socket with ``with EmulatorServer() as server: ...``, or from the command line with
``python -m py_backend.emulator --port 0``.
"""

from __future__ import annotations

from py_backend.emulator.app import EmulatorApp, create_app
from py_backend.emulator.config import AccessKey, EmulatorConfig, TrustedIssuer
from py_backend.emulator.faults import DropConnection
from py_backend.emulator.server import EmulatorServer, main

__all__ = [
    "AccessKey",
    "DropConnection",
    "EmulatorApp",
    "EmulatorConfig",
    "EmulatorServer",
    "TrustedIssuer",
    "create_app",
    "main",
]

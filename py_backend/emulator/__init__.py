"""A local AWS Sign-In, SSO OIDC and IAM Identity Center portal that boto3 cannot tell from AWS.

One WSGI app serves the three services (their paths do not collide) and a control API:

- SSO OIDC: ``POST /client/register``, ``POST /device_authorization``, ``POST /token``
  (CreateToken), ``POST /token?aws_iam=t`` (CreateTokenWithIAM, SigV4), ``GET /authorize``
  and the device page ``GET|POST /device``;
- Sign-In: ``GET /v1/authorize``, ``POST /v1/token`` (CreateOAuth2Token, DPoP),
  ``GET /v1/sessions/confirmation``;
- the portal (``sso``): ``GET /assignment/accounts``, ``GET /assignment/roles``,
  ``GET /federation/credentials``, ``POST /logout``, with the SSO OIDC access token in
  ``x-amz-sso_bearer_token``;
- control: ``/__emulator/...`` (approve devices, move the clock, inject faults, stats, the
  portal's accounts and roles).

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

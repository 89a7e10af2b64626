"""A local AWS Sign-In, SSO OIDC and IAM Identity Center portal that boto3 cannot tell from AWS.

One WSGI app serves the three services (their paths do not collide: ``routes.py`` lists
them) and a control API under ``/__emulator/`` (``control.py``). Use it in-process with
``httpx.Client(transport=httpx.WSGITransport(app=create_app()))``, on a socket with
``with EmulatorServer() as server: ...``, or from the command line with
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

"""What the core's modules load when imported (issue 15: start-up), each in a fresh interpreter.

A client loads its own service's models on its first call, through ``OPERATIONS``; importing
the credentials type loads no pydantic until credentials are built, and the values built are
still pydantic's ``SecretStr`` (the public type is unchanged).
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

MODELS = (
    "py_backend.models.signin",
    "py_backend.models.signin_tokens",
    "py_backend.models.sso",
    "py_backend.models.sso_oidc",
)


def _loaded_after(code: str, names: tuple[str, ...], home: Path) -> list[list[str]]:
    """Run ``code``; each ``report()`` it calls gives which of ``names`` were loaded then.

    The interpreter sees no AWS settings but an empty home of its own."""
    environ = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "AWS_CONFIG_FILE": str(home / "config"),
        "AWS_SHARED_CREDENTIALS_FILE": str(home / "credentials"),
        "AWS_EC2_METADATA_DISABLED": "true",
    }
    probe = (
        f"import sys\ndef report():\n    print([n for n in {names!r} if n in sys.modules])\n" + code
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=environ,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return [ast.literal_eval(line) for line in done.stdout.splitlines()]


def test_importing_the_clients_loads_no_service_models(tmp_path: Path) -> None:
    code = (
        "import py_backend.client\n"
        "report()\n"
        "from py_backend.operations import OPERATIONS\n"
        "OPERATIONS['sso-oidc']['CreateToken']\n"
        "report()\n"
        "OPERATIONS['sso']\n"
        "report()\n"
        "len([spec for service in OPERATIONS.values() for spec in service.values()])\n"
        "report()\n"
    )
    assert _loaded_after(code, MODELS, tmp_path) == [
        [],
        ["py_backend.models.sso_oidc"],
        ["py_backend.models.sso", "py_backend.models.sso_oidc"],
        list(MODELS),
    ]


def test_a_client_call_loads_its_own_services_models_only(tmp_path: Path) -> None:
    # Refused by validation before anything is sent: the spec, and so its models, were loaded.
    code = (
        "import py_backend\n"
        "client = py_backend.Session(region_name='us-east-1').client(\n"
        "    'sso-oidc', endpoint_url='http://127.0.0.1:9')\n"
        "report()\n"
        "try:\n"
        "    client.create_token(clientId='c')\n"
        "except py_backend.errors.ParamValidationError as error:\n"
        "    assert 'clientSecret' in str(error), error\n"
        "report()\n"
    )
    assert _loaded_after(code, MODELS, tmp_path) == [[], ["py_backend.models.sso_oidc"]]


def test_the_credentials_type_loads_pydantic_only_when_credentials_are_built(
    tmp_path: Path,
) -> None:
    code = (
        "import py_backend.auth.sigv4\n"
        "from py_backend.auth.credentials import Credentials\n"
        "report()\n"
        "credentials = Credentials.from_strings('AKID', 'wJalrXUtnFEMI', 'FwoGZXIvYXdzE')\n"
        "report()\n"
        "from pydantic import SecretStr\n"
        "assert isinstance(credentials.secret_key, SecretStr)\n"
        "assert isinstance(credentials.session_token, SecretStr)\n"
        "assert credentials.secret_key.get_secret_value() == 'wJalrXUtnFEMI'\n"
        "assert 'wJalr' not in repr(credentials) and 'FwoG' not in repr(credentials)\n"
    )
    assert _loaded_after(code, ("pydantic",), tmp_path) == [[], ["pydantic"]]

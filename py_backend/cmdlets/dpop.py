"""The key that signs Sign-In DPoP proofs (RFC 9449) for ``New-AMSPOAuth2Token``.

AWS Sign-In binds the refresh token to the key of the request's proof, so a refresh needs the
same key. The cmdlets have no key parameter, so one key is made per backend process (one
PowerShell session), unless the shell passes its own (such as the ``dpopKey`` ``aws login``
caches).
"""

from __future__ import annotations

import threading

from cryptography.hazmat.primitives.asymmetric import ec

from py_backend.auth.dpop import generate_private_key, load_private_key_pem
from py_backend.cmdlets.context import shell_error

_lock = threading.Lock()
_process_key: list[ec.EllipticCurvePrivateKey] = []


def process_key() -> ec.EllipticCurvePrivateKey:
    """This process's key, made on first use."""
    with _lock:
        if not _process_key:
            _process_key.append(generate_private_key())
        return _process_key[0]


def dpop_key(cmdlet: str, pem: str | None) -> ec.EllipticCurvePrivateKey:
    """The shell's key when it gave one (a PEM), else this process's key."""
    if pem is None:
        return process_key()
    try:
        return load_private_key_pem(pem)
    except ValueError as problem:
        raise shell_error(f"The shell context's dpopKey is unusable: {problem}", cmdlet) from None

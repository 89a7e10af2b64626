"""The cmdlet layer: the AWS Tools' cmdlets and the sign-in cmdlets, specified once and run in
Python. The PowerShell module binds parameters with generated param blocks, decides
ShouldProcess and sends the bound parameters to :func:`invoke_cmdlet` over the RPC.
:func:`describe_cmdlets` is the single source for the module's generated files and the RPC
``describe`` method. The names are imported on first use, so the specifications
(``cmdlets.specs``) are plain data: importing them loads no HTTP, validation or crypto library.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from py_backend.lazy_names import lazy_getattr

if TYPE_CHECKING:
    from py_backend.cmdlets.context import InvocationHooks, ShellContext
    from py_backend.cmdlets.errors import CmdletError, error_to_cmdlet_error
    from py_backend.cmdlets.invoke import invoke_cmdlet
    from py_backend.cmdlets.specs import CMDLET_NAMES, CMDLETS, describe_cmdlets, find_cmdlet

_LAZY = {
    "CMDLETS": "specs",
    "CMDLET_NAMES": "specs",
    "CmdletError": "errors",
    "InvocationHooks": "context",
    "ShellContext": "context",
    "describe_cmdlets": "specs",
    "error_to_cmdlet_error": "errors",
    "find_cmdlet": "specs",
    "invoke_cmdlet": "invoke",
}

__all__ = [
    "CMDLETS",
    "CMDLET_NAMES",
    "CmdletError",
    "InvocationHooks",
    "ShellContext",
    "describe_cmdlets",
    "error_to_cmdlet_error",
    "find_cmdlet",
    "invoke_cmdlet",
]


__getattr__ = lazy_getattr(__name__, _LAZY)

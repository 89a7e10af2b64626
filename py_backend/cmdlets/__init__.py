"""The cmdlet layer: the AWS Tools' cmdlets and the sign-in cmdlets, specified once and run in
Python.

The PowerShell module stays thin: it binds parameters with generated param blocks, decides
ShouldProcess, and sends the bound parameters to :func:`invoke_cmdlet` over the RPC; this
package validates them, resolves credentials and region in the AWS Tools' order, calls the
operation and returns the selected output objects (JSON, .NET-shaped); the sign-in cmdlets
(``Invoke-SSOOIDCLogin``, ``Invoke-AMSPLogin``) run a whole flow instead
(:mod:`py_backend.cmdlets.login`). :func:`describe_cmdlets` is the single source for the
module's generated files and the RPC ``describe`` method.
"""

from __future__ import annotations

from py_backend.cmdlets.context import InvocationHooks, ShellContext
from py_backend.cmdlets.errors import CmdletError, error_to_cmdlet_error
from py_backend.cmdlets.invoke import invoke_cmdlet
from py_backend.cmdlets.specs import CMDLET_NAMES, CMDLETS, describe_cmdlets, find_cmdlet

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

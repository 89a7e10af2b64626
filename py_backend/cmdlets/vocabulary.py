"""The words every cmdlet specification shares (the operation cmdlets' in :mod:`.specs`, the flow
cmdlets' in :mod:`.login_specs` and :mod:`.session_specs`): .NET types, services, ``-Force``."""

from __future__ import annotations

from py_backend.cmdlets.spec_model import ParameterSpec

STRING = "System.String"
STRING_ARRAY = "System.String[]"
#: ``System.Int32?`` in the AWS Tools (a nullable page size).
INT32 = "System.Int32"
#: ``System.Int64?`` in the AWS Tools (epoch seconds such as ``-IssuedAfter``).
INT64 = "System.Int64"
SWITCH = "System.Management.Automation.SwitchParameter"
OBJECT = "System.Object"
PSCREDENTIAL = "System.Management.Automation.PSCredential"
#: The PowerShell type each parameter type is declared as in the generated cmdlets.
PS_TYPES = {
    STRING: "string",
    STRING_ARRAY: "string[]",
    INT32: "int?",
    INT64: "long?",
    SWITCH: "switch",
    OBJECT: "object",
    PSCREDENTIAL: "pscredential",
}

#: The services' names in the AWS Tools' messages.
SSO_OIDC = "AWS Single Sign-On OIDC"
SIGNIN = "AWS Sign-In Data Plane"
SSO = "AWS Single Sign-On"
#: The AWS SDK for .NET's namespace of each service (``Amazon.SSOOIDC``: ``.Model``, exceptions).
SDK_NAMESPACES = {"sso-oidc": "SSOOIDC", "signin": "Signin", "sso": "SSO"}

FORCE_HELP = (
    "This parameter overrides confirmation prompts to force the cmdlet to continue its "
    "operation. This parameter should always be used with caution."
)

#: ``-Force``: skips the confirmation (``-WhatIf`` still wins), as in every AWS Tools cmdlet.
FORCE = ParameterSpec(name="Force", type=SWITCH, ps_type="switch", kind="control", help=FORCE_HELP)


#: PowerShell's common and optional common parameters (``UseTransaction`` is 5.1's only).
#: The module never sends them; the backend ignores them if they arrive (but ``WhatIf``).
POWERSHELL_COMMON_PARAMETERS = (
    "Verbose",
    "Debug",
    "ErrorAction",
    "WarningAction",
    "InformationAction",
    "ProgressAction",
    "ErrorVariable",
    "WarningVariable",
    "InformationVariable",
    "OutVariable",
    "OutBuffer",
    "PipelineVariable",
    "WhatIf",
    "Confirm",
    "UseTransaction",
)

"""The shape of a cmdlet specification (the data is in :mod:`py_backend.cmdlets.specs`) and its
JSON form, which the RPC ``describe`` method answers and the PowerShell generator reads."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any, Literal

from py_backend.service_members import SERVICES as SERVICE_MEMBERS

if TYPE_CHECKING:
    from py_backend.session import ServiceName

#: PowerShell's name for the parameter set every parameter of these cmdlets belongs to.
ALL_PARAMETER_SETS = "__AllParameterSets"

#: ``service``: a member of the request; ``control``: ``-Select``/``-PassThru``/``-Force``;
#: ``common``: the credential, region and client parameters of the AWS Tools' base classes;
#: ``flow``: an option of a sign-in flow (``-ProfileName``, ``-NoBrowser``...).
ParameterKind = Literal["service", "control", "common", "flow"]
#: Which runner of :mod:`py_backend.cmdlets.login` a flow cmdlet uses.
FlowKind = Literal[
    "sso-login",
    "signin-login",
    "sso-status",
    "login-status",
    "sso-logout",
    "login-logout",
    "credentials",
]


@dataclass(frozen=True)
class ParameterSpec:
    """One parameter, with the attributes the AWS Tools declare for it."""

    name: str
    #: The .NET type the AWS Tools declare (``System.String``, ``System.String[]``, ...).
    type: str
    #: The type the generated PowerShell param block declares (``string``, ``switch``, ...).
    ps_type: str
    help: str
    kind: ParameterKind
    aliases: tuple[str, ...] = ()
    #: The attribute's ``Position`` (0-based; help shows it 1-based); ``None`` is "Named".
    position: int | None = None
    mandatory: bool = False
    value_from_pipeline: bool = False
    value_from_pipeline_by_property_name: bool = True
    parameter_set: str = ALL_PARAMETER_SETS
    #: The request member this parameter fills, as a dotted wire path (``tokenInput.code``).
    wire: str | None = None
    #: True for values that must never appear in logs, errors or default views.
    secret: bool = False
    #: The value the cmdlet class initialises the property with (``-Select``'s default).
    default: str | None = None
    #: ``[System.Obsolete]`` message; the backend emits PowerShell's warning for it.
    obsolete: str | None = None
    #: Declared on the generated cmdlet class itself (found by ``-Select '^Name'``); the
    #: common parameters live on base classes and are not.
    declared_on_cmdlet: bool = True
    #: ``[AllowNull]``/``[AllowEmptyString]``: set on every required service member.
    allow_null: bool = False
    #: Where this wrapper behaves differently from the AWS Tools, in one sentence.
    note: str | None = None
    #: ``[Parameter(DontShow)]``: set by the generated function itself, hidden from completion.
    dont_show: bool = False

    @property
    def all_names(self) -> tuple[str, ...]:
        """The name and every alias."""
        return (self.name, *self.aliases)

    def to_json(self) -> dict[str, Any]:
        """The JSON form used by ``describe`` and the PowerShell generator."""
        return {
            "name": self.name,
            "type": self.type,
            "psType": self.ps_type,
            "aliases": list(self.aliases),
            "position": self.position,
            "mandatory": self.mandatory,
            "valueFromPipeline": self.value_from_pipeline,
            "valueFromPipelineByPropertyName": self.value_from_pipeline_by_property_name,
            "parameterSet": self.parameter_set,
            "allowNull": self.allow_null,
            "allowEmptyString": self.allow_null,
            "kind": self.kind,
            "wireName": self.wire,
            "secret": self.secret,
            "default": self.default,
            "obsolete": self.obsolete,
            "declaredOnCmdlet": self.declared_on_cmdlet,
            "help": self.help,
            "note": self.note,
            "dontShow": self.dont_show,
        }


@dataclass(frozen=True)
class OperationRef:
    """The service operation a cmdlet calls."""

    #: botocore's service name (``sso-oidc``, ``signin``).
    service: ServiceName
    #: The service's name in the AWS Tools' messages (``AWS Single Sign-On OIDC``).
    service_display_name: str
    operation: str

    @property
    def python_method(self) -> str:
        """The client method that calls it (``create_token``), from the operation's spec."""
        return str(SERVICE_MEMBERS[self.service][self.operation]["method"])

    @property
    def signed(self) -> bool:
        """SigV4-signed (needs credentials); the others are unsigned (``smithy.api#noAuth``)."""
        return bool(SERVICE_MEMBERS[self.service][self.operation]["signed"])


@dataclass(frozen=True)
class TargetRule:
    """One way to name a flow's ShouldProcess target: ``template`` with ``{}`` replaced by the
    parameter's value, used when the parameter is bound to a non-empty value."""

    parameter: str
    template: str = "{}"

    def to_json(self) -> dict[str, str]:
        """``{"parameter", "template"}``."""
        return {"parameter": self.parameter, "template": self.template}


@dataclass(frozen=True)
class PromptStep:
    """A pause for the user in the middle of a flow, done by the generated function.

    With ``switch`` present (and ``handle_parameter`` not bound), the function calls the
    backend, which starts the flow and answers an object whose ``handle_property`` names the
    waiting flow; the function then reads ``prompt`` with ``Read-Host -AsSecureString`` and
    calls the backend again with the value in ``value_parameter`` and the handle in
    ``handle_parameter``.
    """

    switch: str
    prompt: str
    value_parameter: str
    handle_parameter: str
    handle_property: str

    def to_json(self) -> dict[str, str]:
        """The JSON form used by ``describe`` and the generator."""
        return {
            "switch": self.switch,
            "prompt": self.prompt,
            "valueParameter": self.value_parameter,
            "handleParameter": self.handle_parameter,
            "handleProperty": self.handle_property,
        }


@dataclass(frozen=True)
class FlowSpec:
    """What makes a cmdlet a sign-in flow rather than one operation.

    The ShouldProcess target is the first rule whose parameter is bound (``targets``), else
    ``default_target``. ``extra_output_types`` are written besides the output type (the
    pending step of a :class:`PromptStep`).
    """

    kind: FlowKind
    #: The AWS CLI command this cmdlet does the work of (``aws sso login``).
    cli_command: str
    targets: tuple[TargetRule, ...]
    default_target: str
    prompt: PromptStep | None = None
    extra_output_types: tuple[str, ...] = ()
    #: The ShouldProcess action text, for a flow whose main work is no operation
    #: (``Invoke-AMSPLogout`` removes files); ``None``: ``Verb-Noun (Operation)``.
    action: str | None = None
    #: A switch that makes the generated function set the session's environment variables
    #: from the backend's answer (each property a variable; ``$null`` removes it) instead of
    #: writing it: the backend cannot change the PowerShell session's environment.
    environment_switch: str | None = None
    #: The module of :mod:`py_backend.cmdlets` that holds the specification (generated headers).
    source: str = "login_specs.py"

    def to_json(self) -> dict[str, Any]:
        """The JSON form used by ``describe`` and the generator."""
        return {
            "kind": self.kind,
            "cliCommand": self.cli_command,
            "targets": [rule.to_json() for rule in self.targets],
            "defaultTarget": self.default_target,
            "prompt": self.prompt.to_json() if self.prompt else None,
            "extraOutputTypes": list(self.extra_output_types),
            "action": self.action,
            "environmentSwitch": self.environment_switch,
        }


def verb_supports_should_process(verb: str) -> bool:
    """Whether a cmdlet of ``verb`` takes ``-WhatIf``/``-Confirm`` (and ``-Force``): as in the
    AWS Tools, every verb but Get-, since a Get- cmdlet changes nothing."""
    return verb != "Get"


@dataclass(frozen=True)
class CmdletSpec:
    """One cmdlet: its name, operation, parameters and output."""

    verb: str
    noun: str
    operation: OperationRef
    synopsis: str
    description: str
    #: The AWS Tools' C# class (the second half of their FullyQualifiedErrorIds).
    dotnet_class: str
    #: The whole response type (what ``-Select *`` returns).
    response_type: str
    #: ``[OutputType]``: the type of the default ``-Select`` result.
    output_type: str
    default_select: str
    outputs_help: str
    #: The parameter whose value is the ShouldProcess target (and the error target).
    should_process_target: str
    parameters: tuple[ParameterSpec, ...]
    confirm_impact: str = "Medium"
    #: The default ``-Select`` writes the selected value; ``False`` for an operation without
    #: output (``Close-SSOSession``), which writes nothing unless ``-Select`` is given.
    writes_by_default: bool = True
    #: A paginated list cmdlet: it calls again with each ``NextToken`` until there is none,
    #: unless ``-NoAutoIteration`` is present or ``-NextToken`` is bound.
    auto_iterate: bool = False
    #: Set for the sign-in cmdlets: ``operation`` is then the flow's main operation (the one
    #: in the ShouldProcess action text) and the flow runs in :mod:`py_backend.cmdlets.login`.
    flow: FlowSpec | None = None

    @property
    def supports_should_process(self) -> bool:
        """``-WhatIf``/``-Confirm`` (and ``-Force``): see :func:`verb_supports_should_process`."""
        return verb_supports_should_process(self.verb)

    @property
    def name(self) -> str:
        """``Verb-Noun``."""
        return f"{self.verb}-{self.noun}"

    @property
    def should_process_action(self) -> str:
        """The ShouldProcess action text: ``New-SSOOIDCToken (CreateToken)``."""
        action = self.flow.action if self.flow is not None else None
        return f"{self.name} ({action or self.operation.operation})"

    def parameter(self, name: str) -> ParameterSpec | None:
        """The parameter called ``name`` or aliased so, case-insensitively."""
        return self._by_name.get(name.casefold())

    @cached_property
    def _by_name(self) -> dict[str, ParameterSpec]:
        # Binding looks parameters up several times per call; the first to claim a name wins.
        index: dict[str, ParameterSpec] = {}
        for spec in self.parameters:
            for name in spec.all_names:
                index.setdefault(name.casefold(), spec)
        return index

    def parameters_for_wire(self, wire: str) -> tuple[str, ...]:
        """The parameters that fill the request member at ``wire`` (``scope[0]``, ``tokenInput``).

        A structure member (``tokenInput``) maps to its required children, as the AWS Tools
        flatten it into ``TokenInput_*`` parameters. Unknown members map to nothing.
        """
        path = re.sub(r"\[\d+\]", "", wire)
        exact = tuple(p.name for p in self.parameters if p.wire == path)
        if exact:
            return exact
        children = [p for p in self.parameters if p.wire and p.wire.startswith(path + ".")]
        return tuple(p.name for p in children if p.mandatory) or tuple(p.name for p in children)

    def to_json(self) -> dict[str, Any]:
        """The JSON form used by ``describe`` and the PowerShell generator."""
        return {
            "name": self.name,
            "verb": self.verb,
            "noun": self.noun,
            "service": self.operation.service,
            "serviceDisplayName": self.operation.service_display_name,
            "operation": self.operation.operation,
            "pythonMethod": self.operation.python_method,
            "signed": self.operation.signed,
            "synopsis": self.synopsis,
            "description": self.description,
            "dotnetCmdletType": self.dotnet_class,
            "supportsShouldProcess": self.supports_should_process,
            "confirmImpact": self.confirm_impact,
            "shouldProcessTarget": self.should_process_target,
            "shouldProcessAction": self.should_process_action,
            "responseType": self.response_type,
            "outputType": self.output_type,
            "defaultSelect": self.default_select,
            "writesByDefault": self.writes_by_default,
            "autoIterate": self.auto_iterate,
            "outputsHelp": self.outputs_help,
            "parameters": [p.to_json() for p in self.parameters],
            "flow": self.flow.to_json() if self.flow else None,
        }

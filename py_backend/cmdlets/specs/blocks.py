"""The building blocks of the operation cmdlets: request members (typed from the models),
``-Select``, ``-PassThru``, ``-ClientConfig``, the common credential and region parameters, and
:func:`operation_cmdlet`, which puts them together as the AWS Tools generator does."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from py_backend.cmdlets.outputs import OUTPUT_TYPES
from py_backend.cmdlets.spec_model import (
    CmdletSpec,
    OperationRef,
    ParameterSpec,
    verb_supports_should_process,
)
from py_backend.cmdlets.vocabulary import (
    FORCE,
    INT32,
    INT64,
    PS_TYPES,
    PSCREDENTIAL,
    SDK_NAMESPACES,
    SIGNIN,
    SSO,
    SSO_OIDC,
    STRING,
    STRING_ARRAY,
    SWITCH,
)
from py_backend.service_members import SERVICES as SERVICE_MEMBERS
from py_backend.service_members import member_doc, operation_doc

if TYPE_CHECKING:
    from py_backend.session import ServiceName

PASSTHRU_OBSOLETE = (
    "The -PassThru parameter is deprecated, use -Select '^ClientId' instead. "
    "This parameter will be removed in a future version."
)
CLIENT_CONFIG_KEYS = (
    "ServiceURL",
    "RegionEndpoint",
    "Timeout",
    "MaxErrorRetry",
    "UseFIPSEndpoint",
    "UseDualstackEndpoint",
    "ProxyHost",
    "ProxyPort",
)


def member(
    wire: str, help_text: str = "", *, pipeline: bool = False, singular: bool = False
) -> ParameterSpec:
    """A request member's parameter: the pipeline one is Position 0 and ValueFromPipeline.

    Named as the AWS Tools generator names it: each part of the member's path capitalised and
    joined by ``_`` (``tokenInput.clientId`` -> ``TokenInput_ClientId``); ``singular``: its
    singular rename of a plural member, the plural kept as alias (``scopes`` -> ``Scope``).
    :func:`operation_cmdlet` fills in the type, Mandatory, secret flag and (without
    ``help_text``) help from the member in the models.
    """
    name = "_".join(part[0].upper() + part[1:] for part in wire.split("."))
    return ParameterSpec(
        name=name.removesuffix("s") if singular else name,
        type=STRING,
        ps_type="string",
        help=help_text,
        kind="service",
        aliases=(name,) if singular else (),
        position=0 if pipeline else None,
        value_from_pipeline=pipeline,
        wire=wire,
    )


def _with_member_facts(parameter: ParameterSpec, shape: dict[str, Any]) -> ParameterSpec:
    """``parameter`` typed, Mandatory (with AllowNull, as the modular AWS.Tools build) and
    secret as its member of the input ``shape``; the member's documentation is its default help."""
    member, required = _member_at(shape, str(parameter.wire))
    type_name = {"list": STRING_ARRAY, "integer": INT32, "long": INT64}.get(
        member["shape"]["type"], STRING
    )
    return replace(
        parameter,
        type=type_name,
        ps_type=PS_TYPES[type_name],
        mandatory=required,
        allow_null=required,
        secret=member["secret"],
        help=parameter.help or member["doc"],
    )


def _member_at(shape: dict[str, Any], wire: str) -> tuple[dict[str, Any], bool]:
    """The member at the dotted ``wire`` path, and whether it (and every parent) is required."""
    required = True
    member: dict[str, Any] = {}
    for part in wire.split("."):
        member = next(m for m in shape.get("members", ()) if m["name"] == part)
        required = required and part in shape.get("required", ())
        shape = member["shape"]
    return member, required


def select(response_type: str, default: str, *, writes_by_default: bool = True) -> ParameterSpec:
    """``-Select`` with its ``default``, for a cmdlet whose whole response is ``response_type``."""
    if writes_by_default:
        default_text = f"The default value is '{default}'. "
        property_text = (
            f"Specifying the name of a property of type {response_type} will result in that "
            "property being returned. "
        )
    else:  # An operation without output (Close-SSOSession).
        default_text, property_text = "The cmdlet doesn't have a return value by default. ", ""
    return ParameterSpec(
        name="Select",
        type=STRING,
        ps_type="string",
        kind="control",
        default=default,
        help=(
            "Use the -Select parameter to control the cmdlet output. "
            f"{default_text}Specifying -Select '*' will result in the cmdlet "
            f"returning the whole service response ({response_type}). {property_text}"
            "Specifying -Select '^ParameterName' will result in the cmdlet returning the "
            "selected cmdlet parameter value."
        ),
    )


#: ``-NoAutoIteration`` of the AWS Tools' paginated cmdlets.
NO_AUTO_ITERATION = ParameterSpec(
    name="NoAutoIteration",
    type=SWITCH,
    ps_type="switch",
    kind="control",
    help=(
        "By default the cmdlet will auto-iterate and retrieve all results to the pipeline by "
        "performing multiple service calls. If set, the cmdlet will retrieve only the next "
        "'page' of results using the value of NextToken as the start point."
    ),
)


PASSTHRU = ParameterSpec(
    name="PassThru",
    type=SWITCH,
    ps_type="switch",
    kind="control",
    obsolete=PASSTHRU_OBSOLETE,
    help=(
        "Changes the cmdlet behavior to return the value passed to the ClientId parameter. "
        + PASSTHRU_OBSOLETE
    ),
    note=(
        "The backend emits the obsolete-parameter warning; the generated parameter must not "
        "carry [Obsolete] as well, or PowerShell warns twice."
    ),
)


def _common(name: str, type_name: str, help_text: str, **attributes: Any) -> ParameterSpec:
    """A parameter of the AWS Tools' base classes (not declared on the cmdlet class)."""
    return ParameterSpec(
        name=name,
        type=type_name,
        # A .NET class (AWSCredentials, an AmazonConfig) is an [object]: the module reads its
        # properties, or a hashtable's keys.
        ps_type=PS_TYPES.get(type_name, "object"),
        help=help_text,
        kind="common",
        declared_on_cmdlet=False,
        **attributes,
    )


def client_config(sdk: str) -> ParameterSpec:
    """``-ClientConfig`` of the client of the service whose SDK namespace is ``Amazon.<sdk>``."""
    # The reference pages show only the property path as help (a documentation-generator
    # artefact: "Amazon.PowerShell.Cmdlets.SSOOIDC.AmazonSSOOIDCClientCmdlet.ClientConfig");
    # this text says what the wrapper accepts instead.
    config_class = f"Amazon{sdk}Config"
    return _common(
        "ClientConfig",
        f"Amazon.{sdk}.{config_class}",
        f"Client configuration for the service client: a {config_class} object, or a "
        f"hashtable of {config_class} property names: " + ", ".join(CLIENT_CONFIG_KEYS) + ".",
        note=(
            "A hashtable of the listed settings (other AmazonConfig properties are refused), or an "
            "object with those properties (such as AmazonSSOOIDCConfig): the module reads the ones "
            "that are set, and RegionEndpoint by its SystemName."
        ),
    )


#: The credential and region parameters of ``AWSCommonArgumentsCmdlet``/``ServiceCmdlet``,
#: in the reference pages' order (their attributes are the seeds').
COMMON_CREDENTIAL_PARAMETERS: tuple[ParameterSpec, ...] = (
    _common(
        "AccessKey",
        STRING,
        "The AWS access key for the user account. This can be a temporary access key if the "
        "corresponding session token is supplied to the -SessionToken parameter.",
        aliases=("AK",),
    ),
    _common(
        "Credential",
        "Amazon.Runtime.AWSCredentials",
        "An AWSCredentials object instance containing access and secret key information, and "
        "optionally a token for session-based credentials.",
        value_from_pipeline=True,
        secret=True,
        note=("The module passes it to the backend as a hashtable {AccessKey, SecretKey, Token}."),
    ),
    _common(
        "EndpointUrl",
        STRING,
        "The endpoint to make the call against.\n"
        "Note: This parameter is primarily for internal AWS use and is not required/should not "
        "be specified for normal usage. The cmdlets normally determine which endpoint to call "
        "based on the region specified to the -Region parameter or set as default in the shell "
        "(via Set-DefaultAWSRegion). Only specify this parameter if you must direct the call to "
        "a specific custom endpoint.",
    ),
    _common(
        "NetworkCredential",
        PSCREDENTIAL,
        "Used with SAML-based authentication when ProfileName references a SAML role profile. "
        "Contains the network credentials to be supplied during authentication with the "
        "configured identity provider's endpoint. This parameter is not required if the user's "
        "default network identity can or should be used during authentication.",
        # Not ByValue, unlike the AWS Tools: PowerShell gives a function's PSCredential
        # parameter a [Credential()] transformation (a compiled cmdlet's has none), which
        # turns every piped string into a password prompt and every piped object into an
        # error, so `'name' | Register-SSOOIDCClient` would never bind its -ClientName.
        secret=True,
        note=(
            "SAML role profiles are not supported: any value is refused with an error. It does "
            "not take pipeline input by value."
        ),
    ),
    _common(
        "ProfileLocation",
        STRING,
        "Used to specify the name and location of the ini-format credential file (shared with "
        "the AWS CLI and other AWS SDKs)\n"
        "If this optional parameter is omitted this cmdlet will search the encrypted credential "
        "file used by the AWS SDK for .NET and AWS Toolkit for Visual Studio first. If the "
        "profile is not found then the cmdlet will search in the ini-format credential file at "
        "the default location: (user's home directory)\\.aws\\credentials.\n"
        "If this parameter is specified then this cmdlet will only search the ini-format "
        "credential file at the location given.\n"
        "As the current folder can vary in a shell or during script execution it is advised "
        "that you use specify a fully qualified path instead of a relative path.",
        aliases=("AWSProfilesLocation", "ProfilesLocation"),
        note="There is no encrypted .NET credential store: only the ini-format files are read.",
    ),
    _common(
        "ProfileName",
        STRING,
        "The user-defined name of an AWS credentials or SAML-based role profile containing "
        "credential information. The profile is expected to be found in the secure credential "
        "file shared with the AWS SDK for .NET and AWS Toolkit for Visual Studio. You can also "
        "specify the name of a profile stored in the .ini-format credential file used with the "
        "AWS CLI and other AWS SDKs.",
        aliases=("StoredCredentials", "AWSProfileName"),
    ),
    _common(
        "Region",
        "System.Object",
        "The system name of an AWS region or an AWSRegion instance. This governs the endpoint "
        "that will be used when calling service operations. Note that the AWS resources "
        "referenced in a call are usually region-specific.",
        aliases=("RegionToCall",),
    ),
    _common(
        "SecretKey",
        STRING,
        "The AWS secret key for the user account. This can be a temporary secret key if the "
        "corresponding session token is supplied to the -SessionToken parameter.",
        aliases=("SK", "SecretAccessKey"),
        secret=True,
    ),
    _common(
        "SessionToken",
        STRING,
        "The session token if the access and secret keys are temporary session-based credentials.",
        aliases=("ST",),
        secret=True,
    ),
)


ITERATION_NOTE = (
    "This cmdlet automatically pages all available results to the pipeline - parameters "
    "related to iteration are only needed if you want to manually control the paginated "
    "output. To disable autopagination, use -NoAutoIteration."
)
NEXT_TOKEN_NOTE = (
    "\nNote: This parameter is only used if you are manually controlling output pagination of "
    "the service API call.\n'NextToken' is only returned by the cmdlet when '-Select *' is "
    "specified. In order to manually control output pagination, set '-NextToken' to null for "
    "the first call then set the 'NextToken' using the same property output from the previous "
    "call for subsequent calls."
)

#: Per service: its name in the AWS Tools' messages and their cmdlet namespace
#: (``Amazon.PowerShell.Cmdlets.<it>``); the SDK's namespace (``Amazon.<it>``: ``.Model``, the
#: client's ``Amazon<it>Config``) is vocabulary.SDK_NAMESPACES.
_FAMILIES: dict[ServiceName, tuple[str, str]] = {
    "sso-oidc": (SSO_OIDC, "SSOOIDC"),
    "signin": (SIGNIN, "AMSP"),
    "sso": (SSO, "SSO"),
}


def operation_cmdlet(
    verb: str,
    noun: str,
    service: ServiceName,
    name: str,
    members: tuple[ParameterSpec, ...],
    *,
    should_process_target: str,
    service_display_name: str | None = None,
    select_default: str = "*",
    writes_by_default: bool = True,
    passthru: bool = False,
    description: str | None = None,
) -> CmdletSpec:
    """``<verb>-<noun>``, calling operation ``name`` of ``service``, as the AWS Tools generator
    makes it from the service model.

    ``service_display_name`` overrides the service's name in the AWS Tools' messages. The
    description is the operation's documentation (its paragraphs one line each) unless
    ``description`` is the AWS Tools' own text. The output type is what the default
    ``-Select`` writes: the whole response with ``*``, else the property's model type (a
    list's element type). A paginated operation's cmdlet takes ``-MaxResult`` and
    ``-NextToken``, auto-iterates and says so. The parameters are in the generator's order:
    the members (alphabetical), ``-Select``, ``-PassThru``, ``-Force`` (not on a ``Get-``
    cmdlet), ``-NoAutoIteration``, then the base classes' ``-ClientConfig`` and credential and
    region parameters.
    """
    display, namespace = _FAMILIES[service]
    sdk = SDK_NAMESPACES[service]
    operation = OperationRef(service, service_display_name or display, name)
    response = f"Amazon.{sdk}.Model.{name}Response"
    paginator = SERVICE_MEMBERS[service][name].get("paginator")
    if paginator is not None:
        limit, token = paginator["limit_key"], paginator["input_token"]
        members += (
            member("maxResults", member_doc(service, name, limit), singular=True),
            member("nextToken", member_doc(service, name, token) + NEXT_TOKEN_NOTE),
        )
    shape = SERVICE_MEMBERS[service][name]["input"]
    members = tuple(_with_member_facts(p, shape) for p in members)
    if description is None:
        description = operation_doc(service, name).replace("\n\n", "\n")
        if paginator is not None:
            description += "\n" + ITERATION_NOTE
    if not writes_by_default:
        output_type = "None"
        outputs = (
            "This cmdlet does not generate any output. The service response (type "
            f"{response}) can be returned by specifying '-Select *'."
        )
    elif select_default == "*":
        output_type = response
        outputs = f"This cmdlet returns an {response} object containing multiple properties."
    else:
        output_type = _selected_type(response, select_default)
        returned = (
            f"a collection of {output_type} objects" if paginator else f"an {output_type} object"
        )
        outputs = (
            f"This cmdlet returns {returned}. The service call response (type {response}) can "
            "be returned by specifying '-Select *'."
        )
    control = (
        select(response, select_default, writes_by_default=writes_by_default),
        *((PASSTHRU,) if passthru else ()),
        *((FORCE,) if verb_supports_should_process(verb) else ()),
        *((NO_AUTO_ITERATION,) if paginator else ()),
    )
    return CmdletSpec(
        verb=verb,
        noun=noun,
        operation=operation,
        synopsis=f"Calls the {operation.service_display_name} {name} API operation.",
        description=description,
        dotnet_class=f"Amazon.PowerShell.Cmdlets.{namespace}.{verb}{noun}Cmdlet",
        response_type=response,
        output_type=output_type,
        default_select=select_default,
        outputs_help=outputs,
        should_process_target=should_process_target,
        writes_by_default=writes_by_default,
        auto_iterate=paginator is not None,
        parameters=(
            *sorted(members, key=lambda p: p.name),
            *control,
            client_config(sdk),
            *COMMON_CREDENTIAL_PARAMETERS,
        ),
    )


def _selected_type(response: str, select: str) -> str:
    """The SDK type of the ``response`` type's property ``select``, a list's element's
    (``AccountList`` -> ``Amazon.SSO.Model.AccountInfo``), as :data:`OUTPUT_TYPES` has it."""
    prop = next(
        p for p in OUTPUT_TYPES[response].properties if p.name.casefold() == select.casefold()
    )
    selected = prop.element or prop.type
    if selected not in OUTPUT_TYPES:
        raise ValueError(f"-Select {select} writes no model type")
    return selected

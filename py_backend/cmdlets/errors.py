"""Cmdlet errors: everything the PowerShell module needs to build the AWS Tools' ErrorRecord.

The AWS Tools throw a service error as ``InvalidOperationException`` wrapping the SDK
exception, with the FullyQualifiedErrorId ``<ServiceExceptionType>,<CmdletType>``; a missing
credential or region as ``InvalidOperationException`` with the id ``InvalidOperationException``;
``-Select`` misuse as an ``ArgumentException`` whose id is its type name (aws-tools-powershell.md
sections 2 and 5). Here ``errorId`` is ``<ErrorCode>,<Cmdlet>`` for service and library errors
(``AuthorizationPendingException,New-SSOOIDCToken``: the code users match on; the .NET type is
in ``exceptionType``) and the AWS Tools' own first half for the errors they raise themselves.
A script cmdlet has no .NET class and PowerShell appends the command's name itself, so the
module passes the part before the last ``,`` as the ErrorRecord's id.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from py_backend.cmdlets.error_types import (
    INVALID_OPERATION,
    OPERATION_CANCELED,
    category,
    dotnet_type,
)
from py_backend.cmdlets.outputs import STRING, NetProperty
from py_backend.cmdlets.specs import find_cmdlet
from py_backend.errors import (
    FileAccessError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    ServiceError,
    TokenBridgeError,
    problem_lines,
    validation_message,
)
from py_backend.url_secrets import redact_userinfo

ARGUMENT_EXCEPTION = "System.ArgumentException"
BINDING_EXCEPTION = "System.Management.Automation.ParameterBindingException"
#: The id the AWS Tools give errors they raise without an inner exception.
INVALID_OPERATION_ID = "InvalidOperationException"


class CmdletError(TokenBridgeError):
    """A cmdlet failed; carries the RPC error data (see :meth:`to_data`).

    Messages never hold secret values: they name parameters, never quote them.
    """

    code = "CmdletError"

    def __init__(
        self,
        message: str,
        *,
        cmdlet: str,
        error_code: str,
        exception_type: str,
        error_category: str,
        error_id: str | None = None,
        http_status: int | None = None,
        request_id: str | None = None,
        target_object: str | None = None,
        properties: dict[str, Any] | None = None,
    ) -> None:
        # An endpoint or proxy URL in the text may carry a password: it is masked here.
        message = redact_userinfo(message)
        super().__init__(message)
        self.message = message
        self.cmdlet = cmdlet
        self.error_code = error_code
        self.exception_type = exception_type
        self.error_category = error_category
        #: The first half of the FullyQualifiedErrorId (the ErrorRecord's own id).
        self.error_id = error_id or error_code
        self.http_status = http_status
        self.request_id = request_id
        self.target_object = None if target_object is None else redact_userinfo(target_object)
        #: A modeled service error's members under the SDK exception's property names
        #: (``Error_description``...): the module sets them on that exception when loaded.
        self.properties: dict[str, Any] = dict(properties or {})

    @property
    def fully_qualified_error_id(self) -> str:
        """``<id>,<cmdlet>``: what ``$_.FullyQualifiedErrorId`` shows."""
        return f"{self.error_id},{self.cmdlet}"

    def to_data(self) -> dict[str, Any]:
        """The JSON-RPC error ``data``."""
        return {
            "errorCode": self.error_code,
            "message": self.message,
            "httpStatus": self.http_status,
            "requestId": self.request_id,
            "exceptionType": self.exception_type,
            "category": self.error_category,
            "errorId": self.fully_qualified_error_id,
            "targetObject": self.target_object,
            "properties": dict(self.properties),
        }


@dataclass(frozen=True)
class ErrorKind:
    """What the errors of one kind share: their code, .NET exception type and ErrorCategory,
    and the first half of their FullyQualifiedErrorId when it is not the code."""

    # Named as CmdletError's keywords, which they fill.
    error_code: str
    exception_type: str
    error_category: str
    error_id: str | None = None

    def __call__(self, message: str, cmdlet: str, target: str | None = None) -> CmdletError:
        """An error of this kind raised by ``cmdlet``; ``target`` is the record's target."""
        return CmdletError(message, cmdlet=cmdlet, target_object=target, **asdict(self))


#: An ``ArgumentException`` thrown from ``ProcessRecord`` (``-Select``, ``-PassThru``):
#: PowerShell wraps it in ``CmdletInvocationException``, category NotSpecified. The AWS Tools
#: raise it themselves: the id is the exception's type name. The target is the parameter.
ARGUMENT = ErrorKind("ArgumentException", ARGUMENT_EXCEPTION, "NotSpecified", ARGUMENT_EXCEPTION)
#: A bad value for a parameter, found before any request is built.
INVALID_ARGUMENT = ErrorKind("InvalidArgument", ARGUMENT_EXCEPTION, "InvalidArgument")
#: A call stopped by ``$/cancelRequest`` (Ctrl+C in PowerShell).
CANCELED = ErrorKind("OperationCanceled", OPERATION_CANCELED, "OperationStopped")
#: A failure this module cannot say more about (the message names only the exception type).
INTERNAL = ErrorKind("InternalError", INVALID_OPERATION, "NotSpecified", INVALID_OPERATION_ID)


def binding_error(cmdlet: str, error_id: str, message: str, parameter: str | None) -> CmdletError:
    """PowerShell's own parameter binding errors (``MissingMandatoryParameter``...)."""
    return ErrorKind(error_id, BINDING_EXCEPTION, "InvalidArgument")(message, cmdlet, parameter)


def operation_canceled(cmdlet: str) -> CmdletError:
    """The :data:`CANCELED` error of ``cmdlet``."""
    return CANCELED("The operation was canceled.", cmdlet)


def error_to_cmdlet_error(
    exc: BaseException, cmdlet: str, target: object | None = None
) -> CmdletError:
    """Map any exception raised while running ``cmdlet`` to a :class:`CmdletError`.

    Service errors keep their code, HTTP status and request id; parameter errors name the
    cmdlet's parameters (``tokenInput.codeVerifier`` -> ``-TokenInput_CodeVerifier``); anything
    not raised by py_backend becomes a generic internal error that shows neither the traceback
    nor the original message (which could hold a secret).
    """
    target_text = target if isinstance(target, str) else None
    if isinstance(exc, CmdletError):
        return exc
    if isinstance(exc, ServiceError):
        return _service_error(exc, cmdlet, target_text)
    if isinstance(exc, ParamValidationError):
        return _param_error(exc, cmdlet)
    if isinstance(exc, OSError) and exc.filename is not None:
        exc = FileAccessError.from_os_error(exc, exc.filename, "use")
    if isinstance(exc, TokenBridgeError):
        return _library_error(exc, cmdlet, target_text)
    return INTERNAL(
        f"An internal error occurred in the AWS Token Bridge backend ({type(exc).__name__}).",
        cmdlet,
        target_text,
    )


def exception_properties(kind: type[ServiceError]) -> tuple[NetProperty, ...]:
    """The declared properties of ``kind``'s SDK exception: its modeled members.

    The SDK names a member by upper-casing its first letter (``error_description`` ->
    ``Error_description``); ``reason`` is the shape's enum, a ``ConstantClass`` named
    ``<service namespace>.<Shape>Reason`` that travels as a string. A ``message`` member is
    the exception's own ``Message``, not a property of its type.
    """
    namespace = dotnet_type(kind).rsplit(".", 2)[0]
    properties = []
    for member in kind.members:
        if member.lower() == "message":
            continue
        type_name = f"{namespace}.{kind.code}Reason" if member == "reason" else STRING
        properties.append(NetProperty.of_member(member, type_name))
    return tuple(properties)


def _service_error(exc: ServiceError, cmdlet: str, target: str | None) -> CmdletError:
    kind = type(exc)
    members = {p.name: exc.response.get(p.wire) for p in exception_properties(kind)}
    return CmdletError(
        exc.message or str(exc),
        cmdlet=cmdlet,
        error_code=exc.error_code,
        exception_type=dotnet_type(kind),
        error_category=category(kind),
        http_status=exc.http_status,
        request_id=exc.request_id,
        target_object=target,
        properties=members,
    )


def _param_error(exc: ParamValidationError, cmdlet: str) -> CmdletError:
    spec = find_cmdlet(cmdlet)
    problems: list[tuple[str, str]] = []
    for wire, reason in exc.problems:
        names = spec.parameters_for_wire(wire) if spec else ()
        problems += [(f"-{name}", reason) for name in names] or [(wire, reason)]
    target = problems[0][0].lstrip("-") if problems else None
    return _library_error(exc, cmdlet, target, validation_message(problem_lines(problems)))


def _library_error(
    exc: TokenBridgeError, cmdlet: str, target: str | None, message: str | None = None
) -> CmdletError:
    kind = type(exc)
    # The AWS Tools raise these two themselves, without an inner exception.
    plain = isinstance(exc, (NoCredentialsError, NoRegionError))
    return CmdletError(
        str(exc) if message is None else message,
        cmdlet=cmdlet,
        error_code=kind.code,
        exception_type=dotnet_type(kind),
        error_category=category(kind),
        error_id=INVALID_OPERATION_ID if plain else None,
        # A file error's record names the file, as PowerShell's own file errors do.
        target_object=exc.path if isinstance(exc, FileAccessError) else target,
    )

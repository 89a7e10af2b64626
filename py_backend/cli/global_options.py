"""The global options once read: the AWS CLI's ``top-level-args-parsed`` handlers."""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

#: botocore's ``DEFAULT_TIMEOUT``, seconds.
DEFAULT_TIMEOUT = 60


@dataclass(frozen=True)
class GlobalOptions:
    """What the global options ask for."""

    command: str
    debug: bool = False
    endpoint_url: str | None = None
    #: ``False`` (``--no-verify-ssl``), a CA bundle path, or ``None`` (the configuration's).
    verify: bool | str | None = None
    output: str | None = None
    #: A compiled JMESPath expression (``jmespath.parser.ParsedResult``).
    query: Any = None
    profile: str | None = None
    region: str | None = None
    color: str = "auto"
    sign_request: bool = True
    #: ``False`` with ``--no-paginate``: a paginated operation makes one call.
    paginate: bool = True
    #: Seconds; ``None`` means no timeout.
    read_timeout: int | None = DEFAULT_TIMEOUT
    connect_timeout: int | None = DEFAULT_TIMEOUT


def resolve_global_options(parsed: argparse.Namespace) -> GlobalOptions:
    """Check and convert the parsed global options (``ValueError`` with the AWS CLI's text)."""
    return GlobalOptions(
        command=parsed.command,
        debug=parsed.debug,
        paginate=parsed.paginate,
        endpoint_url=_endpoint_url(parsed.endpoint_url),
        verify=False if not parsed.verify_ssl else parsed.ca_bundle,
        output=parsed.output,
        query=_query(parsed.query),
        # The AWS CLI v1 ignores an empty --profile; an empty --region is the client's
        # region as given (see cli.invoke.create_client).
        profile=parsed.profile or None,
        region=parsed.region,
        color=parsed.color,
        sign_request=parsed.sign_request,
        read_timeout=_timeout(parsed.read_timeout),
        connect_timeout=_timeout(parsed.connect_timeout),
    )


def _query(value: str | None) -> Any:
    if value is None:
        return None
    import jmespath  # only --query needs it

    try:
        return jmespath.compile(value)
    except Exception as error:  # jmespath raises several unrelated types; the CLI takes all
        raise ValueError(f"Bad value for --query {value}: {error}") from None


def _endpoint_url(value: str | None) -> str | None:
    if value is not None and not urlsplit(value).scheme:
        raise ValueError(
            f'Bad value for --endpoint-url "{value}": scheme is missing.  Must be of the form '
            "http://<hostname>/ or https://<hostname>/"
        )
    return value


def _timeout(value: str | None) -> int | None:
    seconds = DEFAULT_TIMEOUT if value is None else int(value)
    return None if seconds == 0 else seconds

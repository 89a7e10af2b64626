"""The words of ``help``: what each service, operation, option and output member means.

The operations' descriptions and the members' texts are stated once, with the operations and
the models, and read from the generated members file; here are the services' descriptions,
the command line's own additions and its options' texts. Paragraphs are separated by blank
lines; lines starting with ``o`` are bullet items.
"""

from __future__ import annotations

from py_backend.service_members import SERVICES, member_docs, operation_doc

SERVICE_DOCS: dict[str, str] = {
    "sso-oidc": (
        "IAM Identity Center OpenID Connect (OIDC) is a web service that enables a client "
        "(such as CLI or a native application) to register with IAM Identity Center. The "
        "service also enables the client to fetch the user's access token upon successful "
        "authentication and authorization with IAM Identity Center."
    ),
    "signin": (
        "AWS Sign-In manages authentication for AWS services. It implements OAuth 2.0, "
        "providing secure token exchange and refresh capabilities."
    ),
    "sso": (
        "AWS IAM Identity Center (successor to AWS Single Sign-On) Portal is a web service that "
        "makes it easy for you to assign user access to IAM Identity Center resources such as "
        "the AWS access portal. Users can get AWS account applications and roles assigned to "
        "them and get federated into the application. The access token every command takes "
        "comes from sso-oidc create-token. (aws-token-bridge sso login signs in as the AWS "
        "CLI v2 does.)"
    ),
}

#: What the command line says after an operation's documented description (its own advice).
_DESCRIPTION_TAILS: dict[str, str] = {
    "CreateTokenWithIAM": "The request is signed with AWS Signature Version 4 (signing name "
    "sso-oauth).",
    "CreateOAuth2Token": (
        "The operation behavior is determined by the grant type:\n\n"
        "o Authorization code redemption (authorization_code) - not idempotent: each "
        "authorization code can only be used once.\n"
        "o Token refresh (refresh_token) - idempotent within the token validity window.\n\n"
        "The access token is a set of temporary AWS credentials (15 minutes at most)."
    ),
}

#: Operation name -> "" (the description) and member paths (``tokenInput.code``,
#: ``>accessToken`` for an output member) -> text.
OPERATION_DOCS: dict[str, dict[str, str]] = {
    operation: {
        "": " ".join(
            filter(None, (operation_doc(service, operation), _DESCRIPTION_TAILS.get(operation)))
        ),
        **member_docs(service, operation),
    }
    for service, operations in SERVICES.items()
    for operation in operations
}
# The command line's own advice, after the model's sentences.
OPERATION_DOCS["CreateOAuth2Token"]["tokenInput"] += (
    " Give it in shorthand (clientId=...,grantType=...) or JSON."
)

#: The AWS CLI's paging options (awscli/customizations/paginate.py), documented on paginated
#: commands in place of the operation's own token and limit options.
PAGING_OPTION_DOCS: dict[str, tuple[str, str]] = {
    "--starting-token": (
        "string",
        "A token to specify where to start paginating. This is the NextToken from a "
        "previously truncated response.",
    ),
    "--page-size": (
        "integer",
        "The size of each page to get in the AWS service call. This does not affect the number "
        "of items returned in the command's output. Setting a smaller page size results in more "
        "calls to the AWS service, retrieving fewer items in each call. This can help prevent "
        "the AWS service calls from timing out.",
    ),
    "--max-items": (
        "integer",
        "The total number of items to return in the command's output. If the total number of "
        "items available is more than the value specified, a NextToken is provided in the "
        "command's output. To resume pagination, provide the NextToken value in the "
        "starting-token argument of a subsequent command. Do not use the NextToken response "
        "element directly outside of the AWS CLI.",
    ),
}
PAGINATED_NOTE = (
    "{command} is a paginated operation. Multiple API calls may be issued in order to retrieve "
    "the entire data set of results. You can disable pagination by providing the --no-paginate "
    "argument. When using --output text and the --query argument on a paginated response, the "
    "--query argument must extract data from the results of the following query expressions: "
    "{result_key}"
)

CLI_INPUT_JSON_DOC = (
    "Performs service operation based on the JSON string provided. The JSON string follows "
    "the format provided by --generate-cli-skeleton. If other arguments are provided on the "
    "command line, the CLI values will override the JSON-provided values. It is not possible "
    "to pass arbitrary binary values using a JSON-provided value as the string will be taken "
    "literally. A value of the form file://PATH is read from that file."
)
GENERATE_CLI_SKELETON_DOC = (
    "Prints a JSON skeleton to standard output without sending an API request. If provided "
    "with no value or the value input, prints a sample input JSON that can be used as an "
    "argument for --cli-input-json. If provided with the value output, it validates the "
    "command inputs and returns a sample output JSON for that command."
)

#: Global option -> (type, text), in the order the AWS CLI documents them.
GLOBAL_OPTION_DOCS: dict[str, tuple[str, str]] = {
    "--debug": ("boolean", "Turn on debug logging. Secrets are never shown in it."),
    "--endpoint-url": ("string", "Override command's default URL with the given URL."),
    "--no-verify-ssl": (
        "boolean",
        "By default, the AWS CLI uses SSL when communicating with AWS services. For each SSL "
        "connection, the AWS CLI will verify SSL certificates. This option overrides the "
        "default behavior of verifying SSL certificates.",
    ),
    "--no-paginate": (
        "boolean",
        "Disable automatic pagination. (sso list-accounts and list-account-roles page through "
        "every result unless it is given.)",
    ),
    "--output": ("string", "The formatting style for command output.\n\no json\no text\no table"),
    "--query": ("string", "A JMESPath query to use in filtering the response data."),
    "--profile": ("string", "Use a specific profile from your credential file."),
    "--region": ("string", "The region to use. Overrides config/env settings."),
    "--version": ("string", "Display the version of this tool."),
    "--color": ("string", "Turn on/off color output.\n\no on\no off\no auto"),
    "--no-sign-request": (
        "boolean",
        "Do not sign requests. Credentials will not be loaded if this argument is provided.",
    ),
    "--ca-bundle": (
        "string",
        "The CA certificate bundle to use when verifying SSL certificates. Overrides "
        "config/env settings.",
    ),
    "--cli-read-timeout": (
        "int",
        "The maximum socket read time in seconds. If the value is set to 0, the socket read "
        "will be blocking and not timeout. The default value is 60 seconds.",
    ),
    "--cli-connect-timeout": (
        "int",
        "The maximum socket connect time in seconds. If the value is set to 0, the socket "
        "connect will be blocking and not timeout. The default value is 60 seconds.",
    ),
}

NOTES = (
    "This command takes the AWS CLI v1's options and prints its output byte for byte. One "
    "difference: a parameter value that starts with http:// or https:// is always used as it "
    "is. The AWS CLI v1 downloads such a URL and sends its content instead, unless the "
    "profile sets cli_follow_urlparam = false; this tool never fetches URLs. Values of the "
    "form file://PATH and fileb://PATH are read from files, as the AWS CLI does."
)

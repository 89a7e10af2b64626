"""boto3 and botocore as test-only peers: clients pointed at a local server, and the signer."""

from __future__ import annotations

from typing import Any

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials

ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

#: The environment every peer and client in the tests sees: no profile, no real AWS.
CLEAN_ENVIRON = {
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/nonexistent/aws-config",
    "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent/aws-credentials",
}


def boto3_client(
    service: str,
    endpoint_url: str,
    region: str = "us-east-1",
    session_token: str | None = None,
    **config: Any,
) -> Any:
    """A boto3 client with fixed credentials, sending to ``endpoint_url``."""
    session = boto3.session.Session(
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=session_token,
        region_name=region,
    )
    return session.client(
        service, endpoint_url=endpoint_url, config=botocore.config.Config(**config)
    )


def botocore_signature(
    method: str,
    url: str,
    headers: list[tuple[str, str]],
    body: bytes,
    region: str,
    session_token: str | None = None,
    signing_name: str = "sso-oauth",
) -> str:
    """The SigV4 signature botocore computes over the headers the request says it signed.

    botocore signs every header present at signing time; the ``amz-sdk-*`` and length headers
    are added after it. So the request is rebuilt from exactly the headers listed in its
    ``SignedHeaders``, at its own ``X-Amz-Date``.
    """
    credentials = botocore.credentials.Credentials(ACCESS_KEY, SECRET_KEY, session_token)
    signer = botocore.auth.SigV4Auth(credentials, signing_name, region)
    authorization = next(v for k, v in headers if k.lower() == "authorization")
    signed = authorization.split("SignedHeaders=", 1)[1].split(",", 1)[0].split(";")
    kept = [(k, v) for k, v in headers if k.lower() in signed]
    request = botocore.awsrequest.AWSRequest(method=method, url=url, data=body, headers=dict(kept))
    request.context["timestamp"] = dict((k.lower(), v) for k, v in kept)["x-amz-date"]
    canonical = signer.canonical_request(request)
    return str(signer.signature(signer.string_to_sign(request, canonical), request))

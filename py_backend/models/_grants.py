"""Which members each OAuth grant type needs, checked before a request is sent."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic_core import PydanticCustomError

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token"
ID_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:id_token"


def require_grant_members(model: Any, grant_type: str, needs: Mapping[str, Sequence[str]]) -> None:
    """Raise a validation error naming the first member ``grant_type`` needs but lacks.

    ``needs`` maps a grant type to the Python attribute names it requires; the error names
    the member by its wire (camelCase) name, which is what users of boto3 and the CLI know.
    """
    for attribute in needs.get(grant_type, ()):
        if getattr(model, attribute) is None:
            field = type(model).model_fields[attribute]
            raise PydanticCustomError(
                "missing_for_grant",
                "missing required parameter for grantType {grant_type}",
                {"parameter": field.alias or attribute, "grant_type": grant_type},
            )

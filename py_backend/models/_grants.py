"""Which members each OAuth grant type needs, checked before a request is sent."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from pydantic import model_validator
from pydantic_core import PydanticCustomError

from py_backend.models._base import RequestModel

if TYPE_CHECKING:
    from typing_extensions import Self

DEVICE_CODE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"
JWT_BEARER_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange"
ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
REFRESH_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:refresh_token"


class GrantRequest(RequestModel):
    """A request whose ``grant_type`` member decides which other members it needs."""

    #: The Python attribute names each known grant type requires; an unknown grant type is
    #: sent as it is (the service's to refuse).
    grant_needs: ClassVar[dict[str, tuple[str, ...]]] = {}

    if TYPE_CHECKING:
        # Each subclass declares the member itself, where the service model orders it.
        grant_type: str

    @model_validator(mode="after")
    def _grant_members(self) -> Self:
        """Refuse the first member the grant type needs but lacks, by its wire (camelCase) name:
        the one users of boto3 and the CLI know."""
        for attribute in self.grant_needs.get(self.grant_type, ()):
            if getattr(self, attribute) is None:
                field = type(self).model_fields[attribute]
                raise PydanticCustomError(
                    "missing_for_grant",
                    "missing required parameter for grantType {grant_type}",
                    {"parameter": field.alias or attribute, "grant_type": self.grant_type},
                )
        return self

"""Typed request and response models of the services' operations (pydantic v2).

Python attributes are snake_case; the wire (and boto3) names are camelCase aliases. Requests
forbid unknown members and check every constraint of the service model before anything is
sent; responses ignore unknown members, as boto3 does. Secret members are ``SecretStr``.
"""

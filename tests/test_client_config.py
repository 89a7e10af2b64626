"""``ClientConfig``, the boto3-shaped client options, against botocore's ``Config``."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.config import Config

from py_backend import ClientConfig

PAIRS: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({}, {}),
    ({"region_name": "us-east-1", "connect_timeout": 5}, {"region_name": "eu-west-1"}),
    ({"read_timeout": 7, "retries": {"max_attempts": 2}}, {"retries": {"mode": "standard"}}),
    ({"use_fips_endpoint": True}, {"use_fips_endpoint": False, "user_agent_extra": "x/1"}),
    ({"proxies": {"https": "http://127.0.0.1:1"}}, {"connect_timeout": 1.5}),
]


@pytest.mark.parametrize(("first", "second"), PAIRS)
def test_merge_lets_the_other_configs_options_win_as_botocore_does(
    first: dict[str, Any], second: dict[str, Any]
) -> None:
    merged = ClientConfig(**first).merge(ClientConfig(**second))
    # botocore's merge keeps what either config was given (its defaults are not options).
    expected = Config(**first).merge(Config(**second))._user_provided_options
    assert merged == ClientConfig(**expected)
    assert ClientConfig(**first).merge(ClientConfig()) == ClientConfig(**first)

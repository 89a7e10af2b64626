"""``ClientFactory``: what a flow's clients are made from stays out of its repr."""

from __future__ import annotations

from py_backend.flows._clients import ClientFactory


def test_the_repr_leaves_out_the_environment_and_its_secrets() -> None:
    environ = {"AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI-secret", "AWS_SESSION_TOKEN": "tok-secret"}
    factory = ClientFactory(environ=environ, endpoint_url="http://127.0.0.1:1")
    text = repr(factory)
    assert "secret" not in text
    assert "http://127.0.0.1:1" in text  # the repr still says what the clients are made for
    assert factory.environ is environ

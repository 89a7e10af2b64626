"""Tests of the local Sign-In and SSO OIDC emulator."""

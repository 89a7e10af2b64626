"""Passwords in URLs (``http://user:PASSWORD@proxy:3128``) are secrets like any other: an
endpoint or proxy URL may carry credentials, so text quoting one is masked before it goes to a
log, an error message or ``--debug`` output."""

from __future__ import annotations

import re

__all__ = ["MASK", "redact_userinfo"]

MASK = "***"

# scheme://user:password@ — the password runs to the last "@" of the authority.
_USERINFO = re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.\-]*://[^\s/?#@:]*):(?P<password>[^\s/?#]*)@")


def redact_userinfo(text: str) -> str:
    """``text`` with the password of every ``scheme://user:password@`` URL in it masked."""
    if "@" not in text:
        return text
    return _USERINFO.sub(lambda match: f"{match.group('head')}:{MASK}@", text)

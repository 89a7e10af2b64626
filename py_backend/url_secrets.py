"""Passwords in URLs (``http://user:PASSWORD@proxy:3128``) are secrets like any other.

An endpoint or proxy URL may carry credentials in its userinfo. :func:`redact_userinfo` masks
the password of every URL in a text, keeping the user name and the rest of the URL, so the
text can go to a log, an error message or ``--debug`` output.
"""

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

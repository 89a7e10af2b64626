"""``--output text``: tab-separated lines, as the AWS CLI's ``text.py`` prints them.

A dict prints its scalar values on one line in key order (prefixed by the upper-cased name of
the member holding it), then each nested value; a list of scalars prints ``NAME<TAB>value``
per element. Values print with ``str()``: ``True``, ``None``.
"""

from __future__ import annotations

from typing import Any, TextIO


def format_text(
    item: Any, stream: TextIO, identifier: str | None = None, scalar_keys: list[str] | None = None
) -> None:
    """Write ``item`` to ``stream`` in the AWS CLI's text format; ``identifier`` is the name of
    the member holding it, ``scalar_keys`` the columns of the list of dicts it is in."""
    if isinstance(item, dict):
        _format_dict(scalar_keys, item, identifier, stream)
    elif isinstance(item, list):
        _format_list(item, identifier, stream)
    else:
        stream.write(str(item))
        stream.write("\n")


def _format_list(items: list[Any], identifier: str | None, stream: TextIO) -> None:
    if not items:
        return
    if any(isinstance(element, dict) for element in items):
        keys = _all_scalar_keys(items)
        for element in items:
            format_text(element, stream, identifier, keys)
    elif any(isinstance(element, list) for element in items):
        scalars = [e for e in items if not isinstance(e, (list, dict))]
        nested = [e for e in items if isinstance(e, (list, dict))]
        if scalars:
            _format_scalar_list(scalars, identifier, stream)
        for element in nested:
            format_text(element, stream, identifier)
    else:
        _format_scalar_list(items, identifier, stream)


def _format_scalar_list(elements: list[Any], identifier: str | None, stream: TextIO) -> None:
    if identifier is not None:
        for element in elements:
            stream.write(f"{identifier.upper()}\t{element}\n")
    else:
        stream.write("\t".join(str(element) for element in elements))
        stream.write("\n")


def _format_dict(
    scalar_keys: list[str] | None, item: dict[str, Any], identifier: str | None, stream: TextIO
) -> None:
    keys = _all_scalar_keys([item]) if scalar_keys is None else scalar_keys
    scalars = [str(item.get(key, "")) for key in keys]
    if scalars:
        if identifier is not None:
            scalars.insert(0, identifier.upper())
        stream.write("\t".join(scalars))
        stream.write("\n")
    for name in sorted(set(item) - set(keys)):
        format_text(item[name], stream, name)


def _all_scalar_keys(dicts: list[Any]) -> list[str]:
    # Every element is taken for a dict, as the AWS CLI takes it: a list mixing dicts and
    # scalars fails the same way in both.
    seen: set[str] = set()
    for element in dicts:
        for key, value in element.items():
            if not isinstance(value, (dict, list)):
                seen.add(key)
    return sorted(seen)

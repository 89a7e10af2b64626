"""Turning a response into table sections, as the AWS CLI's ``TableFormatter`` does.

A dict becomes one section: its scalar members as columns (sorted by name; a dict with one
scalar gets a ``name | value`` row), then one indented sub-section per non-scalar member. A
list of dicts becomes one section with a row per element.
"""

from __future__ import annotations

from typing import Any

from py_backend.cli.output.table import MultiTable


def build_table(table: MultiTable, title: str | None, current: Any, indent_level: int = 0) -> bool:
    """Add ``current`` to ``table`` under ``title``; ``False`` when there is nothing to show."""
    if not current:
        return False
    if title is not None:
        table.new_section(title, indent_level=indent_level)
    if isinstance(current, list):
        _add_list(table, title, current, indent_level)
    if isinstance(current, dict):
        _add_dict(table, current, indent_level)
    return True


def _scalar(value: Any) -> bool:
    return not isinstance(value, (list, dict))


def _add_list(table: MultiTable, title: str | None, items: list[Any], indent_level: int) -> None:
    if isinstance(items[0], dict):
        _add_list_of_dicts(table, items, indent_level, title)
        return
    for item in items:
        if _scalar(item):
            table.current.add_row([item])
        elif all(_scalar(element) for element in item):
            table.current.add_row(item)
        else:
            build_table(table, None, item)


def _add_dict(table: MultiTable, current: dict[str, Any], indent_level: int) -> None:
    headers, more = _group_scalar_keys([current])
    if len(headers) == 1:
        table.current.add_row([headers[0], current[headers[0]]])
    elif headers:
        table.current.add_header(headers)
        table.current.add_row([current[key] for key in headers])
    for name in more:
        build_table(table, name, current[name], indent_level=indent_level + 1)


def _add_list_of_dicts(
    table: MultiTable, items: list[Any], indent_level: int, title: str | None
) -> None:
    headers, more = _group_scalar_keys(items)
    table.current.add_header(headers)
    for index, element in enumerate(items):
        if index and more:
            table.new_section(title, indent_level=indent_level)
            table.current.add_header(headers)
        table.current.add_row([element.get(header, "") for header in headers])
        for name in more:
            if name in element:
                build_table(table, name, element[name], indent_level=indent_level + 1)


def _group_scalar_keys(items: list[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The sorted keys of scalar members, and of the others, across ``items``."""
    # Iterated by key, as the AWS CLI does: a list mixing dicts and other values fails the
    # same way (and with the same message) in both.
    headers: set[str] = set()
    more: set[str] = set()
    for item in items:
        for key in item:
            (headers if _scalar(item[key]) else more).add(key)
    return sorted(headers), sorted(more)

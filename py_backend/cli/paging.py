"""Paginated commands the AWS CLI v1's way (``awscli/customizations/paginate.py``).

A paginated operation (``sso list-accounts``) takes ``--starting-token``, ``--page-size`` and
``--max-items`` and pages through every result unless ``--no-paginate`` is given or its own
token or limit option (``--next-token``, ``--max-results``, still accepted though not
documented) is, which turns pagination off. ``--no-paginate`` with a paging option is an
error. The output is the merged result (JSON, table) with ``NextToken`` when ``--max-items``
cut it short; ``--output text`` prints page by page, ``--query`` applied to each, as the AWS
CLI's text formatter does.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from py_backend.cli.errors import CLIError
from py_backend.cli.model import Operation
from py_backend.cli.output import write_output
from py_backend.service_members import xform_name

#: (option, ``PaginationConfig`` key, argparse destination).
OPTIONS: tuple[tuple[str, str, str], ...] = (
    ("--starting-token", "StartingToken", "starting_token"),
    ("--page-size", "PageSize", "page_size"),
    ("--max-items", "MaxItems", "max_items"),
)


def add_paging_options(parser: argparse.ArgumentParser, operation: Operation) -> None:
    """The three paging options of a paginated operation (integers as the limit key is)."""
    if operation.paging is None:
        return
    parser.add_argument("--starting-token", dest="starting_token")
    parser.add_argument("--page-size", dest="page_size", type=int)
    parser.add_argument("--max-items", dest="max_items", type=int)


def pagination_config(
    operation: Operation, parsed: argparse.Namespace, paginate: bool
) -> dict[str, Any] | None:
    """The ``PaginationConfig`` to page with, or ``None`` for one call (the AWS CLI's error
    for ``--no-paginate`` together with a paging option)."""
    paging = operation.paging
    if paging is None:
        return None
    manual = any(
        # argparse's destination of the member's option: botocore's name with "_".
        getattr(parsed, xform_name(member), None) is not None
        for member in (paging.input_token, paging.limit_key)
    )
    if paginate and not manual:
        config = {
            key: getattr(parsed, dest)
            for _, key, dest in OPTIONS
            if getattr(parsed, dest, None) is not None
        }
        if config.get("MaxItems", 1) <= 0:
            sys.stderr.write(
                "warning: Non-positive values for --max-items may result in undefined behavior.\n"
            )
        return config
    # The AWS CLI tests the values' truth here, so --max-items 0 passes.
    used = [option for option, _, dest in OPTIONS if getattr(parsed, dest, None)]
    if used:
        raise CLIError(
            "Error during pagination: Cannot specify --no-paginate along with pagination "
            "arguments: " + ", ".join(used)
        )
    return None


def write_pages(output: str, operation: Operation, pages: Any, *, query: Any, color: str) -> None:
    """Print a page iterator in ``output``: merged, or page by page for ``text``."""
    if output != "text":
        write_output(output, operation.name, pages.build_full_result(), query=query, color=color)
        return
    assert operation.paging is not None
    result_key = operation.paging.result_key
    for page in pages:
        # Each page shows only its result key (these paginators have no other aggregate parts).
        part = {result_key: page.to_dict().get(result_key)}
        write_output(output, operation.name, part, query=query, color=color)
    if pages.resume_token is not None:
        # The AWS CLI tells where to go on from, in the text format too.
        token = {"NextToken": {"NextToken": pages.resume_token}}
        write_output(output, operation.name, token, query=query, color=color)

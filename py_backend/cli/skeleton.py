"""``--generate-cli-skeleton``: sample input and output documents (botocore's ArgumentGenerator).

Input skeletons have empty strings and zeros, for ``--cli-input-json``; output skeletons name
each string after its member (a list's element after its shape), as the AWS CLI's stubbed
call shows them.
"""

from __future__ import annotations

import json
import random
from typing import Any

from py_backend.cli.model import Shape


def generate_skeleton(shape: Shape, *, use_member_names: bool = False) -> Any:
    """A sample value of ``shape``."""
    return _sample(shape, "", use_member_names)


def _sample(shape: Shape, name: str, use_member_names: bool) -> Any:
    if shape.type == "structure":
        return {m.name: _sample(m.shape, m.name, use_member_names) for m in shape.members}
    if shape.type == "list":
        assert shape.member is not None
        element_name = shape.member.name if use_member_names else ""
        return [_sample(shape.member, element_name, use_member_names)]
    if shape.type == "string":
        if use_member_names:
            return name
        # botocore's ArgumentGenerator picks one allowed value at random, and so do we.
        return random.choice(shape.enum) if shape.enum else ""
    if shape.type == "boolean":
        return True
    return 0


def input_skeleton_text(shape: Shape) -> str:
    """The ``--generate-cli-skeleton input`` document, as the AWS CLI prints it."""
    return json.dumps(generate_skeleton(shape), indent=4) + "\n"

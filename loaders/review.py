"""Drafts are not records: a file that still holds proposals or gaps is refused, line by line.

`pactstore propose` writes a draft record in the record format with every proposed item marked
`review: proposed` and every gap a `TODO`. The curator accepts an item by deleting its mark and fills
or deletes every TODO; until then the file is a draft, and the build refuses it (before decoding, so
the curator sees "review this" rather than "unknown field `review`"). Nothing unreviewed reaches the store.
"""

from __future__ import annotations

import re

import yaml

from loaders.errors import SeedError
from loaders.yamlfile import YamlDocument

REVIEW_KEY = "review"
PROPOSED = "proposed"
_TODO = re.compile(r"^\s*TODO\b")


def unreviewed(doc: YamlDocument) -> list[SeedError]:
    """An error for every `review: proposed` mark and every TODO value left in the file."""
    if not doc.may_be_draft or doc.root is None:
        return []
    errors: list[SeedError] = []
    stack: list[tuple[yaml.Node, str]] = [(doc.root, "$")]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if id(node) in seen:  # an alias: its target is checked once
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                name = str(key.value)
                if name == REVIEW_KEY and isinstance(value, yaml.ScalarNode) and value.value == PROPOSED:
                    errors.append(
                        SeedError(
                            file=doc.file,
                            path=path,
                            line=key.start_mark.line + 1,
                            message="a proposal awaiting review: check it against the text, then delete this "
                            "`review: proposed` line to accept it (or delete the item)",
                        )
                    )
                    continue
                stack.append((value, f"{path}.{name}"))
        elif isinstance(node, yaml.SequenceNode):
            stack += [(child, f"{path}[{i}]") for i, child in reversed(list(enumerate(node.value)))]
        elif isinstance(node, yaml.ScalarNode) and isinstance(node.value, str) and _TODO.match(node.value):
            errors.append(
                SeedError(
                    file=doc.file,
                    path=path,
                    line=node.start_mark.line + 1,
                    message=f"a gap left by the draft ({node.value.strip()[:80]!r}): fill it in or delete the field",
                )
            )
    return sorted(errors, key=lambda e: e.line or 0)

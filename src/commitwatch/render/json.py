"""Changelog -> JSON, through the one cattrs converter. The layout is documented in the README.

The keys of the whole changelog come in the documented order (``versions`` before ``skipped``
and ``schema_version``), and the text is built piece by piece, one version at a time, so a
changelog of any size can be written as it is made. Pure: it returns strings.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from ..converter import make_converter
from ..model import Changelog, ChangelogHead, Version

__all__ = ["JSON_LAYOUT", "json_chunks", "render_json"]

JSON_LAYOUT = (
    "tool_version",
    "catalog_version",
    "catalog_title",
    "corpus",
    "families",
    "commitments",
    "versions",
    "skipped",
    "schema_version",
)
_PLACEHOLDER = "\x00versions\x00"


def render_json(changelog: Changelog) -> str:
    """The whole changelog as indented JSON (``schema_version`` names the layout).

    The text round-trips: ``make_converter().structure(json.loads(text), Changelog)`` gives the
    changelog back.
    """
    return "".join(json_chunks(changelog.head, changelog.versions))


def json_chunks(head: ChangelogHead, versions: Iterable[Version]) -> Iterator[str]:
    """The JSON of :func:`render_json` in pieces, for versions that come one at a time.

    Args:
        head: The changelog's head.
        versions: The versions, oldest first.
    """
    converter = make_converter()
    unstructured = converter.unstructure(head)
    data: dict[str, Any] = {key: _PLACEHOLDER if key == "versions" else unstructured[key] for key in JSON_LAYOUT}
    data["versions"] = [_PLACEHOLDER]
    before, after = json.dumps(data, indent=2, ensure_ascii=False).split(json.dumps(_PLACEHOLDER), 1)
    first = True
    for version in versions:
        text = json.dumps(converter.unstructure(version), indent=2, ensure_ascii=False)
        yield (before.rstrip() if first else ",") + "\n" + "\n".join("    " + line for line in text.splitlines())
        first = False
    if first:
        yield before.rstrip().removesuffix("[").rstrip() + " []" + after.lstrip().removeprefix("]") + "\n"
    else:
        yield "\n  " + after.lstrip() + "\n"

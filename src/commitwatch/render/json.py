"""Changelog -> JSON, through the one cattrs converter. The layout is documented in the README."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import TextIO

import attrs

from ..converter import make_converter
from ..model import Changelog, Version

__all__ = ["render_json", "write_json"]

_PLACEHOLDER = "\x00versions\x00"


def render_json(changelog: Changelog) -> str:
    """The whole changelog as indented JSON (``schema_version`` names the layout).

    The text round-trips: ``make_converter().structure(json.loads(text), Changelog)`` gives the
    changelog back.
    """
    out = io.StringIO()
    write_json(changelog, iter(changelog.versions), out)
    return out.getvalue()


def write_json(header: Changelog, versions: Iterable[Version], out: TextIO) -> None:
    """Write the JSON of :func:`render_json` for versions that come one at a time.

    Args:
        header: The changelog's header (its ``versions`` are not used).
        versions: The versions, oldest first.
        out: Where to write.
    """
    converter = make_converter()
    data = converter.unstructure(attrs.evolve(header, versions=()))
    data["versions"] = [_PLACEHOLDER]
    head, tail = json.dumps(data, indent=2, ensure_ascii=False).split(json.dumps(_PLACEHOLDER), 1)
    first = True
    for version in versions:
        text = json.dumps(converter.unstructure(version), indent=2, ensure_ascii=False)
        out.write((head.rstrip() if first else ",") + "\n" + "\n".join("    " + line for line in text.splitlines()))
        first = False
    if first:
        out.write(head.rstrip().removesuffix("[").rstrip() + " []" + tail.lstrip().removeprefix("]") + "\n")
    else:
        out.write("\n  " + tail.lstrip() + "\n")

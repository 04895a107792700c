"""Changelog -> JSON and back, through the one cattrs converter. The layout is documented in the README.

The keys of the whole changelog come in the documented order (``versions`` before ``skipped``
and ``schema_version``), and the text is built piece by piece, one version at a time, so a
changelog of any size can be written as it is made. It is compact (no indentation, so the C
encoder writes it; ``indent`` for people), and nothing in it is repeated: a change whose
``before`` is the observation an earlier version shows as ``after`` (nearly every one) leaves
``before`` out and names that version in ``before_version``. :func:`read_json` puts it back.
Pure: strings in, strings or changelogs out.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from cattrs.errors import BaseValidationError
from cattrs.v import transform_error

from ..converter import make_converter
from ..model import Changelog, ChangelogHead, Observation, Version

__all__ = ["JSON_LAYOUT", "SCHEMA_VERSION", "json_chunks", "read_json", "render_json"]

SCHEMA_VERSION = 3  # 3: compact, and a change's "before" left out where it is an earlier "after"
JSON_LAYOUT = (
    "tool_version",
    "catalog_version",
    "catalog_title",
    "corpus",
    "selection",
    "families",
    "commitments",
    "versions",
    "skipped",
    "schema_version",
)
_PLACEHOLDER = "\x00versions\x00"


def render_json(changelog: Changelog, *, indent: int | None = None) -> str:
    """The whole changelog as JSON (``schema_version`` names the layout).

    Args:
        changelog: The changelog.
        indent: Indent nested keys by this many spaces, for people (default: compact).

    The text round-trips: :func:`read_json` gives the changelog back.
    """
    return "".join(json_chunks(changelog.head, changelog.versions, indent=indent))


def json_chunks(head: ChangelogHead, versions: Iterable[Version], *, indent: int | None = None) -> Iterator[str]:
    """The JSON of :func:`render_json` in pieces, for versions that come one at a time.

    Args:
        head: The changelog's head.
        versions: The versions, oldest first.
        indent: As for :func:`render_json`.
    """
    converter = make_converter()
    unstructured = converter.unstructure(head)
    unstructured["schema_version"] = SCHEMA_VERSION
    data: dict[str, Any] = {key: _PLACEHOLDER if key == "versions" else unstructured[key] for key in JSON_LAYOUT}
    data["versions"] = [_PLACEHOLDER]
    separators = (",", ": ") if indent is not None else (",", ":")

    def dumps(value: Any) -> str:
        return json.dumps(value, indent=indent, ensure_ascii=False, separators=separators)

    before, after = dumps(data).split(json.dumps(_PLACEHOLDER), 1)
    shown: dict[str, tuple[int, Observation]] = {}  # per commitment, the version that last showed it as "after"
    texts = (dumps(_without_repeats(converter.unstructure(version), version, shown)) for version in versions)
    if indent is None:
        first = True
        for text in texts:
            yield (before if first else ",") + text
            first = False
        yield (before if first else "") + after + "\n"
        return
    pad = " " * (2 * indent)
    first = True
    for text in texts:
        yield (before.rstrip() if first else ",") + "\n" + "\n".join(pad + line for line in text.splitlines())
        first = False
    if first:
        yield before.rstrip().removesuffix("[").rstrip() + " []" + after.lstrip().removeprefix("]") + "\n"
    else:
        yield "\n" + " " * indent + after.lstrip() + "\n"


def _without_repeats(
    data: dict[str, Any], version: Version, shown: dict[str, tuple[int, Observation]]
) -> dict[str, Any]:
    """The version's unstructured data with each change's ``before`` left out where an earlier version shows it."""
    for change, change_data in zip(version.changes, data["changes"], strict=True):
        if change.before is not None:
            known = shown.get(change.commitment_id)
            if known is not None and known[0] == change.before_version and known[1] == change.before:
                del change_data["before"]
        if change.after is not None:
            shown[change.commitment_id] = (version.number, change.after)
    return data


def read_json(text: str) -> Changelog:
    """The changelog of :func:`render_json`'s text (of this schema, or of schema 2, which repeated ``before``).

    Raises:
        ValueError: The text is not JSON, not a changelog of a schema this version reads, or not
            whole (a change refers to a version the file does not hold, a key is missing or of the
            wrong kind); the message says which.
    """
    data = json.loads(text)
    if not isinstance(data, dict) or data.get("schema_version") not in (2, SCHEMA_VERSION):
        found = data.get("schema_version") if isinstance(data, dict) else None
        raise ValueError(f"not a commitwatch changelog of schema 2 or {SCHEMA_VERSION} (schema_version: {found!r})")
    afters: dict[tuple[int, str], Any] = {}
    try:
        for version in data.get("versions", []):
            for change in version["changes"]:
                if "before" not in change:
                    key = (change["before_version"], change["commitment_id"])
                    if key not in afters:
                        raise ValueError(
                            f"version {version['number']}'s change of {key[1]} refers to version {key[0]}, which "
                            "is not in the file (a version taken out of schema-3 JSON takes its references with it)"
                        )
                    change["before"] = afters[key]
                if change.get("after") is not None:
                    afters[(version["number"], change["commitment_id"])] = change["after"]
        data["schema_version"] = SCHEMA_VERSION
        changelog: Changelog = make_converter().structure(data, Changelog)
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"not a whole commitwatch changelog: {exc!r} is missing or of the wrong kind") from exc
    except BaseValidationError as exc:  # cattrs names every field that is wrong
        raise ValueError(f"not a whole commitwatch changelog: {'; '.join(transform_error(exc))}") from exc
    return changelog

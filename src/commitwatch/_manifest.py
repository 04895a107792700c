"""Statement metadata: the corpus manifest (strict) and per-file front matter (lenient).

The manifest is ours, so an unknown key in it is a mistake and an error with a did-you-mean.
Front matter is often written by other tools (static-site generators), so keys we do not know
are kept as extra metadata rather than rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import attrs

from ._dates import parse_iso_date
from ._yaml import LineDict, LineList, load_yaml
from .converter import make_converter, structure_yaml
from .errors import Problem

MANIFEST_NAMES = ("statements.yaml", "statements.yml")


@attrs.frozen
class ManifestEntry:
    """Metadata for one statement file, as written in the manifest."""

    file: str
    title: str = ""
    date: dt.date | None = None
    source: str = ""
    parties: tuple[str, ...] | None = None
    notes: str = ""
    variant_of: str | None = None


@attrs.frozen
class ManifestDefaults:
    """Metadata shared by every statement in the manifest unless an entry says otherwise."""

    parties: tuple[str, ...] = ()
    source: str = ""


@attrs.frozen
class Manifest:
    """The corpus manifest (``statements.yaml``)."""

    statements: tuple[ManifestEntry, ...] = ()
    defaults: ManifestDefaults = ManifestDefaults()


@attrs.frozen
class LoadedManifest:
    """A manifest with the line of each entry, for located messages."""

    manifest: Manifest
    path: str
    entry_lines: dict[str, int]

    def entry(self, file: str) -> ManifestEntry | None:
        for entry in self.manifest.statements:
            if entry.file == file:
                return entry
        return None


def find_manifest(folder: Path) -> Path | None:
    """The manifest file in ``folder``, if there is one."""
    for name in MANIFEST_NAMES:
        candidate = folder / name
        if candidate.is_file():
            return candidate
    return None


def parse_manifest(text: str, shown: str) -> tuple[LoadedManifest | None, list[Problem]]:
    """Parse and validate a manifest; every problem is located by line."""
    data, problems = load_yaml(text, shown)
    if problems:
        return None, problems
    if data is None:
        return LoadedManifest(Manifest(), shown, {}), []
    manifest, problems = structure_yaml(make_converter(), data, Manifest, shown)
    if manifest is None:
        return None, problems
    lines: dict[str, int] = {}
    entries = data.get("statements") if isinstance(data, LineDict) else None
    for index, entry in enumerate(manifest.statements):
        line = entries.line_of(index) if isinstance(entries, LineList) else None
        if entry.file in lines:
            problems.append(
                Problem(
                    f"'{entry.file}' is listed twice (first at line {lines[entry.file]})",
                    shown,
                    line,
                    "merge the two entries into one",
                )
            )
        lines[entry.file] = line or 0
        if Path(entry.file).is_absolute() or ".." in Path(entry.file).parts:
            problems.append(
                Problem(
                    f"'{entry.file}' is outside the manifest's folder",
                    shown,
                    line,
                    "list files by their name inside this folder; move the file here",
                )
            )
    return (None if problems else LoadedManifest(manifest, shown, lines)), problems


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)
KNOWN_FRONT_MATTER = ("title", "date", "source", "parties", "notes", "variant_of")


@attrs.frozen
class FrontMatter:
    """Metadata from a statement's own front-matter block."""

    end: int  # offset just past the closing '---' line: the body starts here
    title: str = ""
    date: dt.date | None = None
    source: str = ""
    parties: tuple[str, ...] | None = None
    notes: str = ""
    variant_of: str | None = None
    extra: dict[str, str] = attrs.Factory(dict)


def parse_front_matter(text: str, shown: str) -> tuple[FrontMatter | None, list[Problem]]:
    """Read a leading ``---`` YAML block, if the text starts with one.

    Returns:
        (None, []) when there is no front matter; the front matter and no problems when it
        reads; (None, problems) when it is broken, each problem with its line in the file.
    """
    found = _FRONT_MATTER.match(text)
    if found is None:
        if re.match(r"\A(?:\ufeff)?---[ \t]*\r?\n", text):
            return None, [
                Problem("front matter starts with '---' but never ends", shown, 1, "add a closing '---' line")
            ]
        return None, []
    data, problems = load_yaml(found.group(1), shown, line_offset=1)
    if problems:
        return None, problems
    if data is None:
        return FrontMatter(end=found.end()), []
    if not isinstance(data, LineDict):
        return None, [Problem("front matter must be a mapping of 'key: value' lines", shown, 2, None)]
    values: dict[str, Any] = {}
    extra: dict[str, str] = {}
    for key, value in data.items():
        line = data.line_of(key)
        if key not in KNOWN_FRONT_MATTER:
            extra[str(key)] = _as_text(value)
            continue
        try:
            values[key] = _front_matter_value(key, value)
        except ValueError as exc:
            problems.append(Problem(f"front matter '{key}': {exc}", shown, line, None))
    if problems:
        return None, problems
    return FrontMatter(end=found.end(), extra=extra, **values), []


def _front_matter_value(key: str, value: Any) -> Any:
    if key == "date":
        if isinstance(value, str):
            return parse_iso_date(value)
        raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD")
    if key == "parties":
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        if isinstance(value, list) and all(isinstance(item, str) for item in value):
            return tuple(value)
        raise ValueError("write the parties as a list of names")
    if value is None:
        return None if key == "variant_of" else ""
    if not isinstance(value, (str, int, float)):
        raise ValueError("expected text")
    return str(value)


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {_as_text(item)}" for key, item in value.items())
    return "" if value is None else str(value)

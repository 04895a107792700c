"""Statement metadata: the corpus manifest (strict) and per-file front matter (lenient).

Both are read into the one :class:`~commitwatch.model.StatementMeta`, by the one converter.
The manifest is ours, so an unknown key in it is a mistake and an error with a did-you-mean.
Front matter is often written by other tools (static-site generators), so keys we do not know
are kept as extra metadata rather than rejected, and plain numbers are read as text.
"""

from __future__ import annotations

import functools
import posixpath
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import cattrs

from .._yaml import LineDict, load_yaml
from ..converter import make_converter, structure_yaml
from ..errors import Problem
from ..model import StatementMeta

__all__ = [
    "MANIFEST_NAMES",
    "FrontMatter",
    "Manifest",
    "ManifestDefaults",
    "find_manifest",
    "parse_front_matter",
    "parse_manifest",
]

MANIFEST_NAMES = ("statements.yaml", "statements.yml")
KNOWN_FRONT_MATTER = (
    "title", "date", "time", "source", "parties", "notes", "variant_of", "occasion", "order", "subjects"
)  # fmt: skip


@attrs.frozen
class ManifestEntry:
    """One statement file of the manifest, and what the manifest says of it."""

    file: str
    meta: StatementMeta
    line: int = 0


@attrs.frozen
class ManifestDefaults:
    """Metadata shared by every statement in the manifest unless an entry says otherwise."""

    parties: tuple[str, ...] = ()
    source: str = ""


@attrs.frozen
class Manifest:
    """The corpus manifest (``statements.yaml``) of one folder.

    Attributes:
        path: The manifest's file, as messages show it.
        statements: Its entries, in the order written.
        defaults: What applies to every entry that does not say otherwise.
    """

    path: str = ""
    statements: tuple[ManifestEntry, ...] = ()
    defaults: ManifestDefaults = ManifestDefaults()
    _by_file: dict[str, ManifestEntry] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # one look-up per statement file, however long the manifest; "./x.txt" names x.txt
        index = {listed_name(entry.file): entry for entry in reversed(self.statements)}
        object.__setattr__(self, "_by_file", index)

    def meta(self, file: str) -> StatementMeta | None:
        """What the manifest says of ``file``, or None when it does not list it."""
        entry = self._by_file.get(file)
        return entry.meta if entry is not None else None

    def lists(self, file: str) -> bool:
        """Whether the manifest has an entry for ``file``."""
        return file in self._by_file


def listed_name(file: str) -> str:
    """A manifest entry's file as the folder names it: "./x.txt" and "x.txt" are one file."""
    return posixpath.normpath(file.replace("\\", "/"))


@attrs.frozen
class FrontMatter:
    """A statement's own front-matter block: its metadata, and where the body starts."""

    meta: StatementMeta
    end: int  # offset just past the closing '---' line


def find_manifest(folder: Path) -> Path | None:
    """The manifest file in ``folder``, if there is one."""
    for name in MANIFEST_NAMES:
        candidate = folder / name
        if candidate.exists():  # a FIFO or device under the name is refused when read, never ignored
            return candidate
    return None


@functools.cache
def _converter() -> cattrs.Converter:
    converter = make_converter(from_files=True)
    meta = converter.get_structure_hook(StatementMeta)

    def entry(value: Any, _: Any) -> ManifestEntry:
        if not isinstance(value, LineDict):
            raise TypeError("expected a mapping with 'file:' and the statement's metadata")
        rest = LineDict((key, item) for key, item in value.items() if key != "file")
        rest.line, rest.key_lines = value.line, value.key_lines
        return ManifestEntry(converter.structure(value["file"], str), meta(rest, StatementMeta), value.line)

    converter.register_structure_hook(ManifestEntry, entry)
    return converter


def parse_manifest(text: str, shown: str) -> tuple[Manifest | None, list[Problem]]:
    """Parse and validate a manifest; every problem is located by line."""
    data, problems = load_yaml(text, shown)
    if problems:
        return None, problems
    if data is None:
        return Manifest(shown), []
    manifest, problems = structure_yaml(_converter(), data, Manifest, shown)
    if manifest is None:
        return None, problems
    manifest = attrs.evolve(manifest, path=shown)
    first: dict[str, int] = {}
    for entry in manifest.statements:
        if entry.file in first:
            problems.append(
                Problem(
                    f"'{entry.file}' is listed twice (first at line {first[entry.file]})",
                    shown,
                    entry.line,
                    "merge the two entries into one",
                )
            )
        first.setdefault(entry.file, entry.line)
        if Path(entry.file).is_absolute() or ".." in Path(entry.file).parts:
            problems.append(
                Problem(
                    f"'{entry.file}' is outside the manifest's folder",
                    shown,
                    entry.line,
                    "list files by their name inside this folder; move the file here",
                )
            )
    return (None if problems else manifest), problems


_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


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
        return FrontMatter(StatementMeta(), found.end()), []
    if not isinstance(data, LineDict):
        return None, [Problem("front matter must be a mapping of 'key: value' lines", shown, 2, None)]
    known = LineDict()
    known.line, known.key_lines = data.line, data.key_lines
    extra: dict[str, str] = {}
    for key, value in data.items():
        if key not in KNOWN_FRONT_MATTER:
            extra[str(key)] = _as_text(value)
        elif value is not None:
            known[key] = _lenient(key, value)
    meta, problems = structure_yaml(_converter(), known, StatementMeta, shown)
    if meta is None:
        return None, [_front_matter_problem(problem) for problem in problems]
    return FrontMatter(attrs.evolve(meta, extra=extra), found.end()), []


def _front_matter_problem(problem: Problem) -> Problem:
    """``'x' is not a date ... (at date)`` as ``front matter 'date': 'x' is not a date ...``."""
    found = re.fullmatch(r"(.*) \(at (\w+)\)", problem.what, re.DOTALL)
    what = f"front matter '{found[2]}': {found[1]}" if found else f"front matter: {problem.what}"
    return attrs.evolve(problem, what=what)


def _lenient(key: str, value: Any) -> Any:
    """Front matter as other tools write it: ``parties: A, B`` is a list, a number in a text field is text."""
    if key == "parties" and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if key == "subjects" and isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if (
        key not in {"date", "time", "parties", "order", "subjects"}
        and isinstance(value, (int, float))
        and not isinstance(value, bool)
    ):
        return str(value)
    return value


def _as_text(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(item) for item in value)
    if isinstance(value, Mapping):
        return ", ".join(f"{key}: {_as_text(item)}" for key, item in value.items())
    return "" if value is None else str(value)

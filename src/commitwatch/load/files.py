"""Folders and files -> the statement files to read, each with what its folder says about it.

A folder may hold a manifest (``statements.yaml``) with each file's metadata and a
``cleaning.yaml`` with extra cleaning rules. Nothing is left out silently: what cannot be a
statement (a sub-folder, a file of another kind, a manifest entry whose file is missing) becomes
a :class:`~commitwatch.model.SkippedFile` with its reason and what to do.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import attrs

from .._files import MAX_TEXT_BYTES, read_regular_text
from ..errors import InputError, Problem, StatementError, display_path, readable_name
from ..model import SkippedFile, StatementMeta
from .cleaning import CleaningRules, default_cleaning_rules, load_cleaning_rules
from .metadata import MANIFEST_NAMES, Manifest, ManifestDefaults, find_manifest, parse_manifest

__all__ = ["CLEANING_FILE", "MAX_STATEMENT_BYTES", "STATEMENT_SUFFIXES", "FileTask", "Plan", "folder_entries", "plan"]

STATEMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".html", ".htm", ".pdf")
MAX_STATEMENT_BYTES = MAX_TEXT_BYTES  # 20 MB: far above any official statement; a larger file is not one
CLEANING_FILE = "cleaning.yaml"


@attrs.frozen
class FileTask:
    """One statement file to read, with what its folder says about it.

    Attributes:
        path: The file.
        shown: Its name as reports show it (relative to its folder).
        listed: What the folder's manifest says of it, if the manifest lists it.
        defaults: The manifest's defaults, if there is a manifest.
        manifest: The manifest's path as reports show it, if there is one.
        rules: The cleaning rules for its folder.
        max_bytes: Past this size the file is skipped, unread.
    """

    path: Path
    shown: str
    listed: StatementMeta | None
    defaults: ManifestDefaults | None
    manifest: str | None
    rules: CleaningRules
    max_bytes: int = MAX_STATEMENT_BYTES


@attrs.frozen
class Plan:
    """What a run will read: the statement files, those already known to be unusable, and a name.

    Attributes:
        tasks: The files to read, in the order given (folders in name order).
        skipped: Files already known to be unusable, with the reasons.
        corpus: How reports name the corpus ("the shipped seeds", a folder relative to here).
    """

    tasks: tuple[FileTask, ...]
    skipped: tuple[SkippedFile, ...]
    corpus: str


def plan(*sources: str | Path, cleaning: CleaningRules | None = None, max_bytes: int = MAX_STATEMENT_BYTES) -> Plan:
    """List the statement files of ``sources`` without reading them.

    Args:
        sources: Folders (all statement files in them, with their manifest) and single files.
        cleaning: Extra cleaning rules, added to the defaults (and to a folder's cleaning.yaml).
        max_bytes: Files larger than this are skipped, unread (default 20 MB).

    Raises:
        InputError: A source does not exist.
        StatementError: A manifest is broken, or there is no statement file at all.
    """
    if not sources:
        raise InputError(Problem("no statements given", None, None, "name a folder or statement files"))
    tasks: list[FileTask] = []
    skipped: list[SkippedFile] = []
    seen: set[Path] = set()
    found_any = False
    for source in sources:
        path = Path(source)
        if not path.exists():
            raise InputError(Problem(f"no such file or folder: {path}", None, None, "check the path"))
        for item in enumerate_files(path, cleaning, seen):
            found_any = True
            if isinstance(item, FileTask):
                tasks.append(attrs.evolve(item, max_bytes=max_bytes) if max_bytes != item.max_bytes else item)
            else:
                skipped.append(item)
    if not found_any:
        shown = ", ".join(str(source) for source in sources)
        raise StatementError(
            Problem(
                f"no statement files found in {shown}",
                None,
                None,
                f"put statements there as {', '.join(STATEMENT_SUFFIXES)} files",
            )
        )
    return Plan(tuple(tasks), tuple(skipped), ", ".join(_label(Path(source)) for source in sources))


def _label(path: Path) -> str:
    """How the report names a source: relative to the working folder, or "the shipped seeds"."""
    from .._shipped import shipped_seeds

    try:
        if path.resolve() == shipped_seeds().resolve():
            return "the shipped seeds"
    except InputError:
        pass
    return display_path(path)


@attrs.frozen
class FolderEntry:
    """One entry of a folder: its path, its resolved path, and whether it is a folder."""

    path: Path
    real: Path
    is_dir: bool


def folder_entries(folder: Path) -> list[FolderEntry]:
    """A folder's entries in name order.

    One directory read: entries that are not symbolic links resolve through the folder, without
    a system call each (a corpus folder may hold tens of thousands of files).
    """
    real_folder = folder.resolve()
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            path = folder / entry.name
            real = _resolved(path) if entry.is_symlink() else real_folder / entry.name
            try:
                is_dir = entry.is_dir()
            except OSError:  # a link that loops: not a folder; reading it is skipped with the reason
                is_dir = False
            found.append(FolderEntry(path, real, is_dir))
    found.sort(key=_name_of)
    return found


def _resolved(path: Path) -> Path:
    """Where a symbolic link leads; a loop leads nowhere, and reading it is then skipped with the reason."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):
        return path


def _name_of(entry: FolderEntry) -> str:
    return entry.path.name


def enumerate_files(path: Path, cleaning: CleaningRules | None, seen: set[Path]) -> Iterable[FileTask | SkippedFile]:
    """The statement files of a folder (or one file), with their manifest entries and rules."""
    folder = path if path.is_dir() else path.parent
    manifest = _load_manifest(folder)
    rules = default_cleaning_rules()
    if (folder / CLEANING_FILE).exists():  # read even if it is no regular file, to be refused
        rules = rules.extended(load_cleaning_rules(folder / CLEANING_FILE))
    if cleaning is not None:
        rules = rules.extended(cleaning)
    defaults = manifest.defaults if manifest is not None else None
    shown_manifest = manifest.path if manifest is not None else None

    def task(file: Path, shown: str) -> FileTask:
        listed = manifest.meta(file.name) if manifest is not None else None
        return FileTask(file, shown, listed, defaults, shown_manifest, rules)

    if not path.is_dir():
        if path.resolve() not in seen:
            seen.add(path.resolve())
            yield task(path, readable_name(path.name))
        return
    consumed = {*MANIFEST_NAMES, CLEANING_FILE}
    language = Path(rules.language) if rules.language is not None and Path(rules.language).is_absolute() else None
    for found in folder_entries(path):
        child = found.path
        if child.name in consumed or child.name.startswith(".") or found.real == language:
            continue  # read as the folder's settings, not statements
        if found.is_dir:
            yield SkippedFile(
                readable_name(child.name) + "/",
                "a folder inside the corpus folder is not searched",
                "pass it as its own argument",
            )
        elif child.suffix.lower() not in STATEMENT_SUFFIXES and not (
            manifest is not None and manifest.lists(child.name)
        ):
            yield SkippedFile(
                readable_name(child.name),
                f"not a statement file ({child.suffix or 'no suffix'})",
                f"convert it to one of {', '.join(STATEMENT_SUFFIXES)}",
            )
        elif found.real not in seen:
            seen.add(found.real)
            yield task(child, readable_name(child.name))
    if manifest is not None:
        for entry in manifest.statements:
            if not (path / entry.file).exists():
                yield SkippedFile(
                    entry.file,
                    f"listed in {manifest.path} but the file is missing",
                    "restore the file or remove its entry from the manifest",
                    line=entry.line or None,
                )


def _load_manifest(folder: Path) -> Manifest | None:
    manifest_path = find_manifest(folder)
    if manifest_path is None:
        return None
    shown = display_path(manifest_path)
    try:
        text = read_regular_text(manifest_path, "the manifest")
    except InputError as exc:
        raise StatementError(exc.problems) from None
    loaded, problems = parse_manifest(text, shown)
    if problems or loaded is None:
        raise StatementError(problems)
    return loaded

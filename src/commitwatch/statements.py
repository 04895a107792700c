"""Files -> cleaned, dated, deduplicated statements, plus what was skipped and why.

A corpus is read from folders and files. A folder may hold a manifest (``statements.yaml``)
with each file's metadata, and a ``cleaning.yaml`` with extra cleaning rules. A statement file
may carry its own YAML front matter instead. Nothing is dropped silently: a file that cannot be
used becomes a :class:`~commitwatch.model.SkippedFile` with its reason and what to do.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import attrs

from ._manifest import (
    MANIFEST_NAMES,
    FrontMatter,
    LoadedManifest,
    ManifestDefaults,
    ManifestEntry,
    find_manifest,
    parse_front_matter,
    parse_manifest,
)
from ._normalize import normalize, slice_segments
from ._sentences import split_sentences
from ._variants import DEFAULT_THRESHOLD, Fingerprint, Words, fingerprint, group_variants, words_of
from .cleaning import CleaningRules, default_cleaning_rules, extract, iter_paragraphs, load_cleaning_rules, split_lines
from .errors import InputError, Problem, StatementError, display_path
from .model import CleaningStep, Corpus, Sentence, SkippedFile, Statement, StatementMeta

__all__ = ["STATEMENT_SUFFIXES", "FileTask", "assemble", "load_statement", "load_statements", "plan", "read_task"]

STATEMENT_SUFFIXES = (".txt", ".md", ".markdown", ".text")
CLEANING_FILE = "cleaning.yaml"
_BINARY_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def load_statements(
    *sources: str | Path,
    cleaning: CleaningRules | None = None,
    variant_threshold: float = DEFAULT_THRESHOLD,
) -> Corpus:
    """Load a corpus of statements from folders and files.

    Args:
        sources: Folders (all statement files in them, with their manifest) and single files.
        cleaning: Extra cleaning rules, added to the defaults (and to a folder's cleaning.yaml).
        variant_threshold: Word similarity (0..1) at which two texts count as one statement.

    Returns:
        The canonical statements in date order with their variants, and every skipped file.

    Raises:
        InputError: A source does not exist.
        StatementError: A manifest is broken (every problem listed, with lines), or no statement
            file was found at all.

    Example:
        >>> from commitwatch import load_statements, shipped_seeds
        >>> corpus = load_statements(shipped_seeds())
        >>> [statement.meta.date.isoformat() for statement in corpus.statements]
        ['2022-05-27', '2023-07-14', '2023-10-25', '2023-12-21']
    """
    tasks, skipped, root = plan(*sources, cleaning=cleaning)
    read: list[Statement] = []
    for task in tasks:
        item = read_task(task)
        (read if isinstance(item, Statement) else skipped).append(item)  # type: ignore[arg-type]
    manifests = {task.path.stem: task.manifest for task in tasks if task.manifest is not None}
    prints = [fingerprint(statement) for statement in read]
    groups, more_skipped = assemble(read, prints, lambda i: words_of(read[i]), manifests, variant_threshold)
    canonical = [statement for _, statement in groups]
    return Corpus(
        root=root, statements=tuple(canonical), skipped=tuple(sorted([*skipped, *more_skipped], key=_by_path))
    )


@attrs.frozen
class FileTask:
    """One statement file to read, with what its folder says about it.

    Attributes:
        path: The file.
        shown: Its name as reports show it (relative to its folder).
        entry: Its manifest entry, if the manifest lists it.
        defaults: The manifest's defaults, if there is a manifest.
        manifest: The manifest's path as reports show it, if there is one.
        rules: The cleaning rules for its folder.
    """

    path: Path
    shown: str
    entry: ManifestEntry | None
    defaults: ManifestDefaults | None
    manifest: str | None
    rules: CleaningRules


def plan(*sources: str | Path, cleaning: CleaningRules | None = None) -> tuple[list[FileTask], list[SkippedFile], str]:
    """List the statement files of ``sources`` without reading them.

    Returns:
        The files to read, the files already known to be unusable, and how to name the corpus.

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
        for item in _enumerate(path, cleaning, seen):
            found_any = True
            (tasks if isinstance(item, FileTask) else skipped).append(item)  # type: ignore[arg-type]
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
    return tasks, skipped, ", ".join(_label(Path(source)) for source in sources)


def assemble(
    statements: Sequence[Statement],
    prints: Sequence[Fingerprint],
    words: Callable[[int], Words],
    manifests: dict[str, str],
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[list[tuple[int, Statement]], list[SkippedFile]]:
    """Fold republished copies into their canonical statement and put the rest in date order.

    Args:
        statements: Every statement read (possibly stripped of its text).
        prints: Their fingerprints, in the same order.
        words: The words of statement ``i``, for comparing candidate copies.
        manifests: Statement id -> the manifest that describes it (for the no-date hint).
        threshold: Word similarity at which two texts count as one statement.

    Returns:
        ``(index, canonical statement with its variants)`` oldest first (ties by id), and the
        statements skipped for lack of a date.
    """
    canonical: list[tuple[int, Statement]] = []
    skipped: list[SkippedFile] = []
    for index, variants in group_variants(prints, words, threshold):
        statement = statements[index]
        if statement.meta.date is None:
            skipped.append(_undated(statement, manifests.get(statement.id)))
            skipped.extend(
                SkippedFile(variant.path, f"republished copy of {statement.id}, which has no date", "see above")
                for variant in variants
            )
            continue
        canonical.append((index, attrs.evolve(statement, variants=tuple(variants)) if variants else statement))
    canonical.sort(key=lambda item: (item[1].meta.date, item[1].id))
    return canonical, skipped


def _by_path(item: SkippedFile) -> str:
    return item.path


def _label(path: Path) -> str:
    """How the report names a source: relative to the working folder, or "the shipped seeds"."""
    from ._shipped import shipped_seeds

    try:
        if path.resolve() == shipped_seeds().resolve():
            return "the shipped seeds"
    except InputError:
        pass
    return display_path(path)


def load_statement(path: str | Path, *, cleaning: CleaningRules | None = None) -> Statement:
    """Load one statement file (with its folder's manifest entry, if any).

    Raises:
        StatementError: The file cannot be used; the message says why and what to do.
    """
    items = [
        read_task(task) if isinstance(task, FileTask) else task for task in _enumerate(Path(path), cleaning, set())
    ]
    item = items[0] if items else SkippedFile(str(path), "not a statement file")
    if isinstance(item, SkippedFile):
        raise StatementError(Problem(item.reason, item.path, item.line, item.hint or None))
    return item


def _undated(statement: Statement, manifest: str | None) -> SkippedFile:
    if manifest is not None:
        hint = f"add 'date: YYYY-MM-DD' for {statement.path} in {manifest}"
    else:
        hint = (
            f"add 'date: YYYY-MM-DD' to a front-matter block at the top of {statement.path}, "
            f"or list it with a date in {MANIFEST_NAMES[0]}"
        )
    return SkippedFile(statement.path, "no date: none in its metadata and no dateline in its header", hint)


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
            real = path.resolve() if entry.is_symlink() else real_folder / entry.name
            found.append(FolderEntry(path, real, entry.is_dir()))
    found.sort(key=_name_of)
    return found


def _name_of(entry: FolderEntry) -> str:
    return entry.path.name


def _enumerate(path: Path, cleaning: CleaningRules | None, seen: set[Path]) -> Iterable[FileTask | SkippedFile]:
    """The statement files of a folder (or one file), with their manifest entries and rules."""
    folder = path if path.is_dir() else path.parent
    manifest = _load_manifest(folder)
    rules = default_cleaning_rules()
    if (folder / CLEANING_FILE).is_file():
        rules = rules.extended(load_cleaning_rules(folder / CLEANING_FILE))
    if cleaning is not None:
        rules = rules.extended(cleaning)
    defaults = manifest.manifest.defaults if manifest is not None else None
    shown_manifest = manifest.path if manifest is not None else None

    def task(file: Path, shown: str) -> FileTask:
        entry = manifest.entry(file.name) if manifest is not None else None
        return FileTask(file, shown, entry, defaults, shown_manifest, rules)

    if not path.is_dir():
        if path.resolve() not in seen:
            seen.add(path.resolve())
            yield task(path, path.name)
        return
    consumed = {*MANIFEST_NAMES, CLEANING_FILE}
    listed = {entry.file for entry in manifest.manifest.statements} if manifest else set()
    for found in folder_entries(path):
        child = found.path
        if child.name in consumed or child.name.startswith("."):
            continue
        if found.is_dir:
            yield SkippedFile(
                child.name + "/", "a folder inside the corpus folder is not searched", "pass it as its own argument"
            )
        elif child.suffix.lower() not in STATEMENT_SUFFIXES and child.name not in listed:
            yield SkippedFile(
                child.name,
                f"not a statement file ({child.suffix or 'no suffix'})",
                f"convert it to one of {', '.join(STATEMENT_SUFFIXES)}",
            )
        elif found.real not in seen:
            seen.add(found.real)
            yield task(child, child.name)
    if manifest is not None:
        for entry in manifest.manifest.statements:
            if not (path / entry.file).exists():
                yield SkippedFile(
                    entry.file,
                    f"listed in {manifest.path} but the file is missing",
                    "restore the file or remove its entry from the manifest",
                    line=manifest.entry_lines.get(entry.file),
                )


def _load_manifest(folder: Path) -> LoadedManifest | None:
    manifest_path = find_manifest(folder)
    if manifest_path is None:
        return None
    shown = display_path(manifest_path)
    try:
        text = manifest_path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise StatementError(
            Problem(
                f"the manifest is not UTF-8 text ({exc.reason} at byte {exc.start})", shown, None, "save it as UTF-8"
            )
        ) from None
    except OSError as exc:
        raise StatementError(
            Problem(f"cannot read the manifest: {exc.strerror}", shown, None, "check its permissions")
        ) from None
    loaded, problems = parse_manifest(text, shown)
    if problems or loaded is None:
        raise StatementError(problems)
    return loaded


def read_task(task: FileTask) -> Statement | SkippedFile:
    """Read, clean, date and split one statement file; a file that cannot be used is skipped.

    Args:
        task: The file and what its folder says about it (see :func:`plan`).
    """
    path, shown, rules = task.path, task.shown, task.rules
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return SkippedFile(
            shown, f"cannot read the file: {exc.strerror or exc}", "check that it exists and is readable"
        )
    if not raw.strip():
        return SkippedFile(shown, "empty file", "add the statement's text or remove the file")
    head = raw[:8192]
    if b"\x00" in head or len(_BINARY_CONTROL.findall(head)) > len(head) // 20:
        return SkippedFile(shown, "binary file, not text", "convert it to plain UTF-8 text")
    text, encoding, decode_steps = _decode(raw)
    if not text.strip():
        return SkippedFile(shown, "empty file", "add the statement's text or remove the file")

    front, problems = parse_front_matter(text, shown)
    if problems:
        first = problems[0]
        return SkippedFile(
            shown,
            f"broken front matter: {first.what}",
            first.hint or "fix the YAML between the '---' lines",
            first.line,
        )
    meta, meta_steps = _metadata(task.entry, front, task.defaults)

    offset = front.end if front is not None else 0
    normalized = normalize(text[offset:])
    lines = split_lines(normalized.text)
    extraction = extract(lines, rules)

    def original(position: int, end: bool = False) -> int:
        return offset + normalized.to_original(position, end=end)

    steps: list[CleaningStep] = list(decode_steps)
    if front is not None:
        steps.append(CleaningStep("front-matter", "removed", "front matter, read as metadata", 0, front.end, "---"))
    steps.extend(
        attrs.evolve(step, start=original(step.start or 0), end=original(step.end or 0, end=True))
        for step in extraction.removed
    )
    steps.extend(
        attrs.evolve(step, start=original(step.start), end=original(step.end or 0, end=True))
        if step.start is not None
        else step
        for step in normalized.steps
    )

    sentences: list[Sentence] = []
    for paragraph_index, paragraph in enumerate(iter_paragraphs(extraction.body)):
        para_start, para_end = paragraph[0].start, paragraph[-1].end
        para_text = normalized.text[para_start:para_end]
        for start, end in split_sentences(para_text):
            norm_start, norm_end = para_start + start, para_start + end
            orig_start, orig_end = original(norm_start), original(norm_end, end=True)
            sentences.append(
                Sentence(
                    index=len(sentences),
                    paragraph=paragraph_index,
                    start=orig_start,
                    end=orig_end,
                    text=text[orig_start:orig_end],
                    normalized=_one_line(normalized.text[norm_start:norm_end]),
                    offsets=slice_segments(normalized.segments, norm_start, norm_end),
                )
            )
    if not sentences:
        removed = "; ".join(f"{step.rule}" for step in steps if step.action == "removed") or "nothing"
        return SkippedFile(
            shown,
            f"no statement text left after cleaning (removed: {removed})",
            "check the cleaning rules against this file",
        )

    title = meta.title
    if not title and extraction.title is not None:
        title = extraction.title.stripped.lstrip("#").strip()
    date, date_source = meta.date, meta.date_source
    if extraction.date is not None:
        dateline = extraction.dateline
        assert dateline is not None
        if date is None:
            date, date_source = extraction.date, "dateline"
        elif date != extraction.date:
            steps.append(
                CleaningStep(
                    "date-disagreement",
                    "noted",
                    f"the {date_source} gives {date.isoformat()} but the dateline on line {dateline.number} "
                    f"reads {extraction.date.isoformat()}; the {date_source} date is used",
                    original(dateline.start),
                    original(dateline.end, end=True),
                    dateline.stripped,
                )
            )
    steps.extend(meta_steps)
    steps.sort(key=lambda step: (step.start is None, step.start or 0))
    return Statement(
        id=_statement_id(path),
        path=shown,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        meta=attrs.evolve(meta, title=title, date=date, date_source=date_source if date else ""),
        text=text,
        sentences=tuple(sentences),
        cleaning=tuple(steps),
    )


def _statement_id(path: Path) -> str:
    return path.stem


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ").replace("\t", " ")


def _decode(raw: bytes) -> tuple[str, str, list[CleaningStep]]:
    steps = []
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
        steps.append(
            CleaningStep(
                "byte-order-mark", "decoded", "a UTF-8 byte-order mark was left out (offsets count from after it)"
            )
        )
    try:
        return raw.decode("utf-8"), "utf-8", steps
    except UnicodeDecodeError as exc:
        where = f"byte 0x{raw[exc.start]:02x} at offset {exc.start}"
    try:
        text, encoding = raw.decode("windows-1252"), "windows-1252"
    except UnicodeDecodeError:
        text, encoding = raw.decode("latin-1"), "latin-1"
    steps.append(
        CleaningStep(
            "decode-fallback",
            "decoded",
            f"not valid UTF-8 ({where}); decoded as {encoding} instead: "
            "check its quotes and accents, or save it as UTF-8",
        )
    )
    return text, encoding, steps


def _metadata(
    entry: ManifestEntry | None, front: FrontMatter | None, defaults: ManifestDefaults | None
) -> tuple[StatementMeta, list[CleaningStep]]:
    steps: list[CleaningStep] = []

    def pick(name: str) -> object:
        from_entry = getattr(entry, name, None) if entry is not None else None
        from_front = getattr(front, name, None) if front is not None else None
        if from_entry not in (None, "") and from_front not in (None, "") and from_entry != from_front:
            steps.append(
                CleaningStep(
                    "metadata-disagreement",
                    "noted",
                    f"the manifest gives {name} {_show(from_entry)} and the front matter "
                    f"{_show(from_front)}; the manifest's is used",
                )
            )
        for value in (from_entry, from_front):
            if value not in (None, ""):
                return value
        return None

    date = pick("date")
    parties = pick("parties") or (defaults.parties if defaults is not None else ())
    extra = dict(front.extra) if front is not None else {}
    meta = StatementMeta(
        title=str(pick("title") or ""),
        date=date,  # type: ignore[arg-type]
        date_source=("manifest" if entry is not None and entry.date else "front matter") if date else "",
        source=str(pick("source") or (defaults.source if defaults is not None else "")),
        parties=tuple(parties),  # type: ignore[arg-type]
        notes=str(pick("notes") or ""),
        variant_of=pick("variant_of"),  # type: ignore[arg-type]
        extra=extra,
    )
    return meta, steps


def _show(value: object) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(str(item) for item in value) + "]"
    return repr(str(value))

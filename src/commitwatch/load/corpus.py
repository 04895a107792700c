"""Statements read -> a corpus: republished copies folded into one statement, the rest in date order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby
from pathlib import Path
from typing import TypeVar

import attrs

from ..errors import Problem, StatementError
from ..model import Corpus, SkippedFile, Statement, StatementInfo, StatementMeta
from .cleaning import CleaningRules
from .copies import DEFAULT_THRESHOLD, BodyWords, Fingerprint, body_words, fingerprint, group_variants
from .files import MAX_STATEMENT_BYTES, FileTask, enumerate_files, plan
from .metadata import MANIFEST_NAMES
from .read import read_file

__all__ = ["fold_copies", "load_statement", "load_statements"]

S = TypeVar("S", Statement, StatementInfo)


def load_statements(
    *sources: str | Path,
    cleaning: CleaningRules | None = None,
    variant_threshold: float = DEFAULT_THRESHOLD,
    max_bytes: int = MAX_STATEMENT_BYTES,
) -> Corpus:
    """Load a corpus of statements from folders and files, in memory.

    Args:
        sources: Folders (all statement files in them, with their manifest) and single files.
        cleaning: Extra cleaning rules, added to the defaults (and to a folder's cleaning.yaml).
        variant_threshold: Word similarity (0..1) at which two texts count as one statement.
        max_bytes: Files larger than this are skipped, unread (default 20 MB).

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
    planned = plan(*sources, cleaning=cleaning, max_bytes=max_bytes)
    read: list[Statement] = []
    skipped = list(planned.skipped)
    for task in planned.tasks:
        item = read_file(task)
        (read if isinstance(item, Statement) else skipped).append(item)  # type: ignore[arg-type]
    manifests = manifests_of(planned.tasks)
    prints = [fingerprint(statement) for statement in read]
    groups, undated = fold_copies(read, prints, lambda i: body_words(read[i]), manifests, variant_threshold)
    return Corpus(
        root=planned.corpus,
        statements=tuple(statement for _, statement in groups),
        skipped=tuple(sorted([*skipped, *undated], key=by_path)),
    )


def load_statement(path: str | Path, *, cleaning: CleaningRules | None = None) -> Statement:
    """Load one statement file (with its folder's manifest entry, if any).

    Raises:
        StatementError: The file cannot be used; the message says why and what to do.
    """
    items = [
        read_file(task) if isinstance(task, FileTask) else task for task in enumerate_files(Path(path), cleaning, set())
    ]
    item = items[0] if items else SkippedFile(str(path), "not a statement file")
    if isinstance(item, SkippedFile):
        raise StatementError(Problem(item.reason, item.path, item.line, item.hint or None))
    return item


def fold_copies(
    statements: Sequence[S],
    prints: Sequence[Fingerprint],
    words: Callable[[int], BodyWords],
    manifests: dict[str, str],
    threshold: float = DEFAULT_THRESHOLD,
) -> tuple[list[tuple[int, S]], list[SkippedFile]]:
    """Fold republished copies into their canonical statement and put the rest in date order.

    Args:
        statements: Every statement read (or what a changelog needs of each).
        prints: Their fingerprints, in the same order.
        words: The words of statement ``i``, for comparing candidate copies.
        manifests: Statement id -> the manifest that describes it (for the no-date hint).
        threshold: Word similarity at which two texts count as one statement.

    Returns:
        ``(index, canonical statement with its variants)`` oldest first (ties by id), and the
        statements skipped for lack of a date.
    """
    canonical: list[tuple[int, S]] = []
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
    canonical.sort(key=lambda item: date_order(item[1].meta, item[1].id))
    return _occasions_together(canonical), skipped


def _occasions_together(items: list[tuple[int, S]]) -> list[tuple[int, S]]:
    """The statements of one date with one occasion kept together, where the first of them stands
    (times can interleave two occasions of a day: X at 9:00, Y at 10:00, X at 11:00)."""
    result: list[tuple[int, S]] = []
    for _, same_day in groupby(items, key=lambda item: item[1].meta.date):
        by_occasion: dict[str, list[tuple[int, S]]] = {}
        for item in same_day:
            by_occasion.setdefault(item[1].meta.occasion, []).append(item)
        for members in by_occasion.values():
            result.extend(members)
    return result


def date_order(meta: StatementMeta, statement_id: str) -> tuple[object, ...]:
    """How statements are ordered: by date, then by their ``order`` among the day's, then by
    their ``time``, then by id (the file name)."""
    return (meta.date, meta.order is None, meta.order or 0, meta.time == "", meta.time, statement_id)


def manifests_of(tasks: Sequence[FileTask]) -> dict[str, str]:
    """Statement id -> the manifest describing its folder, for the files that have one."""
    return {task.path.stem: task.manifest for task in tasks if task.manifest is not None}


def by_path(item: SkippedFile) -> str:
    """Skip records are listed by path."""
    return item.path


def _undated(statement: Statement | StatementInfo, manifest: str | None) -> SkippedFile:
    if manifest is not None:
        hint = f"add 'date: YYYY-MM-DD' for {statement.path} in {manifest}"
    else:
        hint = (
            f"add 'date: YYYY-MM-DD' to a front-matter block at the top of {statement.path}, "
            f"or list it with a date in {MANIFEST_NAMES[0]}"
        )
    return SkippedFile(statement.path, "no date: none in its metadata and no dateline in its header", hint)

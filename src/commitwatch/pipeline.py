"""Statement files -> changelog, for corpora of any size: one statement at a time, on every core.

:func:`track_files` never holds a corpus's texts: each file is read, cleaned, matched and reduced to
what the changelog needs (its metadata, its reading and a small fingerprint for finding republished
copies, and its words, packed, in a temporary file) before the next one.
With ``jobs`` > 1 the files are read in worker processes; results come back in file order, so the
output is identical whatever the number of jobs.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from array import array
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import attrs

from ._parallel import ordered_chunks
from ._variants import DEFAULT_THRESHOLD, Fingerprint, Words, fingerprint, pack_words, unpack_words, words_of
from .changelog import changelog_header, iter_versions
from .cleaning import CleaningRules
from .matching import Matcher, sentence_words
from .model import Catalog, Changelog, SkippedFile, Statement, Version
from .statements import FileTask, assemble, plan, read_task

__all__ = ["PARALLEL_THRESHOLD", "resolve_jobs", "stream_files", "track_files"]

PARALLEL_THRESHOLD = 200  # statements; below this, starting worker processes costs more than it saves


@attrs.frozen
class _Read:
    statement: Statement
    reading: bytes  # pickled where it was made: the parent only stores it until its version comes
    fingerprint: Fingerprint
    words: bytes  # its words with their offsets, packed: unpacked only if it may be a copy


def resolve_jobs(jobs: int | None, statements: int) -> int:
    """How many processes to use: ``jobs`` if given, else every core for a large corpus, else one."""
    if jobs is not None:
        return max(1, jobs)
    return (os.cpu_count() or 1) if statements >= PARALLEL_THRESHOLD else 1


def track_files(
    *sources: str | Path,
    catalog: Catalog,
    cleaning: CleaningRules | None = None,
    jobs: int | None = None,
    variant_threshold: float = DEFAULT_THRESHOLD,
    on_statement: Callable[[int, int], None] | None = None,
) -> Changelog:
    """Read statement folders and files with a catalog and build the changelog.

    The same result as ``track(load_statements(*sources), catalog)``, without ever holding the
    statements' texts. For a changelog too large to hold, use :func:`stream_files`.

    Args:
        sources: Folders and files, as for :func:`~commitwatch.load_statements`.
        catalog: The catalog.
        cleaning: Extra cleaning rules.
        jobs: Worker processes (default: every core for 200 statements or more, else 1).
        variant_threshold: Word similarity at which two texts count as one statement.
        on_statement: Called as ``on_statement(done, total)`` after each file is read (for a
            progress display).

    Raises:
        InputError, StatementError: As :func:`~commitwatch.load_statements`.
    """
    with stream_files(
        *sources,
        catalog=catalog,
        cleaning=cleaning,
        jobs=jobs,
        variant_threshold=variant_threshold,
        on_statement=on_statement,
    ) as (header, versions):
        return attrs.evolve(header, versions=tuple(versions))


@contextmanager
def stream_files(
    *sources: str | Path,
    catalog: Catalog,
    cleaning: CleaningRules | None = None,
    jobs: int | None = None,
    variant_threshold: float = DEFAULT_THRESHOLD,
    on_statement: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[Changelog, Iterator[Version]]]:
    """Like :func:`track_files`, in memory that does not grow with the corpus's readings.

    Each statement's reading is written to a temporary file as soon as it is made, and read back
    when its version comes; the versions come one at a time. Use as a context manager::

        with stream_files("statements/", catalog=catalog) as (header, versions):
            for version in versions: ...

    Yields:
        The changelog without its versions (header, skipped files), and the versions, oldest first.
    """
    tasks, skipped, root = plan(*sources, cleaning=cleaning)
    statements: list[Statement] = []
    prints: list[Fingerprint] = []
    manifests: dict[str, str] = {}
    with _Spill() as spill, _Spill() as word_spill:
        outcomes = _read_all(tasks, catalog, resolve_jobs(jobs, len(tasks)))
        for done, (task, outcome) in enumerate(zip(tasks, outcomes, strict=True), start=1):
            if on_statement is not None:
                on_statement(done, len(tasks))
            if isinstance(outcome, SkippedFile):
                skipped.append(outcome)
                continue
            statements.append(outcome.statement)
            prints.append(outcome.fingerprint)
            if task.manifest is not None:
                manifests[task.path.stem] = task.manifest
            spill.add(outcome.reading)
            word_spill.add(outcome.words)

        def words(index: int) -> Words:
            return unpack_words(word_spill.get_bytes(index))

        groups, undated = assemble(statements, prints, words, manifests, variant_threshold)
        prints.clear()
        statements.clear()  # the canonical ones are in the groups
        header = changelog_header(catalog, corpus=root, skipped=sorted([*skipped, *undated], key=_path_of))
        readings = (spill.get(index) for index, _ in groups)
        yield header, iter_versions([statement for _, statement in groups], readings, catalog)


class _Spill:
    """Objects kept as bytes in a temporary file between the two passes, read back one at a time."""

    def __init__(self) -> None:
        self._file: Any = None
        self._offsets = array("q")

    def __enter__(self) -> _Spill:
        self._file = tempfile.TemporaryFile(prefix="commitwatch-")
        return self

    def __exit__(self, *_: object) -> None:
        self._file.close()

    def add(self, data: bytes) -> None:
        """Keep one object's bytes: pickled (see :meth:`get`) or in any other form (:meth:`get_bytes`)."""
        self._offsets.append(self._file.tell())
        self._file.write(data)

    def get(self, index: int) -> Any:
        """The ``index``-th object kept, unpickled."""
        self._file.seek(self._offsets[index])
        return pickle.load(self._file)

    def get_bytes(self, index: int) -> bytes:
        """The ``index``-th bytes kept."""
        start = self._offsets[index]
        end = self._offsets[index + 1] if index + 1 < len(self._offsets) else self._file.seek(0, os.SEEK_END)
        self._file.seek(start)
        data: bytes = self._file.read(end - start)
        return data


def _path_of(item: SkippedFile) -> str:
    return item.path


def _read_all(tasks: list[FileTask], catalog: Catalog, jobs: int) -> Iterator[_Read | SkippedFile]:
    if jobs <= 1 or len(tasks) < 2:
        matcher = Matcher(catalog)
        for task in tasks:
            yield _read_one(task, matcher)
        return
    chunk = max(1, min(32, len(tasks) // (jobs * 8)))
    global _worker_matcher
    _worker_matcher = Matcher(catalog)  # forked workers inherit it, patterns parsed once for all
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(catalog,)) as pool:
            for done, (_, results) in enumerate(
                ordered_chunks(pool, _work_chunk, tasks, chunk=chunk, in_flight=jobs * 3)
            ):
                if not done:
                    _worker_matcher = None  # the workers have started with it: the parent needs it no more
                yield from results
    finally:
        _worker_matcher = None


def _read_one(task: FileTask, matcher: Matcher) -> _Read | SkippedFile:
    statement = read_task(task)
    if isinstance(statement, SkippedFile):
        return statement
    words = sentence_words(statement)
    reading = pickle.dumps(matcher.read_words(statement, words), protocol=pickle.HIGHEST_PROTOCOL)
    return _Read(statement.stripped(), reading, fingerprint(statement, words), pack_words(words_of(statement, words)))


_worker_matcher: Matcher | None = None


def _start_worker(catalog: Catalog) -> None:
    global _worker_matcher
    if _worker_matcher is None or _worker_matcher.catalog is not catalog:  # a spawned, not forked, worker
        _worker_matcher = Matcher(catalog)


def _work_chunk(tasks: list[FileTask]) -> list[_Read | SkippedFile]:
    assert _worker_matcher is not None, "the worker was started with its catalog"
    return [_read_one(task, _worker_matcher) for task in tasks]

"""Statement files read and matched in worker processes, results in the files' order, in bounded memory.

Each worker holds a compiled matcher (inherited when forked, built when spawned); each file's
statement is read, matched and reduced to what the run keeps of it (:class:`Read`) in the
worker, so only small pieces cross between processes.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import TypeVar

import attrs

from ..load.copies import Fingerprint, body_words, fingerprint, pack_words
from ..load.files import FileTask
from ..load.read import read_file
from ..matching import Matcher, sentence_words
from ..model import Catalog, SkippedFile, StatementInfo

__all__ = ["Read", "ordered_chunks", "read_all", "read_one"]

T = TypeVar("T")
R = TypeVar("R")


def ordered_chunks(
    pool: Executor,
    function: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    chunk: int,
    in_flight: int,
) -> Iterator[tuple[list[T], list[R]]]:
    """Each chunk of ``items`` with ``function``'s results for it, in order.

    Unlike ``Executor.map``, which submits every item at once, at most ``in_flight`` chunks are
    submitted and not yet taken, so neither the items nor the results pile up; and no worker waits
    for the others, as it would at the end of each block of a blockwise ``map``.
    """
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) < chunk:
            continue
        pending.append((batch, pool.submit(function, batch)))
        batch = []
        if len(pending) >= in_flight:
            done, future = pending.popleft()
            yield done, future.result()
    if batch:
        pending.append((batch, pool.submit(function, batch)))
    while pending:
        done, future = pending.popleft()
        yield done, future.result()


@attrs.frozen
class Read:
    """What a run keeps of one statement file read and matched: no text, only what comes later.

    Attributes:
        info: What the changelog needs of the statement.
        reading: Its reading, pickled where it was made: kept as bytes until its version comes.
        fingerprint: What finding republished copies needs of it.
        words: Its words with their offsets, packed: unpacked only if it may be a copy.
    """

    info: StatementInfo
    reading: bytes
    fingerprint: Fingerprint
    words: bytes


def read_all(tasks: Sequence[FileTask], catalog: Catalog, jobs: int) -> Iterator[Read | SkippedFile]:
    """Read and match each file, in ``jobs`` processes; results come in the files' order."""
    if jobs <= 1 or len(tasks) < 2:
        matcher = Matcher(catalog)
        for task in tasks:
            yield read_one(task, matcher)
        return
    chunk = max(1, min(32, len(tasks) // (jobs * 8)))
    global _worker_matcher
    _worker_matcher = Matcher(catalog)  # forked workers inherit it, patterns parsed once for all
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker, initargs=(catalog, os.getpid()))
        try:
            for done, (_, results) in enumerate(
                ordered_chunks(pool, _work_chunk, tasks, chunk=chunk, in_flight=jobs * 3)
            ):
                if not done:
                    _worker_matcher = None  # the workers have started with it: the parent needs it no more
                yield from results
        except BaseException:
            # stopped (SIGTERM, Ctrl-C, an error, the reader gone): no chunk is started after this,
            # the workers end with the one they hold, and none outlives the run; a pool already
            # broken by the stop must not hide why the run stopped
            with contextlib.suppress(Exception):
                pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
    finally:
        _worker_matcher = None


def read_one(task: FileTask, matcher: Matcher) -> Read | SkippedFile:
    """One file read and matched, reduced to what the run keeps of it (or why it was skipped)."""
    statement = read_file(task)
    if isinstance(statement, SkippedFile):
        return statement
    words = sentence_words(statement)
    reading = pickle.dumps(matcher.read_words(statement, words), protocol=pickle.HIGHEST_PROTOCOL)
    return Read(statement.info, reading, fingerprint(statement, words), pack_words(body_words(statement, words)))


_worker_matcher: Matcher | None = None


def _start_worker(catalog: Catalog, parent: int) -> None:
    global _worker_matcher
    _end_with(parent)
    # a forked worker inherits the command's SIGTERM handler; it should simply end, as the pool expects
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops the pool
    if _worker_matcher is None or _worker_matcher.catalog is not catalog:  # a spawned, not forked, worker
        _worker_matcher = Matcher(catalog)


def _end_with(parent: int) -> None:
    """Make this worker end when the run's process does, however it ends (Linux; elsewhere the
    pool's own shutdown stops the workers). A worker forked while the run was being stopped
    would otherwise wait for work for ever."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the run ended before the request took hold
        os._exit(0)


_PR_SET_PDEATHSIG = 1


def _work_chunk(tasks: list[FileTask]) -> list[Read | SkippedFile]:
    assert _worker_matcher is not None, "the worker was started with its catalog"
    return [read_one(task, _worker_matcher) for task in tasks]
